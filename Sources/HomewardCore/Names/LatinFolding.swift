import Foundation

/// Plain lowercase Latin for Latin letters with diacritics, as found in Czech, Polish,
/// Turkish and scholarly spellings of Slavic names.
enum LatinFolding {
    /// The lowercase ASCII spelling of a Latin letter with diacritics, or nil for any other
    /// scalar (ASCII, other scripts, symbols).
    static func fold(_ scalar: Unicode.Scalar) -> [UInt8]? {
        switch scalar.value {
        case 0x00C0...0x024F:
            let folded = table[Int(scalar.value - 0x00C0)]
            return folded.isEmpty ? nil : folded
        case 0x1E00...0x1EFF:
            let folded = computeFold(scalar)
            return folded.isEmpty ? nil : folded
        default:
            return nil
        }
    }

    /// Folds of U+00C0…U+024F, the blocks that real names use, computed once.
    private static let table: [[UInt8]] = (UInt32(0x00C0)...0x024F).map { value in
        Unicode.Scalar(value).map(computeFold) ?? []
    }

    /// Letters whose sound the plain letter loses; they spell the Cyrillic sound they
    /// transcribe (š for ш, č for ч, ŝ for щ in ISO 9) instead of dropping the mark.
    private static let spelledOut: [Unicode.Scalar: String] = [
        "š": "sh", "ş": "sh", "ș": "sh", "č": "ch", "ć": "ch", "ç": "ch", "ĉ": "ch",
        "ž": "zh", "ż": "zh", "ŝ": "shch", "ł": "l", "ß": "ss", "đ": "d", "ø": "o",
        "æ": "ae", "œ": "oe", "þ": "th", "ı": "i", "ŀ": "l", "ħ": "h",
    ]

    private static func computeFold(_ scalar: Unicode.Scalar) -> [UInt8] {
        guard scalar.properties.isAlphabetic else { return [] }
        let lower = scalar.properties.lowercaseMapping
        if let first = lower.unicodeScalars.first, let spelled = spelledOut[first] {
            return Array(spelled.utf8)
        }
        return lower.decomposedStringWithCompatibilityMapping.utf8.filter { byte in
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
        }
    }
}
