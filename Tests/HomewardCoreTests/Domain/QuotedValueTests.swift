import Foundation
import Testing
@testable import HomewardCore

@Suite struct QuotedValueTests {
    let today = CalendarDate(validYear: 2025, month: 6, day: 15)

    @Test(arguments: [
        ("+380501234567", ValueShape.phoneNumber), ("067 123 45 67", .phoneNumber), ("0671234567", .phoneNumber),
        ("1234567", .phoneNumber), ("oleh.b@example.org", .emailAddress), ("Коваленко", .nameLike),
        ("Oleh Bondar", .nameLike), ("коваленко", .nameLike), ("maybe", .word), ("2024-02-31", .dateLike),
        ("12.05.2024", .dateLike), ("20240231", .dateLike), ("2024-05-03..2024-05-01", .dateLike), ("120", .number),
        ("1,212", .number), ("UA-99", .code), ("note, with comma", .text), ("", .empty),
    ])
    func shapes(_ value: String, _ shape: ValueShape) {
        #expect(ValueShape(value) == shape, "\(value)")
    }

    @Test func onlyShortValuesThatCannotBePersonalAreQuoted() {
        #expect(QuotedValue.quoted("maybe") == "\"maybe\"")
        #expect(QuotedValue.quoted("2024-13-01") == "\"2024-13-01\"")
        #expect(QuotedValue.quoted("UA-99") == "\"UA-99\"")
        for personal in ["Коваленко", "+380501234567", "oleh.b@example.org", "Шевченко Марія", "a long value made of words"] {
            #expect(QuotedValue.quoted(personal) == nil, "\(personal)")
        }
        #expect(QuotedValue.quoted(String(repeating: "x", count: QuotedValue.maximumLength + 1)) == nil)
        #expect(QuotedValue.isNot("+380501234567", "a region") == "a phone number, not a region")
        #expect(QuotedValue.isNot("maybe", "yes/no") == "\"maybe\" is not yes/no")
    }

    /// A row whose columns moved by one: every non-personal field holds someone's name,
    /// phone or e-mail address.
    @Test(arguments: ["Коваленко", "+380501234567", "oleh.b@example.org", "Oleh Bondarenko-Sydorenko"])
    func shiftedValuesAreDescribedNeverQuoted(_ value: String) throws {
        var form = shevchenkoForm()
        form.dateOfBirth = value
        form.sex = value
        form.lastKnownRegion = value
        form.dateLastSeen = value
        form.language = value
        form.consentTracing = value
        form.channel = value
        form.receivedOn = value
        guard case let .failure(problems) = form.validate(regions: .standard, today: today) else {
            Issue.record("accepted")
            return
        }
        #expect(problems.list.map(\.field) == ["date_of_birth", "sex", "last_known_region", "date_last_seen", "language",
                                               "consent_tracing", "channel", "received_on"])
        let shape = ValueShape(value).phrase
        for problem in problems.list {
            #expect(!problem.message.contains(value), "\(problem)")
            #expect(problem.message.hasPrefix(shape), "\(problem)")
        }
    }

    @Test func manifestAndReferenceErrorsDescribeShiftedValues() throws {
        let context = ManifestContext(code: "B-2025-001", date: today, kind: .remains)
        var form = ManifestForm()
        form.tag = "T-1"
        form.kind = "Коваленко"
        form.sex = "+380501234567"
        form.ageMin = "0671234567"
        form.recoveryRegion = "oleh.b@example.org"
        form.recoveryDate = "Шевченко"
        guard case let .failure(problems) = form.validate(regions: .standard, today: today, batch: context) else {
            Issue.record("accepted")
            return
        }
        let text = problems.list.map(\.description).joined(separator: "\n")
        for value in ["Коваленко", "380501234567", "0671234567", "oleh.b@", "Шевченко"] { #expect(!text.contains(value)) }
        #expect(text.contains("kind: a name or word, not a record kind"))
        #expect(text.contains("recovery_region: an e-mail address, not a region"))
        #expect(CaseworkError.malformedReference("Коваленко").errorDescription?.contains("Коваленко") == false)
    }

    @Test func aFileWithoutHeaderDoesNotRepeatItsFirstRow() throws {
        let (homeward, _, olena) = try makeCasework()
        let table = try CSVTable(bytes: csv([InquiryImportTests.row(1), InquiryImportTests.row(2)]))
        #expect {
            try homeward.importInquiries(olena, table: table)
        } throws: { error in
            guard case let ImportError.header(message) = error else { return false }
            return !message.contains("Ткаченко") && !message.contains("+38066") && message.contains("not a header")
        }
    }
}
