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

    /// A typed name, quoted only when it is a well-formed user name (anything else may be a
    /// password typed in the wrong place).
    static func quoted(_ name: String) -> String {
        (try? UserName.validate(name)) != nil || (try? UserName.validate(UserName.key(name))) != nil ? "\"\(name)\"" : "of that form"
    }

    public var errorDescription: String? {
        switch self {
        case .invalidName:
            // Not quoted: the text may be a password typed into the wrong field.
            "user name is not valid: use \(UserName.rule)"
        case let .nameTaken(name):
            "user name \(Self.quoted(name)) is taken (names are compared without case); choose another"
        case let .noSuchUser(name):
            "no user named \(Self.quoted(name)); see 'homeward user list'"
        case let .weakPassword(reason):
            reason.localizedDescription
        case let .lastAdmin(name):
            "\(name) is the last active admin; add or enable another admin first"
        case let .selfChange(what):
            "an admin cannot \(what) their own account; ask another admin"
        }
    }
}
