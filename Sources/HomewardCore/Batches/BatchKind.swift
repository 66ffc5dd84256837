import Foundation

/// What a repatriation batch returned.
public enum BatchKind: String, Sendable, Codable, CaseIterable {
    case remains
    case powExchange = "pow_exchange"
    case woundedExchange = "wounded_exchange"
    case civilians
}

/// Where a batch stands; every change is kept in its history.
public enum BatchStatus: String, Sendable, Codable, CaseIterable {
    case announced, completed, postponed, disputed
}

/// A returned record is a set of remains or a living returnee.
public enum RecordKind: String, Sendable, Codable, CaseIterable {
    case remains, returnee
}

/// Batch codes: `B-2025-014`, numbered per year of the batch date.
enum BatchCode {
    static func format(year: Int, number: Int) -> String {
        "B-\(CalendarDate.pad(year, 4))-\(CalendarDate.pad(number, 3))"
    }

    /// Normalises a typed code (case, spaces) or refuses it.
    static func parse(_ text: String) throws(CaseworkError) -> String {
        let upper = String(Cell.trimmed(text)).uppercased()
        let parts = upper.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0] == "B", parts[1].count == 4, Int(parts[1]) != nil,
              parts[2].count >= 3, Int(parts[2]) != nil else { throw .malformedBatchCode(text) }
        return upper
    }
}
