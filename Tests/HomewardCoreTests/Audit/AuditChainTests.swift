import Foundation
import GRDB
import Testing
@testable import HomewardCore

@Suite struct AuditChainTests {
    /// A database with a dozen events of several kinds.
    func populated() throws -> (Homeward, Actor) {
        let (homeward, admin) = try makeHomeward()
        for name in ["hana", "ivan", "jura"] {
            try homeward.addUser(admin, name: name, role: .coordinator, password: otherPassword)
        }
        try homeward.setRole(admin, name: "ivan", role: .auditor)
        try homeward.disableUser(admin, name: "jura")
        return (homeward, admin)
    }

    func dropTriggers(_ homeward: Homeward) throws {
        try homeward.writer.write { db in
            try db.execute(sql: "DROP TRIGGER audit_event_no_update; DROP TRIGGER audit_event_no_delete")
        }
    }

    @Test func untouchedChainVerifies() throws {
        let (homeward, admin) = try populated()
        let result = try homeward.verifyAudit(admin)
        #expect(result.isIntact)
        #expect(result.eventCount >= 7)
    }

    @Test func triggersRefuseUpdateAndDelete() throws {
        let (homeward, _) = try populated()
        #expect(throws: DatabaseError.self) {
            try homeward.writer.write { try $0.execute(sql: "UPDATE audit_event SET action = 'x' WHERE seq = 2") }
        }
        #expect(throws: DatabaseError.self) {
            try homeward.writer.write { try $0.execute(sql: "DELETE FROM audit_event WHERE seq = 2") }
        }
    }

    @Test(arguments: ["at", "actor_name", "action", "entity_id", "outcome", "details"])
    func alteringAnyFieldNamesThatRow(_ column: String) throws {
        let (homeward, admin) = try populated()
        try dropTriggers(homeward)
        let value = column == "outcome" ? "failed" : (column == "details" ? "{\"x\":\"1\"}" : "tampered")
        try homeward.writer.write { db in
            try db.execute(sql: "UPDATE audit_event SET \(column) = ? WHERE seq = 4", arguments: [value])
        }
        let result = try homeward.verifyAudit(admin)
        #expect(result.firstBroken?.seq == 4)
    }

    @Test func removingARowNamesTheMissingSequence() throws {
        let (homeward, admin) = try populated()
        try dropTriggers(homeward)
        try homeward.writer.write { try $0.execute(sql: "DELETE FROM audit_event WHERE seq = 3") }
        #expect(try homeward.verifyAudit(admin).firstBroken?.seq == 3)
    }

    @Test func swappingTwoRowsIsDetectedAtTheFirst() throws {
        let (homeward, admin) = try populated()
        try dropTriggers(homeward)
        try homeward.writer.write { db in
            try db.execute(sql: """
                UPDATE audit_event SET seq = 1000 WHERE seq = 5;
                UPDATE audit_event SET seq = 5 WHERE seq = 6;
                UPDATE audit_event SET seq = 6 WHERE seq = 1000;
                """)
        }
        #expect(try homeward.verifyAudit(admin).firstBroken?.seq == 5)
    }

    @Test func recomputedHashOnAnAlteredRowStillBreaksTheNextLink() throws {
        let (homeward, admin) = try populated()
        try dropTriggers(homeward)
        try homeward.writer.write { db in
            var event = try #require(try AuditEvent.fetchOne(db, key: 3))
            event.action = "user.forged"
            event.hash = AuditChain.hash(of: event)
            try event.update(db)
        }
        #expect(try homeward.verifyAudit(admin).firstBroken?.seq == 4)
    }

    @Test func coordinatorsSeeOnlyTheirOwnEventsAndVolunteersNone() throws {
        let (homeward, admin) = try populated()
        let kim = try addAndLogin(homeward, admin: admin, name: "kim", role: .coordinator)
        let events = try homeward.auditLog(kim.actor)
        #expect(!events.isEmpty)
        #expect(events.allSatisfy { $0.actorName == "kim" })
        let vol = try addAndLogin(homeward, admin: admin, name: "lena", role: .volunteer)
        #expect(throws: AccessError.self) { try homeward.auditLog(vol.actor) }
        #expect(throws: AccessError.self) { try homeward.verifyAudit(kim.actor) }
    }

    @Test func logFiltersByActorActionAndSince() throws {
        let clock = TestClock()
        let (homeward, admin) = try makeHomeward(clock: clock)
        clock.advance(3600)
        let cutoff = clock.now
        try homeward.addUser(admin, name: "mira", role: .volunteer, password: otherPassword)
        #expect(try homeward.auditLog(admin, filter: AuditFilter(since: cutoff)).map(\.action) == ["user.add"])
        #expect(try homeward.auditLog(admin, filter: AuditFilter(action: "auth.")).allSatisfy { $0.action.hasPrefix("auth.") })
        #expect(try homeward.auditLog(admin, filter: AuditFilter(actor: "ALICE")).count >= 3)
        #expect(try homeward.auditLog(admin, filter: AuditFilter(limit: 1)).count == 1)
    }
}

@Suite struct AuditAnchorTests {
    @Test func expectedHeadCatchesTruncationAndRewrites() throws {
        let (homeward, admin) = try makeHomeward()
        try homeward.addUser(admin, name: "nora", role: .auditor, password: otherPassword)
        let head = try homeward.verifyAudit(admin)
        #expect(try homeward.verifyAudit(admin, expectedHead: (head.headSeq, head.headHash)).isIntact)
        #expect(try homeward.verifyAudit(admin, expectedHead: (head.headSeq, String(repeating: "0", count: 64))).firstBroken?.seq == head.headSeq)
        #expect(try homeward.verifyAudit(admin, expectedHead: (head.headSeq + 100, head.headHash)).firstBroken?.seq == head.headSeq + 100)
    }
}
