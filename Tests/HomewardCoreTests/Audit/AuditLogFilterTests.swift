import Foundation
import Testing
@testable import HomewardCore

/// What `audit log` filters mean (found by a trial of the CLI through the server).
@Suite struct AuditLogFilterTests {
    @Test func aCoordinatorAskingForSomeoneElsesEventsIsRefusedNotShownTheirOwn() throws {
        let (homeward, admin, olena) = try makeCasework()
        _ = try homeward.addInquiry(olena, shevchenkoForm())
        #expect(throws: AccessError.self) { try homeward.auditLog(olena, filter: AuditFilter(actor: admin.name)) }
        let refusal = try #require(try homeward.auditLog(admin, filter: AuditFilter(action: "audit.log")).last)
        #expect(refusal.outcome == .denied && refusal.actorName == olena.name)
        // Their own name, in any case, is their own events.
        let own = try homeward.auditLog(olena, filter: AuditFilter(actor: olena.name.uppercased()))
        #expect(!own.isEmpty && own.allSatisfy { $0.actorName == olena.name })
    }

    @Test func aWordWithoutTheDotIsTheActionOrItsGroup() throws {
        let (homeward, admin, olena) = try makeCasework()
        _ = try homeward.addInquiry(olena, shevchenkoForm())
        let group = try homeward.auditLog(admin, filter: AuditFilter(action: "inquiry"))
        #expect(!group.isEmpty && group.allSatisfy { $0.action.hasPrefix("inquiry.") })
        #expect(try homeward.auditLog(admin, filter: AuditFilter(action: "inquiry.")) == group)
        #expect(try homeward.auditLog(admin, filter: AuditFilter(action: "inquiry.add")).allSatisfy { $0.action == "inquiry.add" })
        // Not a prefix of words: "inq" is no group.
        #expect(try homeward.auditLog(admin, filter: AuditFilter(action: "inq")).isEmpty)
    }
}
