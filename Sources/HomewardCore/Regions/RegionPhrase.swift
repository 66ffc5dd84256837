/// A region name or user input reduced to comparable words.
///
/// Lowercased, apostrophes dropped, split on anything that is not a letter or digit, with
/// region words ("oblast", "обл.", "region") and city words ("city", "м.", "город") taken
/// out and remembered as flags, so "Луганська обл." and "луганська область" agree.
struct RegionPhrase: Equatable {
    private(set) var words: [String] = []
    private(set) var hasRegionWord = false
    private(set) var hasCityWord = false

    init(_ text: String) {
        var word = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            let value = scalar.value
            if ScalarFacts.isApostrophe(value) || ScalarFacts.isCombiningMark(value) { continue }
            if ScalarFacts.isLetter(scalar) || (0x30...0x39).contains(value) {
                Self.appendLowercase(scalar, to: &word)
            } else if !word.isEmpty {
                take(String(word))
                word = String.UnicodeScalarView()
            }
        }
        if !word.isEmpty { take(String(word)) }
    }

    /// The words without the region and city words, space-separated.
    var plain: String { words.joined(separator: " ") }

    /// The words' name keys run together, so spellings that `NameKey` equates agree here too.
    var key: String { words.map(NameKey.key).joined() }

    /// The words run together, for recognising codes written "UA-09", "ua 09" or "UA09".
    var compact: String { words.joined() }

    /// `plain` or `key` with the region and city words marked, for forms that must keep them.
    func marked(_ base: String) -> String {
        base + (hasRegionWord ? " #region" : "") + (hasCityWord ? " #city" : "")
    }

    private mutating func take(_ word: String) {
        if Self.regionWords.contains(word) {
            hasRegionWord = true
        } else if Self.cityWords.contains(word) {
            hasCityWord = true
        } else {
            words.append(word)
        }
    }

    private static func appendLowercase(_ scalar: Unicode.Scalar, to word: inout String.UnicodeScalarView) {
        let value = scalar.value
        if (0x41...0x5A).contains(value), let lower = Unicode.Scalar(value + 0x20) {
            word.append(lower)
        } else if ScalarFacts.isCyrillicCapital(value), let lower = Unicode.Scalar(ScalarFacts.cyrillicLowercase(value)) {
            word.append(lower)
        } else if value < 0x80 || ScalarFacts.isCyrillicLetter(value) {
            word.append(scalar)
        } else {
            word.append(contentsOf: scalar.properties.lowercaseMapping.unicodeScalars)
        }
    }

    /// Words meaning "region" in English, Ukrainian, Russian and their Latin spellings.
    private static let regionWords: Set<String> = [
        "oblast", "oblasti", "oblasty", "obl", "region", "province",
        "область", "області", "области", "обл", "регіон", "регион",
    ]

    /// Words meaning "city", with the usual abbreviations (м. Київ, г. Киев).
    private static let cityWords: Set<String> = [
        "city", "misto", "gorod", "m", "g", "місто", "город", "м", "г",
    ]
}
