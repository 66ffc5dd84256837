import Testing
@testable import HomewardCore

@Suite struct TransliterationPropertyTests {
    @Test(arguments: CyrillicLanguage.allCases)
    func cyrillicNamesComeOutASCIIWithTheSameWords(_ language: CyrillicLanguage) {
        var random = SeededGenerator(seed: 20_250_602)
        for _ in 0..<2_000 {
            let words = (0..<Int.random(in: 1...4, using: &random)).map { _ in
                NameCorpus.word(language, using: &random)
            }
            let text = words.joined(separator: Bool.random(using: &random) ? " " : "-")
            for otherLanguage in CyrillicLanguage.allCases {
                let latin = Transliteration.latin(text, language: otherLanguage)
                #expect(latin.utf8.allSatisfy { $0 < 0x80 }, "\(text) → \(latin)")
                let separators: Set<Character> = [" ", "-"]
                #expect(
                    latin.split(whereSeparator: separators.contains).count
                        <= text.split(whereSeparator: separators.contains).count,
                    "\(text) → \(latin)"
                )
            }
        }
    }

    @Test(arguments: CyrillicLanguage.allCases)
    func caseOfTheWholeWordCarriesOver(_ language: CyrillicLanguage) {
        var random = SeededGenerator(seed: 7)
        for _ in 0..<2_000 {
            let word = NameCorpus.word(language, using: &random)
            let latin = Transliteration.latin(word, language: language)
            #expect(Transliteration.latin(word.lowercased(), language: language) == latin.lowercased(), "\(word)")
            if word.count >= 2 {
                #expect(Transliteration.latin(word.uppercased(), language: language) == latin.uppercased(), "\(word)")
            }
        }
    }

    @Test func wordsWithoutSignsKeepTheirCount() {
        var random = SeededGenerator(seed: 99)
        for _ in 0..<1_000 {
            let words = (0..<Int.random(in: 1...5, using: &random)).map { _ in
                NameCorpus.word(.uk, using: &random).filter { $0 != "ь" && $0 != "Ь" } + "а"
            }
            let latin = Transliteration.latin(words.joined(separator: " "), language: .uk)
            #expect(latin.split(separator: " ").count == words.count, "\(words)")
        }
    }

    @Test func arbitraryUnicodeNeverCrashesAndKeepsNonCyrillic() {
        var random = SeededGenerator(seed: 12_345)
        let pools: [ClosedRange<UInt32>] = [
            0x20...0x7E, 0x0300...0x036F, 0x0400...0x04FF, 0x02B0...0x02FF, 0x2000...0x206F,
            0x1F300...0x1F6FF, 0x0600...0x06FF, 0x4E00...0x4E80, 0xFE00...0xFE0F,
        ]
        for _ in 0..<3_000 {
            var scalars = String.UnicodeScalarView()
            for _ in 0..<Int.random(in: 0...24, using: &random) {
                let pool = pools[Int.random(in: 0..<pools.count, using: &random)]
                if let scalar = Unicode.Scalar(UInt32.random(in: pool, using: &random)) { scalars.append(scalar) }
            }
            let text = String(scalars)
            for language in CyrillicLanguage.allCases {
                let latin = Transliteration.latin(text, language: language)
                let hasCyrillic = text.unicodeScalars.contains { (0x0400...0x04FF).contains($0.value) }
                if !hasCyrillic { #expect(latin == text) }
                _ = NameKey.keys(text)
            }
        }
    }
}
