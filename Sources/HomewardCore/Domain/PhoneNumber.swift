import Foundation

/// Phone numbers normalised to E.164: '+' then country code and digits.
public enum PhoneNumber {
    /// Ukrainian numbers written nationally (0XX XXX XX XX) get +380; "00" becomes "+".
    /// Returns nil when the result is not 8–15 digits.
    public static func normalise(_ text: String) -> String? {
        let trimmed = String(Cell.trimmed(text))
        guard !trimmed.isEmpty,
              trimmed.unicodeScalars.allSatisfy({ "0123456789+-() .".unicodeScalars.contains($0) }) else { return nil }
        var digits = trimmed.filter(\.isASCII).filter(\.isNumber)
        let international = trimmed.hasPrefix("+")
        if !international {
            if digits.hasPrefix("00") {
                digits.removeFirst(2)
            } else if digits.count == 10, digits.hasPrefix("0") {
                digits = "38" + digits
            }
        }
        guard (8...15).contains(digits.count), digits.first != "0" else { return nil }
        return "+" + digits
    }

    /// Digits for searching: a national or international form of the same number gives the same.
    static func searchDigits(_ text: String) -> String? {
        normalise(text).map { String($0.dropFirst()) }
    }
}

/// Light e-mail validation: one '@', something before it, a dotted domain after it, no spaces.
enum EmailAddress {
    static func isValid(_ text: String) -> Bool {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."), !parts[1].hasPrefix("."),
              !parts[1].hasSuffix("."), text.count <= 254 else { return false }
        return !text.contains { $0.isWhitespace }
    }
}

/// Service numbers compared by their letters and digits only, upper-cased, Cyrillic letters
/// in Latin, so "ЗСУ-4471203", "зсу 4471203" and "ZSU4471203" are one number.
enum ServiceNumber {
    static func key(_ text: String) -> String? {
        let compact = String(text.filter { $0.isLetter || $0.isNumber })
        let key = Transliteration.latin(compact, language: Transliteration.guessLanguage(compact)).uppercased()
        return key.isEmpty ? nil : key
    }
}
