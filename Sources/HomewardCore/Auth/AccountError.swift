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

    public var errorDescription: String? {
        switch self {
        case let .invalidName(name):
            "user name \"\(name)\" is not valid: use 2 to 64 letters, digits, '.', '_' or '-', starting with a letter"
        case let .nameTaken(name):
            "user name \"\(name)\" is taken; choose another"
        case let .noSuchUser(name):
            "no user named \"\(name)\"; see 'homeward user list'"
        case let .weakPassword(reason):
            reason.localizedDescription
        case let .lastAdmin(name):
            "\(name) is the last active admin; add or enable another admin first"
        case let .selfChange(what):
            "an admin cannot \(what) their own account; ask another admin"
        }
    }
}
