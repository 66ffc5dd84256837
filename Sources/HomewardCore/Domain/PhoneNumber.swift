import CPhoneNumber
import Foundation

/// Phone numbers checked by libphonenumber and stored in E.164: '+', country code, number.
///
/// The rule: a number written without a country code is Ukrainian; it must be *possible*
/// for its country (libphonenumber's IsPossibleNumber: a length some number there has) and
/// typed without a stray trunk prefix (no 0 after +380). Validity (IsValidNumber, "this
/// range is allocated") is not required, because the installed metadata is older than the
/// numbering plans it describes: Debian's libphonenumber 8.12 does not know Kyivstar's 077
/// range, opened in 2023, and would refuse real families' numbers.
public enum PhoneNumber {
    /// Why a text is not a phone number that can be stored.
    public enum Problem: Error, Sendable, Equatable, CustomStringConvertible {
        case notANumber
        case unknownCountryCode
        case tooShort(countryCode: Int)
        case tooLong(countryCode: Int)
        case impossibleLength(countryCode: Int)
        case trunkPrefix(countryCode: Int)

        /// What is wrong and how to write the number, without repeating it.
        public var description: String {
            switch self {
            case .notANumber:
                "not a phone number; use digits with an optional leading +, e.g. +380XXXXXXXXX or 0XX XXX XX XX"
            case .unknownCountryCode:
                "impossible: no country has the code it starts with; check the digits after + or 00"
            case .tooShort(let code):
                "impossible: too few digits for a number in +\(code); check for a missing digit"
            case .tooLong(let code):
                "impossible: too many digits for a number in +\(code); check for an extra digit"
            case .impossibleLength(let code):
                "impossible: no number in +\(code) has that many digits; check the digits"
            case .trunkPrefix(let code):
                "impossible: the national number starts with a trunk 0; write +\(code) without the 0 after it, or 0XX… without +\(code)"
            }
        }
    }

    /// The region assumed for numbers written without a country code.
    public static let defaultRegion = "UA"

    /// The number in E.164, or why it cannot be stored.
    ///
    /// Digits, spaces and `+ - ( ) . /` only: letters (vanity numbers, "ext. 12") are refused
    /// rather than guessed at. Before 2009 Ukrainians dialled 8 before the trunk 0
    /// ("8 067 123 45 67"); that form is read as the national number it prefixes.
    public static func parse(_ text: String) -> Result<String, Problem> {
        let trimmed = String(Cell.trimmed(text))
        guard !trimmed.isEmpty, trimmed.utf8.count <= 64,
              trimmed.unicodeScalars.allSatisfy({ "0123456789+-() ./".unicodeScalars.contains($0) }),
              trimmed.contains(where: \.isNumber) else { return .failure(.notANumber) }
        if let number = commonUkrainianForm(trimmed) { return .success(number) }
        let result = libphonenumber(trimmed)
        if case .failure = result, let national = withoutLongDistancePrefix(trimmed),
           case let .success(number) = libphonenumber(national) {
            return .success(number)
        }
        return result
    }

    /// A stored number as a person reads and dials it: a Ukrainian number in the national
    /// grouping, "+380 44 123 45 67"; any other number as stored.
    public static func readable(_ e164: String) -> String {
        let digits = Array(e164.utf8.dropFirst(4))
        guard e164.hasPrefix("+380"), digits.count == 9, digits.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) })
        else { return e164 }
        let groups = [digits[0..<2], digits[2..<5], digits[5..<7], digits[7..<9]].map { String(decoding: $0, as: UTF8.self) }
        return "+380 " + groups.joined(separator: " ")
    }

    /// ``parse(_:)`` as an optional.
    public static func normalise(_ text: String) -> String? {
        try? parse(text).get()
    }

    /// Whether libphonenumber's metadata knows the range of an E.164 number; informative only.
    public static func isKnownRange(_ e164: String) -> Bool {
        hw_phone_is_known_range(e164) != 0
    }

    /// The forms under which a number may be stored: its E.164 form, and the one that
    /// Homeward before libphonenumber gave it ("8 067…" became +80671234567), since stored
    /// numbers are never rewritten. Used by search.
    static func storedForms(_ text: String) -> [String] {
        var forms = [String]()
        if let number = normalise(text) { forms.append(number) }
        if let legacy = legacyForm(text), !forms.contains(legacy) { forms.append(legacy) }
        return forms
    }

    /// The E.164 form of a number in one of the two shapes most families write, "+380 XX XXX
    /// XX XX" and "0XX XXX XX XX" (digits with spaces, hyphens or brackets), found without
    /// libphonenumber, whose regular expressions cost most of an import's row checks; nil
    /// for any other shape, which libphonenumber then reads.
    ///
    /// For these shapes libphonenumber's answer is known: a Ukrainian national number is
    /// nine digits (every nine-digit number is possible there) and none starts with the
    /// trunk 0. `PhoneNumberTests` checks on the installed library that both give the same
    /// answer for every two-digit operator or area code, with random digits and separators.
    static func commonUkrainianForm(_ text: String) -> String? {
        var digits = [UInt8]()
        digits.reserveCapacity(12)
        var plus = false
        for (offset, byte) in text.utf8.enumerated() {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                digits.append(byte)
                if digits.count > 12 { return nil }
            case UInt8(ascii: "+") where offset == 0: plus = true
            case UInt8(ascii: " "), UInt8(ascii: "-"), UInt8(ascii: "("), UInt8(ascii: ")"): continue
            default: return nil
            }
        }
        // "(0)" marks a left-out trunk prefix, which hw_phone_parse removes first.
        guard !text.contains("(0)") else { return nil }
        let zero = UInt8(ascii: "0")
        let national: ArraySlice<UInt8>
        if plus, digits.count == 12, digits.starts(with: "380".utf8), digits[3] != zero {
            national = digits[3...]
        } else if !plus, digits.count == 10, digits[0] == zero, digits[1] != zero {
            national = digits[1...]
        } else {
            return nil
        }
        return "+380" + String(decoding: national, as: UTF8.self)
    }

    /// libphonenumber's reading of `text`, through ``hw_phone_parse``.
    static func libphonenumber(_ text: String) -> Result<String, Problem> {
        var buffer = [CChar](repeating: 0, count: 32)
        var countryCode: Int32 = 0
        let status = buffer.withUnsafeMutableBufferPointer { out in
            hw_phone_parse(text, defaultRegion, out.baseAddress, out.count, &countryCode)
        }
        let code = Int(countryCode)
        switch status {
        case HW_PHONE_OK:
            let end = buffer.firstIndex(of: 0) ?? buffer.endIndex
            return .success(String(decoding: buffer[..<end].map { UInt8(bitPattern: $0) }, as: UTF8.self))
        case HW_PHONE_INVALID_COUNTRY_CODE: return .failure(.unknownCountryCode)
        case HW_PHONE_TOO_SHORT: return .failure(.tooShort(countryCode: code))
        case HW_PHONE_TOO_LONG: return .failure(.tooLong(countryCode: code))
        case HW_PHONE_INVALID_LENGTH: return .failure(.impossibleLength(countryCode: code))
        case HW_PHONE_TRUNK_PREFIX: return .failure(.trunkPrefix(countryCode: code))
        default: return .failure(.notANumber)
        }
    }

    /// "8 0XX …" without its 8, when written nationally.
    private static func withoutLongDistancePrefix(_ text: String) -> String? {
        let digits = text.filter(\.isNumber)
        guard !text.hasPrefix("+"), digits.hasPrefix("80"), let eight = text.firstIndex(of: "8") else { return nil }
        return String(text[text.index(after: eight)...])
    }

    /// Homeward's rule before libphonenumber: national 0XX… got +38, "00" became "+".
    private static func legacyForm(_ text: String) -> String? {
        let trimmed = String(Cell.trimmed(text))
        guard !trimmed.isEmpty,
              trimmed.unicodeScalars.allSatisfy({ "0123456789+-() .".unicodeScalars.contains($0) }) else { return nil }
        var digits = trimmed.filter(\.isASCII).filter(\.isNumber)
        if !trimmed.hasPrefix("+") {
            if digits.hasPrefix("00") {
                digits.removeFirst(2)
            } else if digits.count == 10, digits.hasPrefix("0") {
                digits = "38" + digits
            }
        }
        guard (8...15).contains(digits.count), digits.first != "0" else { return nil }
        return "+" + digits
    }
}

/// Light e-mail validation: one '@', something before it, a dotted domain after it, no spaces.
enum EmailAddress {
    static func isValid(_ text: String) -> Bool {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."), !parts[1].hasPrefix("."),
              !parts[1].hasSuffix("."), text.utf8.count <= 254 || text.count <= 254 else { return false }
        return !text.unicodeScalars.contains(where: Cell.isWhitespace)
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
