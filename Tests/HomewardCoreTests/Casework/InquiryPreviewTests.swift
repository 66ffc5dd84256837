import Foundation
import Testing
@testable import HomewardCore

@Suite struct InquiryPreviewTests {
    @Test func aDryRunShowsTheNormalisedInquiryAndWritesNothing() throws {
        let (homeward, _, olena) = try makeCasework()
        _ = try homeward.addInquiry(olena, shevchenkoForm())
        let before = try tableCounts(homeward)
        let preview = try homeward.previewInquiry(olena, shevchenkoForm())
        #expect(preview.dryRun)
        #expect(preview.person.lastKnownRegion == "UA-14")
        #expect(preview.person.latinName == "Shevchenko Oleksii Petrovych")
        #expect(preview.person.sex == "male")
        #expect(preview.contact.phone == "+380501234567")
        #expect(preview.coordinator == "olena")
        #expect(preview.possibleDuplicates.map(\.reason) == ["same service number"])
        // Not even an audit event: a dry run is not a change.
        #expect(try tableCounts(homeward) == before)
    }

    @Test func aDryRunRefusesWhatAddWouldRefuse() throws {
        let (homeward, admin, olena) = try makeCasework()
        var form = shevchenkoForm()
        form.dateLastSeen = "2023-02-30"
        form.lastKnownRegion = "Atlantis"
        #expect {
            try homeward.previewInquiry(olena, form)
        } throws: { error in
            guard case let CaseworkError.invalid(problems) = error else { return false }
            return Set(problems.map(\.field)) == ["date_last_seen", "last_known_region"]
        }
        #expect(throws: CaseworkError.self) { try homeward.previewInquiry(olena, shevchenkoForm(), coordinator: "alice") }
        #expect(throws: AccessError.self) { try homeward.previewInquiry(admin, shevchenkoForm()) }
    }
}
