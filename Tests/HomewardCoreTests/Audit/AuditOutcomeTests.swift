import Foundation
import Testing
@testable import HomewardCore

/// Issue 6 item 4: `ok` only after success; `failed` with the kind when an action fails.
@Suite struct AuditOutcomeTests {
    @Test func aRefusedInquiryIsAuditedAsFailedWithTheKindOnly() throws {
        let (homeward, admin, olena) = try makeCasework()
        var form = shevchenkoForm()
        form.dateLastSeen = "Коваленко"
        #expect(throws: CaseworkError.self) { try homeward.addInquiry(olena, form) }
        let event = try #require(try homeward.auditLog(admin, filter: AuditFilter(action: "inquiry.add")).last)
        #expect(event.outcome == .failed)
        #expect(event.details == #"{"reason":"bad_input"}"#)
        #expect(!event.details.contains("Коваленко"))
        #expect(try homeward.inquiries(olena).isEmpty)
    }

    @Test func eachFailedChangeIsRecordedOnceAndSuccessesStayOk() throws {
        let (homeward, admin, olena) = try makeCasework()
        let reference = try homeward.addInquiry(olena, shevchenkoForm()).reference
        try homeward.closeInquiry(olena, reference: reference, withdrawn: false, reason: "found")
        #expect(throws: CaseworkError.self) { try homeward.closeInquiry(olena, reference: reference, withdrawn: false, reason: "again") }
        #expect(throws: (any Error).self) { try homeward.assignBatch(admin, user: "nobody", code: "B-2025-001") }
        let closes = try homeward.auditLog(admin, filter: AuditFilter(action: "inquiry.close")).map(\.outcome)
        #expect(closes == [.ok, .failed])
        let assign = try #require(try homeward.auditLog(admin, filter: AuditFilter(action: "user.assign")).last)
        #expect(assign.outcome == .failed)
        #expect(assign.entityID?.hasPrefix("unknown:") == true)
    }

    @Test func aDryRunLeavesNoEventEvenWhenItFails() throws {
        let (homeward, admin, olena) = try makeCasework()
        let table = try CSVTable(bytes: csv(["family_name,given_name", "Коваленко,Іван"]))
        #expect(throws: (any Error).self) { try homeward.importInquiries(olena, table: table, dryRun: true) }
        #expect(try homeward.auditLog(admin, filter: AuditFilter(action: "inquiry.import")).isEmpty)
        #expect(throws: (any Error).self) { try homeward.importInquiries(olena, table: table) }
        #expect(try homeward.auditLog(admin, filter: AuditFilter(action: "inquiry.import")).map(\.outcome) == [.failed])
    }
}
