import Foundation
import GRDB

/// The outcome of admitting one password attempt against an account.
struct AdmittedAttempt {
    let account: UserAccount
}

extension Homeward {
    /// Admits one password attempt (a login or the current-password check of `user passwd`)
    /// before any argon2 work, in one IMMEDIATE transaction: the attempt is counted first and
    /// the lock checked on the counted value, so parallel attempts cannot all slip past a
    /// check made before any of them was counted.
    ///
    /// Each admitted attempt raises ``UserAccount/failedLogins``; a correct password resets it
    /// in ``settleCorrectAttempt(_:action:issue:)``. When the count already stands at the
    /// threshold, this attempt locks the account instead of being verified.
    ///
    /// - Returns: nil when no account has that name (the caller spends equal time and audits).
    func admitAttempt(name: String, action: String, actor: Actor?) throws -> AdmittedAttempt? {
        let nowText = Timestamp.text(now)
        let outcome: Result<AdmittedAttempt?, AccessError> = try write { db in
            guard var account = try UserAccount.named(name, in: db) else { return .success(nil) }
            func refuse(_ reason: String, _ error: AccessError, extra: [String: String] = [:]) throws -> Result<AdmittedAttempt?, AccessError> {
                try audit(AuditEntry(action: action, entityType: "user", entityID: account.name, outcome: .failed,
                                     details: ["reason": reason].merging(extra) { $1 }),
                          by: actor, actorName: actor == nil ? account.name : nil, in: db)
                return .failure(error)
            }
            if account.status == .disabled { return try refuse("disabled", .accountDisabled) }
            if let until = account.lockedUntil, until > nowText { return try refuse("locked", .accountLocked(until: until)) }
            if account.failedLogins >= environment.lockout.threshold {
                let until = try lock(&account, in: db)
                return try refuse("locked", .accountLocked(until: until), extra: ["locked_until": until])
            }
            account.failedLogins += 1
            try account.update(db)
            return .success(AdmittedAttempt(account: account))
        }
        return try outcome.get()
    }

    /// Records a wrong password for an admitted attempt (already counted on admission); locks
    /// the account once the count reaches the threshold.
    ///
    /// - Returns: the lockout end when the account is (now) locked.
    func settleWrongAttempt(_ attempt: AdmittedAttempt, action: String, actor: Actor?) throws -> String? {
        let nowText = Timestamp.text(now)
        return try write { db in
            guard var account = try UserAccount.fetchOne(db, key: attempt.account.id) else { return nil }
            var details = ["reason": "wrong password", "failures": String(account.failedLogins)]
            var lockedUntil = account.lockedUntil.flatMap { $0 > nowText ? $0 : nil }
            if lockedUntil == nil, account.failedLogins >= environment.lockout.threshold {
                lockedUntil = try lock(&account, in: db)
                details["locked_until"] = lockedUntil
            }
            try audit(AuditEntry(action: action, entityType: "user", entityID: account.name, outcome: .failed, details: details),
                      by: actor, actorName: actor == nil ? account.name : nil, in: db)
            return lockedUntil
        }
    }

    /// Re-checks, in the caller's IMMEDIATE transaction, that the account of a verified
    /// attempt is still active and unlocked, then clears its failure count. The lock may have
    /// been set by a parallel attempt while this one was hashing.
    func settleCorrectAttempt(_ attempt: AdmittedAttempt, in db: Database) throws -> Result<UserAccount, AccessError> {
        guard var account = try UserAccount.fetchOne(db, key: attempt.account.id) else { return .failure(.wrongCredentials) }
        if account.status == .disabled { return .failure(.accountDisabled) }
        if let until = account.lockedUntil, until > Timestamp.text(now) { return .failure(.accountLocked(until: until)) }
        account.failedLogins = 0
        account.lockedUntil = nil
        return .success(account)
    }

    /// Locks the account for ``LockoutPolicy/duration`` and restarts its count.
    private func lock(_ account: inout UserAccount, in db: Database) throws -> String {
        let until = Timestamp.text(now.addingTimeInterval(environment.lockout.duration))
        account.lockedUntil = until
        account.failedLogins = 0
        try account.update(db)
        return until
    }
}
