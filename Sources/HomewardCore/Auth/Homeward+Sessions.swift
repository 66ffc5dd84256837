import Foundation
import GRDB

/// A session just issued by ``Homeward/login(name:password:)``.
public struct IssuedSession: Sendable {
    /// The bearer token: show it to no one, store it only in a 0600 file.
    public let token: String
    public let actor: Actor
    public let expiresAt: String
    public let databaseID: String
}

extension Homeward {
    /// The random identity of this database that session tokens are bound to.
    public func databaseID() throws -> String {
        try read { db in
            guard let id = try String.fetchOne(db, sql: "SELECT id FROM database_identity") else {
                throw StorageError.notInitialised(path: path)
            }
            return id
        }
    }

    /// Verifies a password and issues a session. Every attempt is counted before argon2 runs
    /// and the account locks after ``LockoutPolicy/threshold`` failures in a row, however many
    /// attempts run at once (see ``admitAttempt(name:action:actor:)``).
    public func login(name: String, password: String) throws -> IssuedSession {
        let databaseID = try databaseID()
        // No valid password is this long; refusing early keeps argon2 from hashing megabytes.
        guard password.unicodeScalars.count <= 4 * environment.passwordPolicy.maximumLength else {
            try recordFailedLogin(name: name, reason: "password input too long")
            throw AccessError.wrongCredentials
        }
        guard let attempt = try admitAttempt(name: name, action: "auth.login", actor: nil) else {
            // Spend the same time as a real check so timing does not reveal which names exist.
            _ = try? environment.hasher.hash(password)
            try recordFailedLogin(name: name, reason: "unknown user")
            throw AccessError.wrongCredentials
        }
        let verification: PasswordVerification
        do {
            verification = try environment.hasher.verify(password, against: attempt.account.passwordHash)
        } catch {
            try recordFailedLogin(name: attempt.account.name, reason: "stored hash refused")
            throw error
        }
        guard case let .match(needsRehash) = verification else {
            let lockedUntil = try settleWrongAttempt(attempt, action: "auth.login", actor: nil)
            if let lockedUntil { throw AccessError.accountLocked(until: lockedUntil) }
            throw AccessError.wrongCredentials
        }
        let rehashed = needsRehash ? try? environment.hasher.hash(password) : nil
        let token = SessionToken.issue(databaseID: databaseID, randomBytes: environment.randomBytes(32))
        let expires = Timestamp.text(now.addingTimeInterval(environment.sessions.absoluteLifetime))
        let issued: Result<Actor, AccessError> = try write { db in
            let settled = try settleCorrectAttempt(attempt, in: db)
            guard case var .success(current) = settled else {
                try audit(AuditEntry(action: "auth.login", entityType: "user", entityID: attempt.account.name, outcome: .failed,
                                     details: ["reason": "locked while verifying"]),
                          by: nil, actorName: attempt.account.name, in: db)
                return settled.map(\.actor)
            }
            if let rehashed { current.passwordHash = rehashed }
            try current.update(db)
            let nowText = Timestamp.text(now)
            try db.execute(
                sql: """
                    INSERT INTO session (user_id, token_hash, created_at, last_used_at, expires_at)
                    VALUES (?, ?, ?, ?, ?)
                    """,
                arguments: [current.id, SessionToken.digest(token.text), nowText, nowText, expires])
            try audit(AuditEntry(action: "auth.login", entityType: "user", entityID: current.name,
                                 details: rehashed == nil ? [:] : ["rehashed": "true"]), by: current.actor, in: db)
            return .success(current.actor)
        }
        let actor = try issued.get()
        return IssuedSession(token: token.text, actor: actor, expiresAt: expires, databaseID: databaseID)
    }

    /// Resolves a session token to its user, checking expiry, idle time, revocation and
    /// that the account is still active.
    public func authenticate(token: String) throws -> Actor {
        guard let tokenDatabase = SessionToken.databaseID(of: token) else { throw AccessError.malformedToken }
        guard tokenDatabase == (try databaseID()) else { throw AccessError.tokenFromOtherDatabase }
        let digest = SessionToken.digest(token)
        let current = now
        let row = try read { db in
            try Row.fetchOne(db, sql: """
                SELECT s.id AS session_id, s.last_used_at, s.expires_at, s.revoked_at,
                       u.id, u.name, u.role, u.status
                FROM session s JOIN app_user u ON u.id = s.user_id
                WHERE s.token_hash = ?
                """, arguments: [digest])
        }
        guard let row else { throw AccessError.sessionRevoked }
        let revokedAt: String? = row["revoked_at"]
        let status: String = row["status"]
        guard revokedAt == nil, status == UserAccount.Status.active.rawValue else { throw AccessError.sessionRevoked }
        let lastUsed = Timestamp.date(row["last_used_at"]) ?? .distantPast
        let expires = Timestamp.date(row["expires_at"]) ?? .distantPast
        guard current < expires, current.timeIntervalSince(lastUsed) < environment.sessions.idleTimeout else {
            throw AccessError.sessionExpired
        }
        let sessionID: Int64 = row["session_id"]
        if current.timeIntervalSince(lastUsed) >= environment.sessions.touchInterval {
            try write { db in
                try db.execute(sql: "UPDATE session SET last_used_at = ? WHERE id = ?",
                               arguments: [Timestamp.text(current), sessionID])
            }
        }
        guard let role = Role(rawValue: row["role"]) else { throw AccessError.sessionRevoked }
        return Actor(userID: row["id"], name: row["name"], role: role)
    }

    /// Ends the session of this token.
    public func logout(token: String) throws {
        let actor = try authenticate(token: token)
        try write { db in
            try db.execute(
                sql: "UPDATE session SET revoked_at = ?, revoked_why = 'logout' WHERE token_hash = ? AND revoked_at IS NULL",
                arguments: [Timestamp.text(now), SessionToken.digest(token)])
            try audit(AuditEntry(action: "auth.logout", entityType: "user", entityID: actor.name), by: actor, in: db)
        }
    }

    /// Audits a failed login whose typed name may be no account (or a password typed in the
    /// wrong field): the trail keeps the account's name, or only a keyed hash of the text.
    func recordFailedLogin(name: String, reason: String) throws {
        try write { db in
            let recorded = try AuditValue.userName(name, in: db)
            let isAccount = !recorded.hasPrefix("unknown:")
            try audit(AuditEntry(action: "auth.login", entityType: "user", entityID: recorded,
                                 outcome: .failed, details: ["reason": reason]),
                      by: nil, actorName: isAccount ? recorded : nil, in: db)
        }
    }
}
