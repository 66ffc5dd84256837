import Foundation

/// ISO 8601 dates or date-times as a user types them (a command line, an API query): `2025-06-02`,
/// `2025-06-02T10:00Z`, `2025-06-02T10:00:00+03:00`, `2025-06-02 10:00:00.250Z`. A date-time
/// without a zone is local time; a date alone is the start of that day in UTC.
public struct ISODate: Sendable {
    /// The calendar day as written.
    public let day: CalendarDate
    public let instant: Date

    /// `text` read as such, or nil when it is not one (or names a day that does not exist).
    public init?(_ text: String) {
        // The day must exist: Foundation's parser would roll 2025-02-30 over into March.
        guard text.count >= 10, let day = CalendarDate(text.prefix(10)) else { return nil }
        var components = DateComponents(year: day.year, month: day.month, day: day.day)
        var zone = TimeZone(identifier: "UTC")
        var rest = Substring(text.dropFirst(10))
        if let separator = rest.first {
            guard "Tt ".contains(separator) else { return nil }
            rest = rest.dropFirst()
            guard let (hour, minute, second, nanosecond, remainder) = Self.time(rest) else { return nil }
            components.hour = hour
            components.minute = minute
            components.second = second
            components.nanosecond = nanosecond
            if remainder.isEmpty {
                zone = TimeZone.current
            } else if let offset = Self.offset(remainder) {
                zone = TimeZone(secondsFromGMT: offset)
            } else {
                return nil
            }
        }
        var calendar = Calendar(identifier: .gregorian)
        guard let zone else { return nil }
        calendar.timeZone = zone
        guard let instant = calendar.date(from: components) else { return nil }
        self.day = day
        self.instant = instant
    }

    /// `hh:mm`, `hh:mm:ss` or `hh:mm:ss.fff`, and what follows.
    private static func time(_ text: Substring) -> (Int, Int, Int, Int, Substring)? {
        let digits = text.prefix(while: { $0.isASCIIDigit || $0 == ":" || $0 == "." || $0 == "," })
        let parts = digits.split(separator: ":", omittingEmptySubsequences: false)
        guard (2...3).contains(parts.count), parts[0].count == 2, parts[1].count == 2,
              let hour = Int(parts[0]), let minute = Int(parts[1]), hour < 24, minute < 60 else { return nil }
        var second = 0
        var nanosecond = 0
        if parts.count == 3 {
            let pieces = parts[2].split(omittingEmptySubsequences: false, whereSeparator: { $0 == "." || $0 == "," })
            guard pieces[0].count == 2, let whole = Int(pieces[0]), whole < 60, pieces.count <= 2 else { return nil }
            second = whole
            if pieces.count == 2 {
                let fraction = pieces[1]
                guard !fraction.isEmpty, fraction.allSatisfy(\.isASCIIDigit) else { return nil }
                let nine = String(fraction.prefix(9))
                nanosecond = Int(nine + String(repeating: "0", count: 9 - nine.count)) ?? 0
            }
        } else if parts[1].contains(".") {
            return nil
        }
        return (hour, minute, second, nanosecond, text.dropFirst(digits.count))
    }

    /// `Z`, `+03:00`, `+0300` or `+03` as seconds east of UTC.
    private static func offset(_ text: Substring) -> Int? {
        if text == "Z" || text == "z" { return 0 }
        guard let sign = text.first, sign == "+" || sign == "-" else { return nil }
        let body = String(text.dropFirst())
        let digits: String
        switch body.count {
        case 2, 4: digits = body
        case 5 where body.dropFirst(2).first == ":": digits = String(body.prefix(2) + body.suffix(2))
        default: return nil
        }
        guard digits.allSatisfy(\.isASCIIDigit), let hours = Int(digits.prefix(2)), hours <= 14 else { return nil }
        let minutes = Int(digits.dropFirst(2)) ?? 0
        guard minutes < 60 else { return nil }
        return (sign == "+" ? 1 : -1) * (hours * 3600 + minutes * 60)
    }
}

extension Character {
    /// 0–9 only (`isNumber` alone takes other scripts' digits and fractions too).
    public var isASCIIDigit: Bool { isASCII && isNumber }
}
