import Foundation
import GRDB
import Testing
@testable import HomewardCore

@Suite struct InquiryTests {
    @Test func addStoresNormalisedValuesAndShowsThemToCoordinators() throws {
        let (homeward, _, olena) = try makeCasework()
        let added = try homeward.addInquiry(olena, shevchenkoForm())
        let view = try homeward.inquiry(olena, reference: added.reference)
        #expect(view.person.latinName == "Shevchenko Oleksii Petrovych")
        #expect(view.person.lastKnownRegion == "UA-14")
        #expect(view.person.sex == "male")
        #expect(view.contact?.phone == "+380501234567")
        #expect(view.consentTracing)
        #expect(view.coordinator == "olena")
        let read = try #require(try homeward.auditLog(olena).last)
        #expect(read.action == "inquiry.contact_read")
        #expect(!read.details.contains("380"))
    }

    @Test(arguments: ["Lugansk", "Луганська область", "UA-09", "луганская обл.", "LUHANSK"])
    func regionSpellingsAreStoredAsTheirCode(_ spelling: String) throws {
        let (homeward, _, olena) = try makeCasework()
        var form = shevchenkoForm()
        form.lastKnownRegion = spelling
        let added = try homeward.addInquiry(olena, form)
        #expect(try homeward.inquiry(olena, reference: added.reference).person.lastKnownRegion == "UA-09")
    }

    @Test func invalidFieldsAreAllNamedAndNothingIsWritten() throws {
        let (homeward, _, olena) = try makeCasework()
        var form = shevchenkoForm()
        form.familyName = " "
        form.dateLastSeen = "2025-13-01"
        form.lastKnownRegion = "Lugnsk"
        form.phone = nil
        form.sex = "x"
        #expect {
            try homeward.addInquiry(olena, form)
        } throws: { error in
            guard case let CaseworkError.invalid(problems) = error else { return false }
            let fields = Set(problems.map(\.field))
            return fields == ["family_name", "date_last_seen", "last_known_region", "phone", "sex"]
                && problems.first { $0.field == "last_known_region" }?.message.contains("Luhansk") == true
        }
        #expect(try homeward.inquiries(olena).isEmpty)
    }

    @Test func volunteersAndAdminsSeeNoContactDetailsAndCannotEdit() throws {
        let (homeward, admin, olena) = try makeCasework()
        let added = try homeward.addInquiry(olena, shevchenkoForm())
        let vera = try addAndLogin(homeward, admin: admin, name: "vera", role: .volunteer)
        // Volunteers reach cases only through their batches; admins read without contacts.
        #expect(throws: AccessError.denied(role: .volunteer, permission: .readInquiries)) {
            try homeward.inquiry(vera.actor, reference: added.reference)
        }
        #expect(throws: AccessError.self) { try homeward.inquiries(vera.actor) }
        let asAdmin = try homeward.inquiry(admin, reference: added.reference)
        #expect(asAdmin.contact == nil && asAdmin.notes == nil)
        #expect(throws: AccessError.denied(role: .volunteer, permission: .editCases)) {
            try homeward.addInquiry(vera.actor, shevchenkoForm())
        }
        let auditor = try addAndLogin(homeward, admin: admin, name: "ivan", role: .auditor)
        #expect(try homeward.inquiry(auditor.actor, reference: added.reference).contact != nil)
    }

    @Test func mistypedReferenceIsRejectedAsSuchNotAsNotFound() throws {
        let (homeward, _, olena) = try makeCasework()
        let added = try homeward.addInquiry(olena, shevchenkoForm())
        var typo = Array(added.reference)
        typo[12] = typo[12] == "1" ? "2" : "1"
        #expect(throws: CaseworkError.referenceCheckFailed(String(typo))) {
            try homeward.inquiry(olena, reference: String(typo))
        }
        let other = InquiryReference(year: 2025, number: 999).description
        #expect(throws: CaseworkError.noSuchInquiry(other)) { try homeward.inquiry(olena, reference: other) }
    }

    @Test func duplicatesArePointedOutBySerialNumberOrNameAndBirth() throws {
        let (homeward, _, olena) = try makeCasework()
        let first = try homeward.addInquiry(olena, shevchenkoForm())
        #expect(first.possibleDuplicates.isEmpty)
        var sameNumber = shevchenkoForm()
        sameNumber.familyName = "Shevchenko"
        sameNumber.givenName = "Oleksii"
        let second = try homeward.addInquiry(olena, sameNumber)
        #expect(second.possibleDuplicates.map(\.reference).contains(first.reference))
        var latinNoNumber = shevchenkoForm()
        latinNoNumber.familyName = "Shevchenko"
        latinNoNumber.givenName = "Oleksiy"
        latinNoNumber.serviceNumber = nil
        latinNoNumber.dateOfBirth = "1994"
        #expect(try homeward.addInquiry(olena, latinNoNumber).possibleDuplicates.count >= 1)
        var differentBirth = latinNoNumber
        differentBirth.dateOfBirth = "1970"
        #expect(try homeward.addInquiry(olena, differentBirth).possibleDuplicates.isEmpty)
    }

    @Test func updateChangesFieldsValidatesAndAuditsFieldNamesOnly() throws {
        let (homeward, _, olena) = try makeCasework()
        let added = try homeward.addInquiry(olena, shevchenkoForm())
        var changes = InquiryForm()
        changes.phone = "+380671112233"
        changes.givenName = "Олекса"
        let changed = try homeward.updateInquiry(olena, reference: added.reference, changes: changes)
        #expect(Set(changed) == ["phone", "given_name"])
        let view = try homeward.inquiry(olena, reference: added.reference)
        #expect(view.person.givenName == "Олекса")
        #expect(view.contact?.phone == "+380671112233")
        let event = try #require(try homeward.auditLog(olena, filter: AuditFilter(action: "inquiry.update")).last)
        #expect(!event.details.contains("1112233"))
        var bad = InquiryForm()
        bad.dateLastSeen = "soon"
        #expect(throws: CaseworkError.self) { try homeward.updateInquiry(olena, reference: added.reference, changes: bad) }
        #expect(try homeward.search(olena, "Олекса Шевченко").first?.reference == added.reference)
    }

    @Test func closeAndWithdrawNeedAReasonAndFollowTheStatusRules() throws {
        let (homeward, _, olena) = try makeCasework()
        let one = try homeward.addInquiry(olena, shevchenkoForm()).reference
        #expect(throws: CaseworkError.self) { try homeward.closeInquiry(olena, reference: one, withdrawn: false, reason: " ") }
        try homeward.closeInquiry(olena, reference: one, withdrawn: false, reason: "identified and family informed")
        #expect(try homeward.inquiry(olena, reference: one).status == "resolved")
        #expect(throws: CaseworkError.self) { try homeward.closeInquiry(olena, reference: one, withdrawn: false, reason: "again") }
        try homeward.closeInquiry(olena, reference: one, withdrawn: true, reason: "family asked")
        #expect(try homeward.inquiry(olena, reference: one).status == "withdrawn")
    }

    @Test func mergeIsFullyReversible() throws {
        let (homeward, _, olena) = try makeCasework()
        let target = try homeward.addInquiry(olena, shevchenkoForm()).reference
        var other = shevchenkoForm()
        other.familyName = "Шевченко"
        other.givenName = "Олексий"
        other.inquirerName = "Шевченко Петро"
        other.relationship = "батько"
        let source = try homeward.addInquiry(olena, other).reference
        let before = try homeward.inquiry(olena, reference: source)
        try homeward.mergeInquiry(olena, reference: source, into: target)
        let merged = try homeward.inquiry(olena, reference: source)
        #expect(merged.status == "merged" && merged.mergedInto == target)
        #expect(merged.person.givenName == "Олексій")
        #expect(try homeward.inquiry(olena, reference: target).relatedInquiries == [source])
        #expect(throws: CaseworkError.self) { try homeward.mergeInquiry(olena, reference: target, into: source) }
        try homeward.unmergeInquiry(olena, reference: source)
        let restored = try homeward.inquiry(olena, reference: source)
        #expect(restored == before)
        let actions = try homeward.auditLog(olena).map(\.action)
        #expect(actions.contains("inquiry.merge") && actions.contains("inquiry.unmerge"))
    }

    @Test func listFiltersByStatusRegionCoordinatorAndDate() throws {
        let (homeward, _, olena) = try makeCasework()
        _ = try homeward.addInquiry(olena, shevchenkoForm())
        var kherson = shevchenkoForm()
        kherson.lastKnownRegion = "Kherson"
        kherson.receivedOn = "2025-03-01"
        let second = try homeward.addInquiry(olena, kherson).reference
        #expect(try homeward.inquiries(olena, filter: InquiryFilter(region: "Херсонська")).map(\.reference) == [second])
        #expect(try homeward.inquiries(olena, filter: InquiryFilter(receivedSince: "2025-02-01")).map(\.reference) == [second])
        #expect(try homeward.inquiries(olena, filter: InquiryFilter(coordinator: "OLENA")).count == 2)
        #expect(try homeward.inquiries(olena, filter: InquiryFilter(status: "resolved")).isEmpty)
        #expect(try homeward.inquiries(olena, filter: InquiryFilter(limit: 1)).count == 1)
        #expect(throws: CaseworkError.self) { try homeward.inquiries(olena, filter: InquiryFilter(status: "lost")) }
    }
}
