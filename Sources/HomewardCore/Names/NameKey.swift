/// Search and matching keys that make Ukrainian, Russian and Latin spellings of a name agree.
///
/// A key is built in three steps, all on Unicode scalars and bytes:
///
/// 1. **Spell out in Latin.** ASCII letters are lowercased. Cyrillic of both alphabets goes
///    through one table: г ґ → g; и і ї й ы → i; е ё э → e; є → ie; ъ → ie (as ICAO 9303
///    writes it); ю → iu; я → ia; ж → zh; х → kh; ц → ts; ч → ch; ш → sh; щ → shch; ь is
///    dropped. Latin letters with diacritics fold: š ş ș → sh, č ć ç ĉ → ch, ž ż → zh,
///    ŝ → shch, ł → l, ß → ss, others lose their marks. x → ks, w → v, q → k, y j → i.
///    Digits are kept; apostrophes, hyphens, punctuation and other marks are dropped.
/// 2. **Fold consonant spellings** with a greedy left-to-right scan, longest match first:
///    shch sch szcz → `Q`; sh sz → `W`; tsch tch ch cz → `C`; zh → `J`; kh → `X`;
///    ts tz tc → `Y`; gh → g; ph → f; a lone c → k; a lone h → g (Ukrainian г is "h").
///    The uppercase placeholders stand for one sound each, so an edit distance counts
///    "Shevchenko" against "Chevtchenko" as two substitutions, not four edits.
/// 3. **Fold vowel spellings** while appending: a repeated letter is written once
///    (Nataliia, Zakarpattia, Cherkassy); i before e is dropped (є, ye, ie, Yevgeny →
///    e); e + i before a, o or u becomes i (ICAO's ъ in "Podieiachev" ↔ Podyachev, and
///    Андреянов ↔ Андріянов); i + o after a consonant becomes e (ё as yo/io: Artyom,
///    Fyodor, Solovyov); a final "ei" becomes i (Sergei, Andrey ↔ Serhii, Andrii).
///
/// So Юрій, Юрий, Yurii, Iurii, Yuriy, Yuri and Yury all give "iuri", and Шевченко,
/// Shevchenko and Shevchenco give "WevCenko". Keys are compared with `EditDistance`; they
/// are not meant to be keyed again (the placeholders are uppercase letters).
///
/// Known limits: the Ukrainian official spellings of сг, кг and пг ("sh", "kh", "ph") read
/// as ш, х and ф, so such words differ by one symbol from their Cyrillic key; German and
/// French spellings (sch for ш, ou for у) and h for х ("Mihail") are a symbol or two away.
public enum NameKey {
    /// Search/matching key of one word: Ukrainian Cyrillic, Russian Cyrillic and common Latin spellings of one name reduce to the same key.
    ///
    /// Characters that are not letters or digits are dropped, so a hyphenated word gives one
    /// key. A word made only of signs the rules drop (a lone "ь") keeps its lowercased
    /// letters, so a word with letters never has an empty key.
    public static func key(_ word: String) -> String {
        makeKey(Substring(ScalarFacts.composed(word)))
    }

    /// Keys of each word of a text; words split on whitespace, hyphens and punctuation; empty words dropped.
    ///
    /// Apostrophes inside a word do not split it ("Знам'янка" is one word).
    public static func keys(_ text: String) -> [String] {
        var keys: [String] = []
        let scalars = ScalarFacts.composed(text).unicodeScalars
        var wordStart: String.UnicodeScalarView.Index?
        var index = scalars.startIndex
        while index < scalars.endIndex {
            let scalar = scalars[index]
            let inWord = ScalarFacts.isLetter(scalar) || (0x30...0x39).contains(scalar.value)
                || ScalarFacts.isApostrophe(scalar.value) || ScalarFacts.isCombiningMark(scalar.value)
            if inWord, wordStart == nil {
                wordStart = index
            } else if !inWord, let start = wordStart {
                appendKey(of: Substring(scalars[start..<index]), to: &keys)
                wordStart = nil
            }
            index = scalars.index(after: index)
        }
        if let start = wordStart { appendKey(of: Substring(scalars[start...]), to: &keys) }
        return keys
    }

    private static func appendKey(of word: Substring, to keys: inout [String]) {
        let key = makeKey(word)
        if !key.isEmpty { keys.append(key) }
    }

    /// The key of a word already in composed form.
    private static func makeKey(_ word: Substring) -> String {
        if word.isEmpty { return "" }
        // Each scalar spells out to at most four bytes (щ is "shch", x is "ks" from one byte).
        let capacity = word.utf8.count * 4 + 8
        let key = withUnsafeTemporaryAllocation(of: UInt8.self, capacity: capacity * 2) { buffer in
            let spelling = UnsafeMutableBufferPointer(rebasing: buffer[..<capacity])
            let symbols = UnsafeMutableBufferPointer(rebasing: buffer[capacity...])
            let spelled = LatinSpelling.write(word, into: spelling)
            let count = KeySymbols.write(UnsafeBufferPointer(rebasing: spelling[..<spelled]), into: symbols)
            return String(decoding: UnsafeBufferPointer(rebasing: symbols[..<count]), as: UTF8.self)
        }
        if key.isEmpty, word.unicodeScalars.contains(where: ScalarFacts.isLetter) {
            return String(String.UnicodeScalarView(word.lowercased().unicodeScalars.filter(ScalarFacts.isLetter)))
        }
        return key
    }
}
