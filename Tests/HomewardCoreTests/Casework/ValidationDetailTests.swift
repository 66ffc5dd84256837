import Foundation
import Testing
@testable import HomewardCore

@Suite struct ValidationDetailTests {
    let today = CalendarDate(validYear: 2025, month: 6, day: 15)

    @Test(arguments: [
        ("2025-02-30", "2025-02 has no day 30"), ("1990-13", "there is no month 13"),
        ("2024-05-03..2024-05-01", "ends before it starts"), ("2024-05-01..", "open range"),
        ("1850", "1900 or later"), ("2030-01-01", "in the future"), ("yesterday", "is not a date"),
    ])
    func dateProblemsSayWhatIsWrong(_ cell: String, _ expected: String) {
        #expect(DateProblem.explain(cell, forms: "YYYY-MM-DD", today: today).contains(expected))
    }

    @Test(arguments: ["Гна\u{0}тюк", "Fake\nName", "Esc\u{1B}[31mape", "Bad\u{FFFD}Bytes"])
    func controlCharactersAndBrokenBytesAreRefused(_ name: String) {
        var form = shevchenkoForm()
        form.familyName = name
        guard case let .failure(problems) = form.validate(regions: .standard, today: today) else {
            Issue.record("accepted \(name.debugDescription)")
            return
        }
        #expect(problems.list.map(\.field) == ["family_name"])
        #expect(!problems.list[0].message.contains(name))
    }

    @Test func notesMayHaveLineBreaksButNotEscapes() {
        var form = shevchenkoForm()
        form.notes = "first line\nsecond line"
        #expect((try? form.validate(regions: .standard, today: today).get()) != nil)
        form.notes = "colour \u{1B}[31m"
        #expect((try? form.validate(regions: .standard, today: today).get()) == nil)
    }

    @Test func headerOnlyFilesAreRefused() throws {
        let (homeward, _, olena) = try makeCasework()
        let table = try CSVTable(bytes: csv([InquiryImportTests.header]))
        #expect(throws: ImportError.header("the file has a header but no data rows; nothing to import")) {
            try homeward.importInquiries(olena, table: table)
        }
    }

    @Test func mergeOfClearlyDifferentPersonsNeedsForce() throws {
        let (homeward, _, olena) = try makeCasework()
        let target = try homeward.addInquiry(olena, shevchenkoForm()).reference
        var other = shevchenkoForm()
        other.familyName = "Бондаренко"
        other.serviceNumber = nil
        let source = try homeward.addInquiry(olena, other).reference
        #expect(throws: CaseworkError.self) { try homeward.mergeInquiry(olena, reference: source, into: target) }
        try homeward.mergeInquiry(olena, reference: source, into: target, force: true)
        try homeward.unmergeInquiry(olena, reference: source)
        try homeward.closeInquiry(olena, reference: target, withdrawn: true, reason: "family asked")
        #expect(throws: CaseworkError.self) { try homeward.mergeInquiry(olena, reference: source, into: target, force: true) }
    }

    @Test func batchesNeedRegionsAndCannotBeCompletedBeforeTheirDate() throws {
        let (homeward, _, olena) = try makeCasework()
        #expect(throws: CaseworkError.self) {
            try homeward.addBatch(olena, BatchForm(date: "2025-06-01", kind: "remains", regions: [""]))
        }
        #expect(throws: CaseworkError.self) {
            try homeward.addBatch(olena, BatchForm(date: "2025-06-01", kind: "remains", received: 9_000_000, regions: ["UA-14"]))
        }
        let future = try homeward.addBatch(olena, BatchForm(date: "2025-07-01", kind: "remains", regions: ["UA-14"])).code
        #expect(throws: CaseworkError.self) {
            try homeward.setBatchStatus(olena, code: future, status: .completed, note: "done")
        }
        try homeward.setBatchStatus(olena, code: future, status: .postponed, note: "moved")
    }

    @Test func serviceNumbersMatchAcrossScripts() throws {
        let (homeward, _, olena) = try makeCasework()
        let reference = try homeward.addInquiry(olena, shevchenkoForm()).reference
        for query in ["ZSU-4471203", "зсу 4471203", "ЗСУ4471203"] {
            #expect(try homeward.search(olena, query).first?.reference == reference, "\(query)")
        }
    }
}

@Suite struct SecondReviewTests {
    let today = CalendarDate(validYear: 2025, month: 6, day: 15)

    @Test func monthRangesAreAccepted() {
        #expect(DayRange("2024-05..2024-06")?.description == "2024-05-01..2024-06-30")
        #expect(DayRange("2024..2025-02")?.description == "2024-01-01..2025-02-28")
    }

    @Test func unprintableTextIsShownEscaped() {
        #expect(Cell.printable("X\u{1B}[31mY\nZ\u{2028}") == "XU+001B[31mYU+000AZU+2028")
        #expect(Cell.printable("Шевченко Олексій") == "Шевченко Олексій")
    }

    @Test func batchFreeTextRefusesEscapes() throws {
        let (homeward, _, olena) = try makeCasework()
        #expect(throws: CaseworkError.self) {
            try homeward.addBatch(olena, BatchForm(date: "2025-06-01", kind: "remains", regions: ["UA-14"], transferPoint: "A\u{1B}[2J"))
        }
        let code = try homeward.addBatch(olena, BatchForm(date: "2025-06-01", kind: "remains", regions: ["UA-14"])).code
        #expect(throws: CaseworkError.self) { try homeward.setBatchStatus(olena, code: code, status: .disputed, note: "bell\u{7}") }
    }

    @Test func failedLoginNamesAreRecordedHarmlessly() throws {
        let (homeward, admin) = try makeHomeward()
        #expect(throws: AccessError.self) { try homeward.login(name: "X\u{1B}[31mY\nfake", password: adminPassword) }
        let event = try #require(try homeward.auditLog(admin).last)
        // No account has that name: the trail keeps only a keyed hash of it.
        #expect(event.actorName == nil)
        #expect(event.entityID?.hasPrefix("unknown:") == true)
        #expect(event.entityID?.contains("fake") == false)
    }

    @Test func volunteerRefusedABatchIsAudited() throws {
        let (homeward, admin, olena) = try makeCasework()
        let code = try homeward.addBatch(olena, BatchForm(date: "2025-06-01", kind: "remains", regions: ["UA-14"])).code
        let vera = try addAndLogin(homeward, admin: admin, name: "vera", role: .volunteer)
        #expect(throws: AccessError.notAssigned(batch: code)) { try homeward.batch(vera.actor, code: code) }
        let event = try #require(try homeward.auditLog(admin).last)
        #expect(event.action == "batch.show" && event.outcome == .denied)
    }
}
