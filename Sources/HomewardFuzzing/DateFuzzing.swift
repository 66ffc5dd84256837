import HomewardCore

/// `CalendarDate`, `PartialDate` and `DayRange`.
///
/// Properties: a parsed date or partial date prints as the text it was parsed from (the
/// formats have one spelling); a day range starts no later than it ends and parses back from
/// its printed form; a date made from components prints as text that parses back to it.
enum DateFuzzing {
    static func check(_ input: [UInt8]) throws(PropertyViolation) {
        let text = text(input)
        if let date = CalendarDate(text) {
            try require(date.description == text, "a parsed date prints as its text", "\(shown(text)) → \(date)")
            try require(CalendarDate(year: date.year, month: date.month, day: date.day) == date,
                        "a parsed date's components make the same date", "\(date)")
            try require(PartialDate(text)?.range == DayRange(from: date, to: date),
                        "a full date is a partial date of one day", "\(date)")
        }
        if let partial = PartialDate(text) {
            try require(partial.description == text, "a parsed partial date prints as its text", "\(shown(text)) → \(partial)")
            let range = partial.range
            try require(range.from <= range.to, "a partial date's first day is not after its last", "\(range)")
            try require(DayRange(partial.description) == range, "a partial date parses as the range it means", "\(partial)")
        }
        if let range = DayRange(text) {
            try require(range.from <= range.to, "a day range starts no later than it ends", "\(shown(text)) → \(range)")
            try require(DayRange(range.description) == range, "a day range parses back from its printed form",
                        "\(shown(text)) → \(range)")
        }
        // Components straight from the bytes, valid or not, reach the calendar checks too.
        if input.count >= 4 {
            let year = 1_850 + (Int(input[0]) << 8 | Int(input[1])) % 1_200
            if let date = CalendarDate(year: year, month: Int(input[2] % 14), day: Int(input[3] % 33)) {
                try require(CalendarDate(date.description) == date, "a date made from components parses back from its text",
                            "\(date)")
            }
        }
    }
}
