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

    /// Verifies a password and issues a session. Failures are counted and audited; the
    /// account locks after ``LockoutPolicy/threshold`` of them in a row.
    public func login(name: String, password: String) throws -> IssuedSession {
        let databaseID = try databaseID()
        // No valid password is this long; refusing early keeps argon2 from hashing megabytes.
        guard password.unicodeScalars.count <= 4 * environment.passwordPolicy.maximumLength else {
            try recordFailedLogin(name: name, reason: "password input too long")
            throw AccessError.wrongCredentials
        }
        let account = try read { db in try UserAccount.named(name, in: db) }
        guard let account else {
            // Spend the same time as a real check so timing does not reveal which names exist.
            _ = try? environment.hasher.hash(password)
            try recordFailedLogin(name: name, reason: "unknown user")
            throw AccessError.wrongCredentials
        }
        let nowText = Timestamp.text(now)
        if account.status == .disabled {
            try recordFailedLogin(name: account.name, reason: "disabled")
            throw AccessError.accountDisabled
        }
        if let until = account.lockedUntil, until > nowText {
            try recordFailedLogin(name: account.name, reason: "locked")
            throw AccessError.accountLocked(until: until)
        }
        let verification: PasswordVerification
        do {
            verification = try environment.hasher.verify(password, against: account.passwordHash)
        } catch {
            try recordFailedLogin(name: account.name, reason: "stored hash refused")
            throw error
        }
        guard case let .match(needsRehash) = verification else {
            let lockedUntil = try recordWrongPassword(for: account)
            if let lockedUntil { throw AccessError.accountLocked(until: lockedUntil) }
            throw AccessError.wrongCredentials
        }
        let rehashed = needsRehash ? try? environment.hasher.hash(password) : nil
        let token = SessionToken.issue(databaseID: databaseID, randomBytes: environment.randomBytes(32))
        let expires = Timestamp.text(now.addingTimeInterval(environment.sessions.absoluteLifetime))
        let actor = account.actor
        try write { db in
            var current = try existingAccount(account.name, in: db)
            current.failedLogins = 0
            current.lockedUntil = nil
            if let rehashed { current.passwordHash = rehashed }
            try current.update(db)
            try db.execute(
                sql: """
                    INSERT INTO session (user_id, token_hash, created_at, last_used_at, expires_at)
                    VALUES (?, ?, ?, ?, ?)
                    """,
                arguments: [current.id, SessionToken.digest(token.text), nowText, nowText, expires])
            try audit(AuditEntry(action: "auth.login", entityType: "user", entityID: current.name,
                                 details: rehashed == nil ? [:] : ["rehashed": "true"]), by: actor, in: db)
        }
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

    private func recordFailedLogin(name: String, reason: String) throws {
        // The name was typed by someone not logged in: keep it short and harmless to print.
        let recorded = String(Cell.printable(name).prefix(64))
        try write { db in
            try audit(AuditEntry(action: "auth.login", entityType: "user", entityID: recorded,
                                 outcome: .failed, details: ["reason": reason]),
                      by: nil, actorName: recorded, in: db)
        }
    }

    /// Counts a wrong password; returns the lockout end when this failure locks the account.
    private func recordWrongPassword(for account: UserAccount) throws -> String? {
        try write { db in
            var current = try existingAccount(account.name, in: db)
            current.failedLogins += 1
            var details = ["reason": "wrong password", "failures": String(current.failedLogins)]
            var lockedUntil: String?
            if current.failedLogins >= environment.lockout.threshold {
                lockedUntil = Timestamp.text(now.addingTimeInterval(environment.lockout.duration))
                current.lockedUntil = lockedUntil
                current.failedLogins = 0
                details["locked_until"] = lockedUntil
            }
            try current.update(db)
            try audit(AuditEntry(action: "auth.login", entityType: "user", entityID: current.name,
                                 outcome: .failed, details: details),
                      by: nil, actorName: current.name, in: db)
            return lockedUntil
        }
    }
}
