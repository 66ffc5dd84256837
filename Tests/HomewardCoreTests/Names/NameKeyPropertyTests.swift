import Testing
@testable import HomewardCore

@Suite struct NameKeyPropertyTests {
    @Test(arguments: CyrillicLanguage.allCases)
    func aCyrillicWordAndItsOfficialSpellingShareAKey(_ language: CyrillicLanguage) {
        var random = SeededGenerator(seed: 2_025)
        var words = (0..<5_000).map { _ in NameCorpus.word(language, using: &random) }
        words += language == .uk ? NameCorpus.ukrainianNames : NameCorpus.russianNames
        for word in words {
            let latin = Transliteration.latin(word, language: language)
            guard !latin.isEmpty else { continue }  // only soft signs: no Latin to compare
            #expect(NameKey.key(word) == NameKey.key(latin), "\(word) → \(latin)")
        }
    }

    @Test func ukrainianAndRussianFormsOfASharedNameAreClose() {
        let pairs = [
            ("Юрій", "Юрий"), ("Андрій", "Андрей"), ("Сергій", "Сергей"), ("Ігор", "Игорь"),
            ("Згурський", "Згурский"), ("Рибчинський", "Рыбчинский"), ("Соловйов", "Соловьёв"),
            ("Ковальов", "Ковалёв"), ("Олексій", "Алексей"), ("Григорій", "Григорий"),
        ]
        for (ukrainian, russian) in pairs {
            #expect(EditDistance.distance(NameKey.key(ukrainian), NameKey.key(russian), limit: 1) != nil, "\(ukrainian) \(russian)")
        }
    }

    @Test func keysIgnoreCaseAndAreASCIIForCyrillicAndLatin() {
        var random = SeededGenerator(seed: 31)
        for _ in 0..<3_000 {
            let language: CyrillicLanguage = Bool.random(using: &random) ? .uk : .ru
            let word = NameCorpus.word(language, using: &random)
            let key = NameKey.key(word)
            #expect(!key.isEmpty, "\(word)")
            #expect(key.utf8.allSatisfy { $0 < 0x80 } || word.lowercased().allSatisfy { $0 == "ь" }, "\(word)")
            #expect(NameKey.key(word.uppercased()) == key, "\(word)")
            #expect(NameKey.key(word.lowercased()) == key, "\(word)")
            let latin = Transliteration.latin(word, language: language)
            #expect(NameKey.key(latin.uppercased()) == NameKey.key(latin), "\(latin)")
        }
    }

    @Test func keysAreStableOnceLowercaseKeysAreKeyedAgain() {
        // Keys use uppercase placeholders and are not meant to be keyed again, but a key
        // without placeholders is a fixed point: the vowel rules leave nothing to fold.
        var random = SeededGenerator(seed: 77)
        for _ in 0..<3_000 {
            let key = NameKey.key(NameCorpus.word(.ru, using: &random))
            guard key.allSatisfy({ $0.isLowercase }), !key.contains("h"), !key.contains("c") else { continue }
            #expect(NameKey.key(key) == key, "\(key)")
        }
    }

    @Test func aWordWithLettersNeverHasAnEmptyKey() {
        var random = SeededGenerator(seed: 5)
        let letters = Array("abcdefghijklmnopqrstuvwxyzьъЬЪ'йёЁіїґ")
        for _ in 0..<3_000 {
            let word = String((0..<Int.random(in: 1...6, using: &random)).compactMap { _ in letters.randomElement(using: &random) })
            if word.contains(where: \.isLetter) {
                #expect(!NameKey.key(word).isEmpty, "\(word)")
            }
        }
    }
}
