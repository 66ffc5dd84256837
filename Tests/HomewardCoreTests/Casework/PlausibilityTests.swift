import Foundation
import Testing
@testable import HomewardCore

@Suite struct PlausibilityTests {
    @Test(arguments: [
        ("2012-05", "2024-02-15", "2025-03-01", ["date_of_birth"]),
        ("1950", "2024-02-15", "2025-03-01", ["date_of_birth"]),
        ("1994-03-12", "2024-02-15", "2023-12-01", ["received_on"]),
        ("2010", "2024-02-15", "2023-01-01", ["date_of_birth", "received_on"]),
        ("1994-03-12", "2024-02-15", "2025-03-01", []),
        // 16 on the day last seen, 70 the day before a birthday: plausible.
        ("2008-02-15", "2024-02-15", "2025-03-01", []),
        ("1953-02-16", "2024-02-15", "2025-03-01", []),
    ])
    func implausibleDatesAreAcceptedWithAWarning(_ birth: String, _ lastSeen: String, _ received: String, _ fields: [String]) throws {
        let (homeward, _, olena) = try makeCasework()
        var form = shevchenkoForm()
        form.dateOfBirth = birth
        form.dateLastSeen = lastSeen
        form.receivedOn = received
        let added = try homeward.addInquiry(olena, form)
        #expect(added.warnings.map(\.field) == fields)
        #expect(try homeward.inquiry(olena, reference: added.reference).person.dateOfBirth == birth)
    }

    @Test func importWarningsNameTheRow() throws {
        let (homeward, _, olena) = try makeCasework()
        let rows = [InquiryImportTests.row(1), InquiryImportTests.row(2).replacingOccurrences(of: ",2001-07,", with: ",2015,")]
        let summary = try homeward.importInquiries(olena, table: try CSVTable(bytes: csv([InquiryImportTests.header] + rows)))
        #expect(summary.rows == 2)
        #expect(summary.warnings.map(\.description) == [
            "line 3: date_of_birth: makes the person at most 9 when last seen (2024-02-15); check the year of birth",
        ])
    }
}
