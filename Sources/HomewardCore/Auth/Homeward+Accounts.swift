import Foundation
import GRDB

extension Homeward {
    /// Creates the first admin of an empty database. Refused once any account exists.
    public func initialise(adminName: String, password: String) throws {
        try UserName.validate(adminName)
        let hash = try newPasswordHash(password, for: adminName)
        try write { db in
            guard try UserAccount.fetchCount(db) == 0 else { throw StorageError.alreadyInitialised(path: path) }
            try db.execute(
                sql: "INSERT INTO database_identity (singleton, id, created_at, audit_key) VALUES (1, ?, ?, ?)",
                arguments: [hexString(environment.randomBytes(16)), Timestamp.text(now), Data(environment.randomBytes(32))])
            let admin = try insertAccount(name: adminName, role: .admin, hash: hash, in: db)
            try audit(AuditEntry(action: "db.init", entityType: "user", entityID: adminName, details: ["role": "admin"]),
                      by: admin.actor, in: db)
        }
    }

    /// Adds an account. Admins only.
    public func addUser(_ actor: Actor, name: String, role: Role, password: String) throws {
        try authorize(actor, .manageUsers, action: "user.add", entityType: "user", entityID: name)
        try recordingFailure("user.add", by: actor, entityType: "user", entityID: name) {
            try UserName.validate(name)
            let hash = try newPasswordHash(password, for: name)
            try write { db in
                guard try UserAccount.named(name, in: db) == nil else { throw AccountError.nameTaken(name) }
                try insertAccount(name: name, role: role, hash: hash, in: db)
                try audit(AuditEntry(action: "user.add", entityType: "user", entityID: name, details: ["role": role.rawValue]),
                          by: actor, in: db)
            }
        }
    }

    /// All accounts with their state. Admins only.
    public func listUsers(_ actor: Actor) throws -> [UserSummary] {
        try authorize(actor, .manageUsers, action: "user.list")
        let nowText = Timestamp.text(now)
        return try read { db in
            let rows = try Row.fetchAll(db, sql: """
                SELECT u.name, u.role, u.status, u.locked_until, u.created_at,
                       (SELECT count(*) FROM session s
                         WHERE s.user_id = u.id AND s.revoked_at IS NULL AND s.expires_at > ?) AS active_sessions
                FROM app_user u ORDER BY u.name
                """, arguments: [nowText])
            return rows.map { row in
                let locked: String? = row["locked_until"]
                return UserSummary(
                    name: row["name"], role: Role(rawValue: row["role"]) ?? .volunteer, status: row["status"],
                    lockedUntil: locked.flatMap { $0 > nowText ? $0 : nil },
                    createdAt: row["created_at"], activeSessions: row["active_sessions"])
            }
        }
    }

    /// Disables an account; its sessions end at once.
    public func disableUser(_ actor: Actor, name: String) throws {
        try authorize(actor, .manageUsers, action: "user.disable", entityType: "user", entityID: name)
        try recordingFailure("user.disable", by: actor, entityType: "user", entityID: name) {
            try write { db in
                var account = try existingAccount(name, in: db)
                guard account.id != actor.userID else { throw AccountError.selfChange("disable") }
                try requireAnotherAdmin(besides: account, in: db)
                account.status = .disabled
                try account.update(db)
                let ended = try endSessions(of: account, why: "disabled", in: db)
                try audit(AuditEntry(action: "user.disable", entityType: "user", entityID: account.name,
                                     details: ["sessions_ended": String(ended)]), by: actor, in: db)
            }
        }
    }

    /// Enables an account and clears any lockout.
    public func enableUser(_ actor: Actor, name: String) throws {
        try authorize(actor, .manageUsers, action: "user.enable", entityType: "user", entityID: name)
        try recordingFailure("user.enable", by: actor, entityType: "user", entityID: name) {
            try write { db in
                var account = try existingAccount(name, in: db)
                account.status = .active
                account.failedLogins = 0
                account.lockedUntil = nil
                try account.update(db)
                try audit(AuditEntry(action: "user.enable", entityType: "user", entityID: account.name), by: actor, in: db)
            }
        }
    }

    /// Changes a role; the user's sessions end so the new role applies from the next login.
    ///
    /// - Returns: false, changing nothing (no session ended, no event), when the user already
    ///   has that role.
    @discardableResult
    public func setRole(_ actor: Actor, name: String, role: Role) throws -> Bool {
        try authorize(actor, .manageUsers, action: "user.role", entityType: "user", entityID: name)
        return try recordingFailure("user.role", by: actor, entityType: "user", entityID: name) {
            try write { db in
                var account = try existingAccount(name, in: db)
                guard account.id != actor.userID else { throw AccountError.selfChange("change the role of") }
                let old = account.role
                guard old != role else { return false }
                if old == .admin && role != .admin { try requireAnotherAdmin(besides: account, in: db) }
                account.role = role
                try account.update(db)
                let ended = try endSessions(of: account, why: "role", in: db)
                try audit(AuditEntry(action: "user.role", entityType: "user", entityID: account.name,
                                     details: ["from": old.rawValue, "to": role.rawValue, "sessions_ended": String(ended)]),
                          by: actor, in: db)
                return true
            }
        }
    }

    /// Sets a password. Users change their own (giving the current one); admins reset anyone's.
    /// Every other session of that user ends.
    ///
    /// Whether the account is the actor's own is decided by id, never by comparing names. The
    /// current-password check counts against the same lockout as login: a stolen session
    /// cannot guess, and the failure that locks the account also ends its sessions.
    public func changePassword(_ actor: Actor, name: String, newPassword: String, currentPassword: String?) throws {
        let target = try read { db in try UserAccount.named(name, in: db) }
        let isSelf = target?.id == actor.userID
        if !isSelf {
            try authorize(actor, .manageUsers, action: "user.passwd", entityType: "user", entityID: name)
        }
        guard let target else { throw AccountError.noSuchUser(name) }
        if isSelf {
            try checkCurrentPassword(actor, currentPassword)
        }
        let hash = try newPasswordHash(newPassword, for: target.name)
        try write { db in
            guard var account = try UserAccount.fetchOne(db, key: target.id) else { throw AccountError.noSuchUser(name) }
            account.passwordHash = hash
            account.passwordChangedAt = Timestamp.text(now)
            account.failedLogins = 0
            account.lockedUntil = nil
            try account.update(db)
            let ended = try endSessions(of: account, why: "password", in: db)
            try audit(AuditEntry(action: "user.passwd", entityType: "user", entityID: account.name,
                                 details: ["sessions_ended": String(ended), "by_self": String(isSelf)]), by: actor, in: db)
        }
    }

    /// Re-authentication for a change to one's own account, rate-limited like login.
    private func checkCurrentPassword(_ actor: Actor, _ password: String?) throws {
        guard let attempt = try admitAttempt(name: actor.name, action: "user.passwd", actor: actor) else {
            throw AccessError.sessionRevoked
        }
        let verification: PasswordVerification? = if let password, password.unicodeScalars.count <= 4 * environment.passwordPolicy.maximumLength {
            try environment.hasher.verify(password, against: attempt.account.passwordHash)
        } else {
            nil
        }
        if case .match = verification {
            let settled: Result<UserAccount, AccessError> = try write { db in
                let settled = try settleCorrectAttempt(attempt, in: db)
                if case let .success(account) = settled { try account.update(db) }
                return settled
            }
            _ = try settled.get()
            return
        }
        if let lockedUntil = try settleWrongAttempt(attempt, action: "user.passwd", actor: actor) {
            try write { db in
                guard let account = try UserAccount.fetchOne(db, key: attempt.account.id) else { return }
                _ = try endSessions(of: account, why: "password", in: db)
            }
            throw AccessError.accountLocked(until: lockedUntil)
        }
        throw AccessError.currentPasswordRequired
    }

    /// Whether `name` denotes the actor's own account (decided by id, as the core decides it).
    public func isOwnAccount(_ actor: Actor, name: String) throws -> Bool {
        try read { db in try UserAccount.named(name, in: db)?.id == actor.userID }
    }

    /// Ends every session of a user at once.
    @discardableResult
    public func revokeSessions(_ actor: Actor, name: String) throws -> Int {
        try authorize(actor, .manageUsers, action: "session.revoke", entityType: "user", entityID: name)
        return try write { db in
            let account = try existingAccount(name, in: db)
            let ended = try endSessions(of: account, why: "admin", in: db)
            try audit(AuditEntry(action: "session.revoke", entityType: "user", entityID: account.name,
                                 details: ["sessions_ended": String(ended)]), by: actor, in: db)
            return ended
        }
    }

    // MARK: - Shared steps

    func newPasswordHash(_ password: String, for name: String) throws -> String {
        do {
            try environment.passwordPolicy.check(password, username: name)
        } catch {
            throw AccountError.weakPassword(error)
        }
        return try environment.hasher.hash(password)
    }

    @discardableResult
    func insertAccount(name: String, role: Role, hash: String, in db: Database) throws -> UserAccount {
        let stamp = Timestamp.text(now)
        var account = UserAccount(
            id: nil, name: name, nameKey: UserName.key(name), role: role, passwordHash: hash, status: .active, failedLogins: 0,
            lockedUntil: nil, createdAt: stamp, passwordChangedAt: stamp)
        try account.insert(db)
        return account
    }

    func existingAccount(_ name: String, in db: Database) throws -> UserAccount {
        guard let account = try UserAccount.named(name, in: db) else { throw AccountError.noSuchUser(name) }
        return account
    }

    func requireAnotherAdmin(besides account: UserAccount, in db: Database) throws {
        guard account.role == .admin else { return }
        let others = try UserAccount
            .filter(UserAccount.Columns.role == Role.admin.rawValue && UserAccount.Columns.status == "active")
            .filter(Column("id") != account.id)
            .fetchCount(db)
        if others == 0 { throw AccountError.lastAdmin(account.name) }
    }

    func endSessions(of account: UserAccount, why: String, in db: Database) throws -> Int {
        try db.execute(
            sql: "UPDATE session SET revoked_at = ?, revoked_why = ? WHERE user_id = ? AND revoked_at IS NULL",
            arguments: [Timestamp.text(now), why, account.id])
        return db.changesCount
    }
}
