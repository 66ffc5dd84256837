import Foundation
import GRDB

/// What ``Homeward/revokeSession(token:reason:)`` did.
public enum SessionEnd: Sendable, Equatable {
    /// A session that was still valid has ended; `user` is the account it belonged to.
    case ended(user: String)
    /// The token's session had already expired, been revoked or never existed here.
    case alreadyEnded
}

/// Why a session is being ended by its own token.
public enum SessionEndReason: String, Sendable {
    /// The user logged out.
    case logout
    /// A new login on the same token file took its place.
    case replaced
}

extension Homeward {
    /// Ends the session of `token` without needing it to be valid, so that `logout` and a login
    /// that replaces a stored token never leave the old session usable.
    ///
    /// A session that was still valid is marked revoked and audited as `auth.logout` by its own
    /// user, in one transaction; an expired, revoked or unknown one is only marked revoked
    /// (when it exists), without an event.
    /// - Throws: ``AccessError/malformedToken`` or ``AccessError/tokenFromOtherDatabase`` for a
    ///   token that cannot be one of this database's.
    @discardableResult
    public func revokeSession(token: String, reason: SessionEndReason = .logout) throws -> SessionEnd {
        guard let tokenDatabase = SessionToken.databaseID(of: token) else { throw AccessError.malformedToken }
        guard tokenDatabase == (try databaseID()) else { throw AccessError.tokenFromOtherDatabase }
        let digest = SessionToken.digest(token)
        let current = now
        return try write { db in
            let row = try Row.fetchOne(db, sql: """
                SELECT s.id AS session_id, s.last_used_at, s.expires_at, s.revoked_at,
                       u.id, u.name, u.role, u.status
                FROM session s JOIN app_user u ON u.id = s.user_id
                WHERE s.token_hash = ?
                """, arguments: [digest])
            guard let row else { return .alreadyEnded }
            let revokedAt: String? = row["revoked_at"]
            guard revokedAt == nil else { return .alreadyEnded }
            let sessionID: Int64 = row["session_id"]
            try db.execute(
                sql: "UPDATE session SET revoked_at = ?, revoked_why = 'logout' WHERE id = ?",
                arguments: [Timestamp.text(current), sessionID])
            let lastUsed = Timestamp.date(row["last_used_at"]) ?? .distantPast
            let expires = Timestamp.date(row["expires_at"]) ?? .distantPast
            let status: String = row["status"]
            guard current < expires, current.timeIntervalSince(lastUsed) < environment.sessions.idleTimeout,
                  status == UserAccount.Status.active.rawValue, let role = Role(rawValue: row["role"]) else {
                return .alreadyEnded
            }
            let actor = Actor(userID: row["id"], name: row["name"], role: role)
            try audit(AuditEntry(action: "auth.logout", entityType: "user", entityID: actor.name,
                                 details: reason == .logout ? [:] : ["reason": reason.rawValue]), by: actor, in: db)
            return .ended(user: actor.name)
        }
    }
}
