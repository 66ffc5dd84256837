import Foundation

/// Facts about single Unicode scalars shared by transliteration, name keys and region lookup.
///
/// Everything here works on scalar values rather than `Character`s: grapheme breaking is
/// the dominant cost of string handling and none of these rules need it.
enum ScalarFacts {
    /// The lowercase form of a Ukrainian or Russian Cyrillic capital; other scalars unchanged.
    @inline(__always)
    static func cyrillicLowercase(_ value: UInt32) -> UInt32 {
        switch value {
        case 0x0410...0x042F: value + 0x20  // А…Я
        case 0x0400...0x040F: value + 0x50  // Ѐ…Џ, including Ё Є І Ї
        case 0x0490: 0x0491  // Ґ
        default: value
        }
    }

    /// Whether the scalar is a Cyrillic capital that `cyrillicLowercase` lowers.
    @inline(__always)
    static func isCyrillicCapital(_ value: UInt32) -> Bool {
        (0x0400...0x042F).contains(value) || value == 0x0490
    }

    /// Whether the scalar is a letter of the basic Cyrillic block or Ґ/ґ.
    @inline(__always)
    static func isCyrillicLetter(_ value: UInt32) -> Bool {
        (0x0400...0x045F).contains(value) || value == 0x0490 || value == 0x0491
    }

    /// Whether the scalar is one of the marks people type for the Ukrainian apostrophe.
    ///
    /// Covers ' ’ ʼ (U+02BC, the official one) ` ‘ and the prime ʹ (U+02B9) that some
    /// keyboards and older registers produce.
    @inline(__always)
    static func isApostrophe(_ value: UInt32) -> Bool {
        switch value {
        case 0x27, 0x60, 0x2019, 0x2018, 0x02BC, 0x02B9: true
        default: false
        }
    }

    /// Whether the scalar is a combining diacritical mark.
    @inline(__always)
    static func isCombiningMark(_ value: UInt32) -> Bool {
        (0x0300...0x036F).contains(value)
    }

    /// Whether any UTF-8 byte of the text satisfies the predicate, scanning contiguous
    /// storage directly (iterating `String.UTF8View` generically is several times slower).
    @inline(__always)
    static func anyUTF8Byte(of text: some StringProtocol, where predicate: (UInt8) -> Bool) -> Bool {
        text.utf8.withContiguousStorageIfAvailable { $0.contains(where: predicate) }
            ?? text.utf8.contains(where: predicate)
    }

    /// Whether the scalar is a letter in any script.
    @inline(__always)
    static func isLetter(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        if value < 0x80 {
            return (0x41...0x5A).contains(value) || (0x61...0x7A).contains(value)
        }
        if isCyrillicLetter(value) { return true }
        if isApostrophe(value) { return false }  // ʼ and ʹ are modifier letters in Unicode
        return scalar.properties.isAlphabetic
    }

    /// The text in composed form when it holds combining marks, otherwise the text itself.
    ///
    /// Names pasted from some systems arrive decomposed (и + U+0306 for й, і + U+0308
    /// for ї); composing first lets every later table see one scalar per letter.
    static func composed(_ text: String) -> String {
        // U+0300…U+036F start with the UTF-8 lead byte CC or CD; a byte scan is far cheaper
        // than decoding scalars, and the rare false alarm (Greek in CD) only costs a no-op.
        guard anyUTF8Byte(of: text, where: { $0 == 0xCC || $0 == 0xCD }) else { return text }
        return text.precomposedStringWithCanonicalMapping
    }
}
