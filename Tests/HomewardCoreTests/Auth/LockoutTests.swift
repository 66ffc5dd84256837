import Foundation
import GRDB
import Testing
@testable import HomewardCore

/// The lockout counts every attempt before argon2 runs; the CLI's parallel tests are in
/// SecurityEndToEndTests. These pin the sequential rules.
@Suite struct LockoutTests {
    @Test func fiveWrongPasswordsLockAndTheSixthIsNotVerified() throws {
        let (homeward, admin) = try makeHomeward()
        try homeward.addUser(admin, name: "bob", role: .coordinator, password: otherPassword)
        for attempt in 1...5 {
            #expect(throws: AccessError.self, "attempt \(attempt)") { try homeward.login(name: "bob", password: "wrong wrong wrong wrong") }
        }
        #expect(throws: AccessError.self) { try homeward.login(name: "bob", password: otherPassword) }
        let events = try homeward.auditLog(admin, filter: AuditFilter(action: "auth.login")).filter { $0.entityID == "bob" }
        let verified = events.filter { $0.details.contains("wrong password") }
        #expect(verified.count == 5)
        #expect(events.last?.details.contains("locked") == true)
    }

    @Test func aCorrectPasswordBeforeTheThresholdResetsTheCount() throws {
        let (homeward, admin) = try makeHomeward()
        try homeward.addUser(admin, name: "bob", role: .coordinator, password: otherPassword)
        for _ in 1...4 { _ = try? homeward.login(name: "bob", password: "wrong wrong wrong wrong") }
        _ = try homeward.login(name: "bob", password: otherPassword)
        for _ in 1...4 { _ = try? homeward.login(name: "bob", password: "wrong wrong wrong wrong") }
        _ = try homeward.login(name: "bob", password: otherPassword)
    }

    @Test func theLockEndsAfterItsDuration() throws {
        let clock = TestClock()
        let (homeward, admin) = try makeHomeward(clock: clock)
        try homeward.addUser(admin, name: "bob", role: .coordinator, password: otherPassword)
        for _ in 1...5 { _ = try? homeward.login(name: "bob", password: "wrong wrong wrong wrong") }
        #expect(throws: AccessError.self) { try homeward.login(name: "bob", password: otherPassword) }
        clock.advance(16 * 60)
        _ = try homeward.login(name: "bob", password: otherPassword)
    }

    @Test func wrongCurrentPasswordsShareTheLoginCounterAndEndSessions() throws {
        let (homeward, admin) = try makeHomeward()
        let bob = try addAndLogin(homeward, admin: admin, name: "bob", role: .coordinator)
        var lockedAt: Int?
        for attempt in 1...6 {
            do {
                try homeward.changePassword(bob.actor, name: "bob", newPassword: "a brand new passphrase", currentPassword: "wrong wrong wrong")
            } catch let error as AccessError {
                if case .accountLocked = error, lockedAt == nil { lockedAt = attempt }
            }
        }
        #expect(lockedAt == 5)
        #expect(throws: AccessError.sessionRevoked) { try homeward.authenticate(token: bob.token) }
    }

    @Test func selfIsDecidedByIdNotByFoldedName() throws {
        let (homeward, admin) = try makeHomeward()
        let vera = try addAndLogin(homeward, admin: admin, name: "vera", role: .volunteer)
        // A volunteer naming alice in any case is changing someone else's password: refused.
        #expect(throws: AccessError.self) {
            try homeward.changePassword(vera.actor, name: "ALICE", newPassword: "a brand new passphrase", currentPassword: otherPassword)
        }
        #expect(try homeward.isOwnAccount(vera.actor, name: "VERA"))
        #expect(try !homeward.isOwnAccount(vera.actor, name: "alice"))
        // An admin cannot disable or demote their own account, however the name is typed.
        #expect(throws: AccountError.selfChange("disable")) { try homeward.disableUser(admin, name: "ALICE") }
    }
}
