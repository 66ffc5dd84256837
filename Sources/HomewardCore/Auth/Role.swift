/// What a user account may do; the whole matrix is ``Permission/granted``.
public enum Role: String, Sendable, CaseIterable, Codable {
    case admin
    case coordinator
    case volunteer
    case auditor
}
