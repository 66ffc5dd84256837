import Foundation
import Testing
@testable import HomewardCore

@Suite struct ContactLogTests {
    @Test func contactsAreLoggedNewestFirstAndAuditedWithoutTheNote() throws {
        let clock = TestClock()
        let (homeward, _, olena) = try makeCasework(clock: clock)
        let reference = try homeward.addInquiry(olena, shevchenkoForm()).reference
        let first = try homeward.recordContact(olena, reference: reference, channel: .phone, note: "mother: no news yet", outcome: .noAnswer)
        #expect(first.contactCount == 1)
        clock.advance(3600)
        let second = try homeward.recordContact(olena, reference: reference, channel: .letter, note: "sent the DNA consent form")
        #expect(second.contactCount == 2 && second.outcome == nil)

        let contacts = try #require(try homeward.inquiry(olena, reference: reference).contacts)
        #expect(contacts.map(\.channel) == ["letter", "phone"])
        #expect(contacts.last == ContactEntry(at: first.at, by: "olena", channel: "phone", outcome: "no_answer", note: "mother: no news yet"))

        let events = try homeward.auditLog(olena, filter: AuditFilter(action: "inquiry.contact"))
        #expect(events.count == 2)
        #expect(events[0].details.contains("no_answer") && events[0].details.contains("phone"))
        #expect(events.allSatisfy { !$0.details.contains("news") && !$0.details.contains("consent form") })
    }

    @Test func onlyCoordinatorsRecordAndOnlyContactReadersSeeTheLog() throws {
        let (homeward, admin, olena) = try makeCasework()
        let reference = try homeward.addInquiry(olena, shevchenkoForm()).reference
        _ = try homeward.recordContact(olena, reference: reference, channel: .visit, note: "visited the family", outcome: .reached)
        let auditor = try addAndLogin(homeward, admin: admin, name: "audra", role: .auditor).actor
        let before = try tableCounts(homeward)
        #expect(throws: AccessError.self) { try homeward.recordContact(auditor, reference: reference, channel: .phone, note: "x") }
        #expect(throws: AccessError.self) { try homeward.recordContact(admin, reference: reference, channel: .phone, note: "x") }
        #expect(try tableCounts(homeward)["inquiry_contact"] == before["inquiry_contact"])
        #expect(try homeward.inquiry(auditor, reference: reference).contacts?.count == 1)
        #expect(try homeward.inquiry(admin, reference: reference).contacts == nil)
    }

    @Test func emptyNotesAndMergedInquiriesAreRefused() throws {
        let (homeward, _, olena) = try makeCasework()
        let reference = try homeward.addInquiry(olena, shevchenkoForm()).reference
        let other = try homeward.addInquiry(olena, shevchenkoForm()).reference
        try homeward.mergeInquiry(olena, reference: other, into: reference)
        let before = try tableCounts(homeward)
        #expect(throws: CaseworkError.invalid([FieldProblem(field: "note", message: "required; say what was said or sent")])) {
            try homeward.recordContact(olena, reference: reference, channel: .email, note: "   ")
        }
        #expect {
            try homeward.recordContact(olena, reference: other, channel: .email, note: "reply")
        } throws: { error in
            (error as? CaseworkError)?.errorDescription?.contains("record the contact on \(reference)") == true
        }
        #expect(throws: CaseworkError.self) {
            try homeward.recordContact(olena, reference: reference, channel: .email, note: "bell \u{7} here")
        }
        #expect(try tableCounts(homeward) == before)
    }
}
