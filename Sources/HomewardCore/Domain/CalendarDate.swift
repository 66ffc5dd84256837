import Foundation

/// A day in the proleptic Gregorian calendar, written YYYY-MM-DD.
public struct CalendarDate: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    public init?(year: Int, month: Int, day: Int) {
        guard (1900...2999).contains(year), (1...12).contains(month),
              (1...Self.days(inMonth: month, year: year)).contains(day) else { return nil }
        self.init(validYear: year, month: month, day: day)
    }

    /// For components already known to form a real day.
    init(validYear year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses exactly `YYYY-MM-DD` with a real calendar day.
    public init?(_ text: some StringProtocol) {
        guard let (year, month, day) = Self.fields(text), let month, let day else { return nil }
        self.init(year: year, month: month, day: day)
    }

    /// The numbers of `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, read byte by byte (dates are parsed
    /// for every row of imports and matching), unchecked against the calendar.
    static func fields(_ text: some StringProtocol) -> (year: Int, month: Int?, day: Int?)? {
        var year = 0, month = 0, day = 0
        var position = 0
        for byte in text.utf8 {
            switch position {
            case 4, 7:
                guard byte == UInt8(ascii: "-") else { return nil }
            case 0..<10:
                guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
                let digit = Int(byte - UInt8(ascii: "0"))
                if position < 4 {
                    year = year * 10 + digit
                } else if position < 7 {
                    month = month * 10 + digit
                } else {
                    day = day * 10 + digit
                }
            default:
                return nil
            }
            position += 1
        }
        switch position {
        case 4: return (year, nil, nil)
        case 7: return (year, month, nil)
        case 10: return (year, month, day)
        default: return nil
        }
    }

    public var description: String {
        "\(Self.pad(year, 4))-\(Self.pad(month, 2))-\(Self.pad(day, 2))"
    }

    public static func < (lhs: Self, rhs: Self) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    static func days(inMonth month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    static func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}

/// A date known to the year, the month or the day: `1998`, `1998-04` or `1998-04-17`.
public struct PartialDate: Sendable, Hashable, CustomStringConvertible {
    public let year: Int
    public let month: Int?
    public let day: Int?

    public init?(_ text: some StringProtocol) {
        guard let (year, month, day) = CalendarDate.fields(text), (1900...2999).contains(year) else { return nil }
        if let month, !(1...12).contains(month) { return nil }
        if let month, let day, CalendarDate(year: year, month: month, day: day) == nil { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// The first and last days the partial date may mean.
    public var range: DayRange {
        // Year, month and day were validated when parsing.
        let first = CalendarDate(validYear: year, month: month ?? 1, day: day ?? 1)
        let lastMonth = month ?? 12
        let last = CalendarDate(validYear: year, month: lastMonth, day: day ?? CalendarDate.days(inMonth: lastMonth, year: year))
        return DayRange(from: first, to: last)
    }

    public var description: String {
        var text = CalendarDate.pad(year, 4)
        if let month { text += "-" + CalendarDate.pad(month, 2) }
        if let day { text += "-" + CalendarDate.pad(day, 2) }
        return text
    }
}

/// An inclusive range of days, e.g. when someone was last seen.
///
/// Written as one date (`2025-03-04`), a partial date (`2025-03` means the whole month) or two
/// dates joined by `..` (`2025-03-01..2025-03-05`).
public struct DayRange: Sendable, Hashable, CustomStringConvertible {
    public let from: CalendarDate
    public let to: CalendarDate

    public init(from: CalendarDate, to: CalendarDate) {
        self.from = from
        self.to = to
    }

    public init?(_ text: some StringProtocol) {
        let trimmed = String(Cell.trimmed(text))
        if let separator = trimmed.range(of: "..") {
            // Either end may be partial: 2024-05..2024-06 is May 1 to June 30.
            guard let from = PartialDate(Cell.trimmed(trimmed[..<separator.lowerBound]))?.range.from,
                  let to = PartialDate(Cell.trimmed(trimmed[separator.upperBound...]))?.range.to,
                  from <= to else { return nil }
            self.init(from: from, to: to)
        } else if let partial = PartialDate(trimmed) {
            self = partial.range
        } else {
            return nil
        }
    }

    public var description: String { from == to ? from.description : "\(from)..\(to)" }
}
