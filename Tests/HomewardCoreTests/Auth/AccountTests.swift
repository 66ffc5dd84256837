import Foundation
import GRDB
import Testing
@testable import HomewardCore

@Suite struct AccountTests {
    @Test func initialiseCreatesOneAdminAndRefusesASecondTime() throws {
        let (homeward, admin) = try makeHomeward()
        #expect(admin.role == .admin)
        #expect(throws: StorageError.alreadyInitialised(path: ":memory:")) {
            try homeward.initialise(adminName: "mallory", password: otherPassword)
        }
    }

    @Test func passwordIsStoredAsArgon2idPHCString() throws {
        let (homeward, _) = try makeHomeward()
        let stored = try homeward.writer.read { db in
            try String.fetchOne(db, sql: "SELECT password_hash FROM app_user WHERE name = 'alice'")
        }
        let hash = try #require(stored)
        #expect(hash.hasPrefix("$argon2id$v=19$m="))
        #expect(!hash.contains(adminPassword))
    }

    @Test func volunteerCannotAddUsersAndTheRefusalIsAudited() throws {
        let (homeward, admin) = try makeHomeward()
        let vera = try addAndLogin(homeward, admin: admin, name: "vera", role: .volunteer)
        let usersBefore = try homeward.writer.read { try UserAccount.fetchCount($0) }
        #expect(throws: AccessError.denied(role: .volunteer, permission: .manageUsers)) {
            try homeward.addUser(vera.actor, name: "bob", role: .admin, password: otherPassword)
        }
        let usersAfter = try homeward.writer.read { try UserAccount.fetchCount($0) }
        #expect(usersAfter == usersBefore)
        let last = try #require(try homeward.auditLog(admin).last)
        #expect(last.action == "user.add")
        #expect(last.outcome == .denied)
        #expect(last.actorName == "vera")
    }

    @Test func weakPasswordsAndBadNamesAreRefused() throws {
        let (homeward, admin) = try makeHomeward()
        #expect(throws: AccountError.self) {
            try homeward.addUser(admin, name: "bob", role: .coordinator, password: "short")
        }
        #expect(throws: AccountError.invalidName("b")) {
            try homeward.addUser(admin, name: "b", role: .coordinator, password: otherPassword)
        }
        #expect(throws: AccountError.invalidName("bob smith")) {
            try homeward.addUser(admin, name: "bob smith", role: .coordinator, password: otherPassword)
        }
        try homeward.addUser(admin, name: "bob", role: .coordinator, password: otherPassword)
        // Upper case is outside the rule; the same name again is taken.
        #expect(throws: AccountError.invalidName("BOB")) {
            try homeward.addUser(admin, name: "BOB", role: .coordinator, password: otherPassword)
        }
        #expect(throws: AccountError.nameTaken("bob")) {
            try homeward.addUser(admin, name: "bob", role: .coordinator, password: otherPassword)
        }
        // Look-alikes from other scripts are refused: Cyrillic о and е, Greek ο.
        for lookalike in ["b\u{043E}b", "ol\u{0435}na", "b\u{03BF}b", "bob\u{200B}"] {
            #expect(throws: AccountError.invalidName(lookalike)) {
                try homeward.addUser(admin, name: lookalike, role: .coordinator, password: otherPassword)
            }
        }
    }

    @Test func disablingEndsSessionsAtOnceAndBlocksLogin() throws {
        let (homeward, admin) = try makeHomeward()
        let carol = try addAndLogin(homeward, admin: admin, name: "carol", role: .coordinator)
        #expect(try homeward.authenticate(token: carol.token) == carol.actor)
        try homeward.disableUser(admin, name: "carol")
        #expect(throws: AccessError.sessionRevoked) { try homeward.authenticate(token: carol.token) }
        #expect(throws: AccessError.accountDisabled) { try homeward.login(name: "carol", password: otherPassword) }
        try homeward.enableUser(admin, name: "carol")
        _ = try homeward.login(name: "carol", password: otherPassword)
    }

    @Test func lastActiveAdminCannotBeDisabledOrDemoted() throws {
        let (homeward, admin) = try makeHomeward()
        let dave = try addAndLogin(homeward, admin: admin, name: "dave", role: .admin)
        try homeward.disableUser(dave.actor, name: "alice")
        #expect(throws: AccountError.selfChange("change the role of")) {
            try homeward.setRole(dave.actor, name: "dave", role: .auditor)
        }
        try homeward.enableUser(dave.actor, name: "alice")
        try homeward.setRole(admin, name: "dave", role: .auditor)
        let fresh = try homeward.login(name: "alice", password: adminPassword)
        #expect(throws: AccountError.selfChange("disable")) { try homeward.disableUser(fresh.actor, name: "alice") }
    }

    @Test func roleChangeEndsSessionsAndIsAudited() throws {
        let (homeward, admin) = try makeHomeward()
        let erin = try addAndLogin(homeward, admin: admin, name: "erin", role: .volunteer)
        try homeward.setRole(admin, name: "erin", role: .coordinator)
        #expect(throws: AccessError.sessionRevoked) { try homeward.authenticate(token: erin.token) }
        let relogged = try homeward.login(name: "erin", password: otherPassword)
        #expect(relogged.actor.role == .coordinator)
        let event = try #require(try homeward.auditLog(admin, filter: AuditFilter(action: "user.role")).last)
        #expect(event.details.contains("\"from\":\"volunteer\""))
    }

    @Test func changingOwnPasswordNeedsTheCurrentOneAndEndsOtherSessions() throws {
        let (homeward, admin) = try makeHomeward()
        let frank = try addAndLogin(homeward, admin: admin, name: "frank", role: .auditor)
        #expect(throws: AccessError.currentPasswordRequired) {
            try homeward.changePassword(frank.actor, name: "frank", newPassword: "seven blue whales sing softly", currentPassword: "wrong")
        }
        try homeward.changePassword(frank.actor, name: "frank", newPassword: "seven blue whales sing softly", currentPassword: otherPassword)
        #expect(throws: AccessError.sessionRevoked) { try homeward.authenticate(token: frank.token) }
        #expect(throws: AccessError.wrongCredentials) { try homeward.login(name: "frank", password: otherPassword) }
        _ = try homeward.login(name: "frank", password: "seven blue whales sing softly")
        // Another user's password needs the manage-users permission.
        #expect(throws: AccessError.self) {
            try homeward.changePassword(frank.actor, name: "alice", newPassword: "seven blue whales sing softly", currentPassword: nil)
        }
    }
}
