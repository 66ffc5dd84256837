import Foundation
import GRDB
import Testing
@testable import HomewardCore

@Suite struct PhoneNumberTests {
    @Test(arguments: [
        ("8 067 123 45 67", "+380671234567"), ("067 123 45 67", "+380671234567"), ("+38 (067) 123-45-67", "+380671234567"),
        ("00380671234567", "+380671234567"), ("+48 601 234 567", "+48601234567"), ("+44 (0)20 7946 0958", "+442079460958"),
        // Possible though unknown to the installed metadata: Kyivstar's 077 opened in 2023.
        ("077 123 45 67", "+380771234567"),
    ])
    func numbersAreStoredInE164(_ input: String, _ expected: String) {
        #expect(PhoneNumber.parse(input) == .success(expected))
    }

    @Test(arguments: [
        ("+3800671234567", PhoneNumber.Problem.trunkPrefix(countryCode: 380)),
        ("+99 9999 9999 9999", .unknownCountryCode),
        ("067 123 45 6", .tooShort(countryCode: 380)),
        ("067 123 45 67 89", .tooLong(countryCode: 380)),
        // Possible for libphonenumber (Japan's lengths run to 17 digits), but E.164 stops at 15.
        ("+81 10440686913493", .tooLong(countryCode: 81)),
        ("123", .tooShort(countryCode: 380)),
        ("12345", .tooShort(countryCode: 380)),
        ("0671234567 ext 12", .notANumber),
        ("050-ABC-4567", .notANumber),
    ])
    func impossibleNumbersAreRefusedWithTheirKind(_ input: String, _ problem: PhoneNumber.Problem) {
        #expect(PhoneNumber.parse(input) == .failure(problem))
        #expect(!problem.description.contains(input))
    }

    @Test func theFormNamesThePhoneFieldAndNotTheNumber() {
        var form = shevchenkoForm()
        form.phone = "+3800671234567"
        guard case let .failure(problems) = form.validate(regions: .standard, today: CalendarDate(validYear: 2025, month: 6, day: 15)) else {
            Issue.record("accepted")
            return
        }
        #expect(problems.list.map(\.field) == ["phone"])
        #expect(problems.list[0].message.hasPrefix("impossible"))
        #expect(!problems.list[0].message.contains("0671234567"))
    }

    @Test func storedNumbersStayAsTheyAreAndSearchFindsThemByEitherForm() throws {
        let (homeward, _, olena) = try makeCasework()
        let reference = try homeward.addInquiry(olena, shevchenkoForm()).reference
        // A number stored by the rule before libphonenumber: "8 067 123 45 67" became +80671234567.
        try homeward.writer.write { db in
            try db.execute(sql: "UPDATE inquiry SET phone = '+80671234567' WHERE reference = ?", arguments: [reference])
        }
        var change = InquiryForm()
        change.notes = "called back"
        #expect(try homeward.updateInquiry(olena, reference: reference, changes: change) == ["notes"])
        #expect(try homeward.inquiry(olena, reference: reference).contact?.phone == "+80671234567")
        #expect(try homeward.search(olena, "8 067 123 45 67").map(\.reference) == [reference])

        change = InquiryForm()
        change.phone = "8 067 123 45 67"
        try homeward.updateInquiry(olena, reference: reference, changes: change)
        #expect(try homeward.inquiry(olena, reference: reference).contact?.phone == "+380671234567")
        for query in ["8 067 123 45 67", "+380671234567", "067-123-45-67"] {
            #expect(try homeward.search(olena, query).map(\.reference) == [reference], "\(query)")
        }
    }
}
