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

/// The shortcut for the common Ukrainian shapes must give exactly libphonenumber's answer,
/// on the library installed here: every two-digit code after +380 or 0, random digits after
/// it, random spaces, hyphens and brackets between groups.
@Suite struct CommonUkrainianFormTests {
    @Test(arguments: 0..<100)
    func theShortcutAgreesWithLibphonenumber(code: Int) {
        var state = UInt64(code + 1) &* 0x9E37_79B9_7F4A_7C15
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        let separators = ["", " ", "-", " - ", "  "]
        var shortcuts = 0
        for _ in 0..<40 {
            let rest = (0..<(7 + next(3) - 1)).map { _ in String(next(10)) }.joined()
            let twoDigits = String(format: "%02d", code)
            let groups = [twoDigits, String(rest.prefix(3)), String(rest.dropFirst(3).prefix(2)), String(rest.dropFirst(5))]
            let bracketed = next(3) == 0 ? "(\(groups[0]))" : groups[0]
            let body = ([bracketed] + groups.dropFirst()).map { $0 + separators[next(separators.count)] }.joined()
            let prefix = ["+380", "+380 ", "+38 0", "0", "(0", "+38(0"][next(6)]
            let text = prefix == "(0" ? "(0" + body.replacingOccurrences(of: "(", with: "").replacingOccurrences(of: ")", with: "") + ")"
                : prefix + body
            let trimmed = text.trimmingCharacters(in: .whitespaces)
            if let shortcut = PhoneNumber.commonUkrainianForm(trimmed) {
                shortcuts += 1
                #expect(PhoneNumber.libphonenumber(trimmed) == .success(shortcut), "\(trimmed)")
            }
        }
        // Nine-digit national numbers that start with 1 to 9 take the shortcut in most shapes.
        if code >= 10 { #expect(shortcuts > 0) }
    }

    @Test(arguments: ["+380 (0)67 123 45 67", "+3800671234567", "0067 123 45 67", "+38 067 123 45 67 8", "8 067 123 45 67",
                      "+380.67.123.45.67", "067/123 45 67", "+48 601 234 567", "380671234567", "0 0671234567"])
    func otherShapesAreLeftToLibphonenumber(_ text: String) {
        #expect(PhoneNumber.commonUkrainianForm(text) == nil)
    }
}

@Suite struct ReadablePhoneTests {
    @Test(arguments: [("+380440000000", "+380 44 000 00 00"), ("+380671234567", "+380 67 123 45 67"),
                      ("+48601234567", "+48601234567"), ("+3804412345", "+3804412345")])
    func storedNumbersReadAsTheyAreDialled(_ stored: String, _ shown: String) {
        #expect(PhoneNumber.readable(stored) == shown)
        // What a family reads back is the same number.
        #expect(PhoneNumber.normalise(shown) == PhoneNumber.normalise(stored))
    }
}
