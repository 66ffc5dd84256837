import HomewardCore

/// `Transliteration.latin` and `NameKey`.
///
/// Properties: text without Cyrillic comes out of transliteration unchanged, and text in
/// ASCII and the Ukrainian and Russian alphabets comes out ASCII; name keys are never empty
/// for a word with letters; for one word in those alphabets, its key is its only key, the
/// same in upper and lower case, and ASCII unless the word is only soft signs; a lowercase
/// key without the letters the rules fold (c, h) is a fixed point of keying.
enum NameFuzzing {
    static func check(_ input: [UInt8]) throws(PropertyViolation) {
        let text = text(input)
        let scalars = text.unicodeScalars
        let hasCyrillic = scalars.contains { (0x0400...0x04FF).contains($0.value) }
        let inAlphabets = scalars.allSatisfy { $0.isASCII || isUkrainianOrRussianLetter($0) }
        for language in CyrillicLanguage.allCases {
            let latin = Transliteration.latin(text, language: language)
            if !hasCyrillic {
                try require(latin == text, "text without Cyrillic is not transliterated", "\(shown(text)) → \(shown(latin))")
            }
            if inAlphabets {
                try require(latin.unicodeScalars.allSatisfy(\.isASCII), "Ukrainian and Russian letters come out ASCII",
                            "\(language): \(shown(text)) → \(shown(latin))")
            }
        }
        _ = Transliteration.guessLanguage(text)

        let keys = NameKey.keys(text)
        try require(keys.allSatisfy { !$0.isEmpty }, "keys of a text are never empty", "\(shown(text)) → \(shown(keys))")
        let key = NameKey.key(text)
        if scalars.contains(where: { isASCIILetter($0) || isUkrainianOrRussianLetter($0) }) {
            try require(!key.isEmpty, "a word with letters has a key", shown(text))
        }
        if !scalars.isEmpty, scalars.allSatisfy({ isASCIILetter($0) || isUkrainianOrRussianLetter($0) }) {
            try require(keys == [key], "a single word's key is its only key", "\(shown(text)): \(shown(key)), \(shown(keys))")
            try require(NameKey.key(text.uppercased()) == key && NameKey.key(text.lowercased()) == key,
                        "a word's key does not depend on case", shown(text))
            let onlySoftSigns = scalars.allSatisfy { $0 == "ь" || $0 == "Ь" }
            try require(key.unicodeScalars.allSatisfy(\.isASCII) || onlySoftSigns, "a word's key is ASCII",
                        "\(shown(text)) → \(shown(key))")
        }
        if key.unicodeScalars.allSatisfy({ ("a"..."z").contains($0) || ("0"..."9").contains($0) }),
           !key.contains("c"), !key.contains("h") {
            try require(NameKey.key(key) == key, "a lowercase key is a fixed point", "\(shown(text)) → \(shown(key)) → \(shown(NameKey.key(key)))")
        }
    }

    private static func isASCIILetter(_ scalar: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar)
    }

    /// А–я, Ё ё, Є є, І і, Ї ї, Ґ ґ.
    private static func isUkrainianOrRussianLetter(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x0410...0x044F, 0x0401, 0x0451, 0x0404, 0x0454, 0x0406, 0x0456, 0x0407, 0x0457, 0x0490, 0x0491: true
        default: false
        }
    }
}
