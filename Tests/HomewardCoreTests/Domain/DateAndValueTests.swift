import Testing
@testable import HomewardCore

@Suite struct DateAndValueTests {
    @Test func calendarDatesAreRealDays() {
        #expect(CalendarDate("2024-02-29") != nil)
        #expect(CalendarDate("2023-02-29") == nil)
        #expect(CalendarDate("2025-13-01") == nil)
        #expect(CalendarDate("2025-1-01") == nil)
        #expect(CalendarDate("25-01-01") == nil)
        #expect(CalendarDate("2025-04-31") == nil)
    }

    @Test func partialDatesCoverTheirRange() throws {
        let year = try #require(PartialDate("1998"))
        #expect(year.range.description == "1998-01-01..1998-12-31")
        let month = try #require(PartialDate("2024-02"))
        #expect(month.range.description == "2024-02-01..2024-02-29")
        #expect(PartialDate("1998-04-17")?.description == "1998-04-17")
        #expect(PartialDate("1998-4") == nil)
        #expect(PartialDate("1998-02-30") == nil)
    }

    @Test func lastSeenRanges() {
        #expect(DayRange("2023-08-01..2023-08-03")?.description == "2023-08-01..2023-08-03")
        #expect(DayRange("2023-08-03..2023-08-01") == nil)
        #expect(DayRange("2024-01")?.description == "2024-01-01..2024-01-31")
        #expect(DayRange("2024-01-05")?.description == "2024-01-05")
        #expect(DayRange("yesterday") == nil)
    }

    @Test(arguments: [
        ("+380 50 123 45 67", "+380501234567"), ("0501234567", "+380501234567"), ("(067) 123-45-67", "+380671234567"),
        ("00380671234567", "+380671234567"), ("+48 601 234 567", "+48601234567"),
    ])
    func phonesNormaliseToE164(_ input: String, _ expected: String) {
        #expect(PhoneNumber.normalise(input) == expected)
    }

    @Test(arguments: ["12345", "call me", "+0123456789", "050-ABC-4567", ""])
    func nonPhonesAreRefused(_ input: String) {
        #expect(PhoneNumber.normalise(input) == nil)
    }

    @Test func sexAndYesNoCells() {
        #expect(Sex(cell: "Ч") == .male)
        #expect(Sex(cell: "ж") == .female)
        #expect(Sex(cell: "F") == .female)
        #expect(Sex(cell: "x") == nil)
        #expect(YesNo.parse("TRUE") == true)
        #expect(YesNo.parse("0") == false)
        #expect(YesNo.parse("maybe") == nil)
    }
}
