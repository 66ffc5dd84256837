import Foundation

/// Invalid account requests.
public enum AccountError: HomewardFailure, Equatable {
    case invalidName(String)
    case nameTaken(String)
    case noSuchUser(String)
    case weakPassword(PasswordPolicyError)
    case lastAdmin(String)
    case selfChange(String)

    public var kind: FailureKind { .badInput }

    /// Whether a typed name may be repeated: only when it is a well-formed user name (anything else may be a
    /// password typed in the wrong place).
    static func isQuotable(_ name: String) -> Bool {
        (try? UserName.validate(name)) != nil || (try? UserName.validate(UserName.key(name))) != nil
    }

    public var errorDescription: String? {
        switch self {
        case .invalidName:
            // Not quoted: the text may be a password typed into the wrong field.
            "user name is not valid: use \(UserName.rule)"
        case let .nameTaken(name):
            "user name " + (Self.isQuotable(name) ? "\"\(name)\" " : "") + "is taken (names are compared without case); choose another"
        case let .noSuchUser(name):
            (Self.isQuotable(name) ? "no user named \"\(name)\"" : "no user has that name") + "; see 'homeward user list'"
        case let .weakPassword(reason):
            reason.localizedDescription
        case let .lastAdmin(name):
            "\(name) is the last active admin; add or enable another admin first"
        case let .selfChange(what):
            "an admin cannot \(what) their own account; ask another admin"
        }
    }
}
