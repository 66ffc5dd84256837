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
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]) else { return nil }
        self.init(year: year, month: month, day: day)
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
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard (1...3).contains(parts.count), parts[0].count == 4, let year = Int(parts[0]), (1900...2999).contains(year)
        else { return nil }
        self.year = year
        if parts.count == 1 {
            month = nil
            day = nil
            return
        }
        guard parts[1].count == 2, let month = Int(parts[1]), (1...12).contains(month) else { return nil }
        self.month = month
        if parts.count == 2 {
            day = nil
            return
        }
        guard let full = CalendarDate(text) else { return nil }
        day = full.day
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
