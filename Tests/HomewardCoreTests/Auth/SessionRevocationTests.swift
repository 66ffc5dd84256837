import Foundation
import GRDB
import Testing
@testable import HomewardCore

@Suite struct SessionRevocationTests {
    private func logoutEvents(_ homeward: Homeward) throws -> [AuditEvent] {
        try homeward.writer.read { db in
            try AuditEvent.filter(sql: "action = 'auth.logout'").order(sql: "seq").fetchAll(db)
        }
    }

    @Test func endsALiveSessionAndAuditsItAsItsOwnUser() throws {
        let (homeward, admin) = try makeHomeward()
        let gina = try addAndLogin(homeward, admin: admin, name: "gina", role: .coordinator)
        let other = try homeward.login(name: "gina", password: otherPassword)
        #expect(try homeward.revokeSession(token: gina.token, reason: .replaced) == .ended(user: "gina"))
        #expect(throws: AccessError.sessionRevoked) { try homeward.authenticate(token: gina.token) }
        // Only that session: the user's other session stays.
        #expect(try homeward.authenticate(token: other.token).name == "gina")
        let events = try logoutEvents(homeward)
        #expect(events.count == 1)
        #expect(events.first?.actorName == "gina")
        #expect(events.first?.details.contains("replaced") == true)
    }

    @Test func isQuietAboutSessionsThatAlreadyEnded() throws {
        let clock = TestClock()
        let (homeward, _) = try makeHomeward(clock: clock)
        let revoked = try homeward.login(name: "alice", password: adminPassword)
        #expect(try homeward.revokeSession(token: revoked.token) == .ended(user: "alice"))
        #expect(try homeward.revokeSession(token: revoked.token) == .alreadyEnded)
        let expired = try homeward.login(name: "alice", password: adminPassword)
        clock.advance(61 * 60)
        #expect(throws: AccessError.sessionExpired) { try homeward.authenticate(token: expired.token) }
        #expect(try homeward.revokeSession(token: expired.token) == .alreadyEnded)
        let unknown = SessionToken.issue(databaseID: try homeward.databaseID(), randomBytes: Array(repeating: 7, count: 32))
        #expect(try homeward.revokeSession(token: unknown.text) == .alreadyEnded)
        #expect(try logoutEvents(homeward).count == 1, "only the live session's end is audited")
        let stillRevoked = try homeward.writer.read { db in
            try String.fetchOne(db, sql: "SELECT revoked_why FROM session WHERE token_hash = ?",
                                arguments: [SessionToken.digest(expired.token)])
        }
        #expect(stillRevoked == "logout", "an expired session is marked ended too")
    }

    @Test func refusesTokensThatCannotBeThisDatabases() throws {
        let (one, _) = try makeHomeward()
        let (two, _) = try makeHomeward()
        let session = try one.login(name: "alice", password: adminPassword)
        #expect(throws: AccessError.tokenFromOtherDatabase) { try two.revokeSession(token: session.token) }
        #expect(throws: AccessError.malformedToken) { try two.revokeSession(token: "not-a-token") }
        #expect(try one.authenticate(token: session.token).name == "alice")
    }
}
