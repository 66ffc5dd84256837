/// Writes the Latin spelling of a scalar sequence into a UTF-8 buffer for `Transliteration`.
struct LatinWriter {
    private let output: UnsafeMutableBufferPointer<UInt8>
    private let language: CyrillicLanguage
    private(set) var written = 0

    init(output: UnsafeMutableBufferPointer<UInt8>, language: CyrillicLanguage) {
        self.output = output
        self.language = language
    }

    mutating func write(_ scalars: UnsafeBufferPointer<Unicode.Scalar>) {
        // Whether the previous scalar continues a word; decides word-initial spellings.
        var inWord = false
        // Whether the current word has no lowercase letter and at least two capitals.
        var allCaps = false
        // The previous scalar's lowercase value when it was a Cyrillic letter, else 0.
        var previousCyrillic: UInt32 = 0

        for index in scalars.indices {
            let scalar = scalars[index]
            let value = scalar.value
            if ScalarFacts.isCyrillicLetter(value) {
                if !inWord { allCaps = Self.isAllCaps(wordStartingAt: index, in: scalars) }
                let lower = ScalarFacts.cyrillicLowercase(value)
                if let latin = latin(lower, initial: !inWord, after: previousCyrillic) {
                    append(latin, capital: lower != value, allCaps: allCaps)
                } else {
                    append(scalar)
                }
                inWord = true
                previousCyrillic = lower
            } else if previousCyrillic != 0, ScalarFacts.isCombiningMark(value) {
                continue  // a stress mark; the Latin letters it would land on are not the same
            } else if previousCyrillic != 0, ScalarFacts.isApostrophe(value),
                      index + 1 < scalars.count, ScalarFacts.isCyrillicLetter(scalars[index + 1].value) {
                continue  // the Ukrainian apostrophe is not written and keeps the word going
            } else {
                append(scalar)
                if ScalarFacts.isLetter(scalar) {
                    if !inWord { allCaps = Self.isAllCaps(wordStartingAt: index, in: scalars) }
                    inWord = true
                } else if !ScalarFacts.isCombiningMark(value) {
                    inWord = false
                }
                previousCyrillic = 0
            }
        }
    }

    private func latin(_ lower: UInt32, initial: Bool, after previous: UInt32) -> StaticString? {
        switch language {
        case .uk:
            // зг is "zgh" so that it cannot be read as ж ("zh").
            if lower == 0x0433, previous == 0x0437 { return "gh" }
            return Transliteration.ukrainianLatin(lower, initial: initial)
        case .ru:
            return Transliteration.russianLatin(lower)
        }
    }

    private mutating func append(_ latin: StaticString, capital: Bool, allCaps: Bool) {
        let bytes = UnsafeBufferPointer(start: latin.utf8Start, count: latin.utf8CodeUnitCount)
        for (offset, byte) in bytes.enumerated() {
            let upper = capital && (allCaps || offset == 0)
            output[written] = upper ? byte & 0xDF : byte  // ASCII letters only in the tables
            written += 1
        }
    }

    private mutating func append(_ scalar: Unicode.Scalar) {
        UTF8.encode(scalar) { byte in
            output[written] = byte
            written += 1
        }
    }

    /// Whether the word starting at `start` is written in capitals throughout.
    ///
    /// A single capital ("Щ." as an initial) counts as mixed case, so it reads "Shch.".
    private static func isAllCaps(wordStartingAt start: Int, in scalars: UnsafeBufferPointer<Unicode.Scalar>) -> Bool {
        var capitals = 0
        var index = start
        while index < scalars.count {
            let scalar = scalars[index]
            let value = scalar.value
            if ScalarFacts.isCyrillicLetter(value) {
                guard ScalarFacts.isCyrillicCapital(value) else { return false }
                capitals += 1
            } else if ScalarFacts.isLetter(scalar) {
                if scalar.properties.isLowercase { return false }
                if scalar.properties.isUppercase { capitals += 1 }
            } else if !ScalarFacts.isApostrophe(value) && !ScalarFacts.isCombiningMark(value) {
                break
            }
            index += 1
        }
        return capitals >= 2
    }
}
