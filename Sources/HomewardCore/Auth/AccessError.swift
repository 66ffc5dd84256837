import Foundation

/// Failures of authentication and authorisation.
public enum AccessError: HomewardFailure, Equatable {
    case denied(role: Role, permission: Permission)
    case notLoggedIn
    case sessionExpired
    case sessionRevoked
    case tokenFromOtherDatabase
    case malformedToken
    case wrongCredentials
    case accountLocked(until: String)
    case accountDisabled
    case currentPasswordRequired
    case notAssigned(batch: String)
    /// A status beyond what the role may set (volunteers stop at `match_candidate`).
    case statusBeyondRole(role: Role, status: String, allowed: [String])
    /// The four-eyes rule: the proposer, or someone who already confirmed, cannot confirm.
    case fourEyes(String)
    /// Too many logins from one client address or on one account name in a short time (a server's ``LoginThrottle``).
    case tooManyAttempts

    public var kind: FailureKind { .accessDenied }

    public var errorDescription: String? {
        switch self {
        case let .denied(role, permission):
            "permission denied: \(role == .admin || role == .auditor ? "an" : "a") \(role.rawValue) may not \(permission.rawValue)"
                + Self.whoMay(permission)
        case .notLoggedIn:
            "not logged in; run 'homeward login NAME' (or set HOMEWARD_TOKEN)"
        case .sessionExpired:
            "session expired; run 'homeward login NAME' again"
        case .sessionRevoked:
            "session has ended (logged out, revoked or account changed); run 'homeward login NAME'"
        case .tokenFromOtherDatabase:
            "session token belongs to another database; log in to this one with 'homeward login NAME'"
        case .malformedToken:
            "session token is malformed; run 'homeward login NAME' (or fix HOMEWARD_TOKEN)"
        case .wrongCredentials:
            "wrong user name or password"
        case let .accountLocked(until):
            "account is locked after repeated wrong passwords until \(until); wait or ask an admin to unlock it with 'homeward user enable'"
        case .accountDisabled:
            "account is disabled; ask an admin"
        case let .notAssigned(batch):
            "permission denied: batch \(batch) is not assigned to you; ask an admin ('homeward user assign')"
        case let .statusBeyondRole(role, status, allowed):
            "permission denied: \(role == .admin || role == .auditor ? "an" : "a") \(role.rawValue) may set only \(allowed.joined(separator: ", ")); ask a coordinator to set \(status)"
        case let .fourEyes(message):
            "permission denied (four-eyes rule): " + message
        case .tooManyAttempts:
            "too many login attempts in a short time; wait a minute and try again"
        case .currentPasswordRequired:
            "wrong current password; changing your own password needs the current one"
        }
    }

    /// How to fix a refusal: who may do it instead.
    static func whoMay(_ permission: Permission) -> String {
        let roles = Role.allCases.filter { $0.may(permission) }.map(\.rawValue)
        guard !roles.isEmpty else { return "" }
        let names = roles.count == 1 ? roles[0] : roles.dropLast().joined(separator: ", ") + " and " + roles[roles.count - 1]
        return "; only \(names) accounts may: ask one to do it, or log in as one ('homeward login NAME')"
    }
}
