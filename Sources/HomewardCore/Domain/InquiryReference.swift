import Foundation

/// Human-facing inquiry references: `HW-2025-000123-K`.
///
/// The check letter is Σ digitᵢ × (i + 1) mod 23 over the ten digits of year and number
/// (i counted from the right), drawn from 23 letters without I, O and Z. Because 23 is prime
/// and the weights are distinct and non-zero, every single mistyped digit and every swap of
/// two adjacent digits changes the letter.
public struct InquiryReference: Sendable, Hashable, CustomStringConvertible {
    public let year: Int
    public let number: Int

    static let letters = Array("ABCDEFGHJKLMNPQRSTUVWXY")

    public init(year: Int, number: Int) {
        self.year = year
        self.number = number
    }

    public var checkLetter: Character {
        // The ten digits of YYYYNNNNNN, weighted 1, 2, … from the right.
        var value = year * 1_000_000 + number
        var sum = 0
        for weight in 1...10 {
            sum += (value % 10) * weight
            value /= 10
        }
        return Self.letters[sum % 23]
    }

    public var description: String {
        var text = "HW-"
        text.reserveCapacity(16)
        text += CalendarDate.pad(year, 4)
        text += "-"
        text += CalendarDate.pad(number, 6)
        text += "-"
        text.append(checkLetter)
        return text
    }

    /// Parses a reference typed by a person (case-insensitive, surrounding spaces ignored).
    public static func parse(_ text: String) throws(CaseworkError) -> InquiryReference {
        // Empty parts kept and digits only, so that each reference has one spelling: no
        // "HW-2025-000123--K", no "+" that Int(_:) would read as a sign.
        let parts = String(Cell.trimmed(text)).uppercased().split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 4, parts[0] == "HW", isDigits(parts[1], count: 4), let year = Int(parts[1]),
              isDigits(parts[2], count: 6), let number = Int(parts[2]), parts[3].count == 1
        else { throw .malformedReference(text) }
        let reference = InquiryReference(year: year, number: number)
        guard parts[3].first == reference.checkLetter else { throw .referenceCheckFailed(text) }
        return reference
    }

    private static func isDigits(_ part: Substring, count: Int) -> Bool {
        part.utf8.count == count && part.utf8.allSatisfy { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }
    }
}
