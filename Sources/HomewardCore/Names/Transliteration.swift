/// Official Latin spellings of Ukrainian and Russian names written in Cyrillic.
///
/// Ukrainian follows Cabinet of Ministers resolution 55 of 2010; Russian follows ICAO
/// Doc 9303 as used in Russian passports since 2013. Both work on Unicode scalars with
/// per-letter tables and no regular expressions, because imports transliterate hundreds of
/// thousands of names.
public enum Transliteration {
    /// Official Latin spelling: Ukrainian per Cabinet of Ministers resolution 55 (2010), Russian per ICAO 9303 passport system (since 2013).
    ///
    /// Case is kept: a capital whose Latin has several letters is written "Shch" in a
    /// mixed-case word and "SHCH" in an all-caps one. Hyphens, spaces and punctuation
    /// separate words, so each part of "Івано-Франківськ" gets word-initial spellings.
    /// Apostrophes between Cyrillic letters (' ’ ʼ ` ‘ ʹ) are dropped and the letter after
    /// them is not word-initial; combining stress marks on Cyrillic letters are dropped.
    /// Every other character passes through unchanged.
    public static func latin(_ text: String, language: CyrillicLanguage) -> String {
        if !ScalarFacts.anyUTF8Byte(of: text, where: { $0 >= 0x80 }) { return text }
        let source = ScalarFacts.composed(text)
        let byteCount = source.utf8.count
        return withUnsafeTemporaryAllocation(of: Unicode.Scalar.self, capacity: byteCount) { buffer in
            var count = 0
            for scalar in source.unicodeScalars {
                buffer.initializeElement(at: count, to: scalar)
                count += 1
            }
            let scalars = UnsafeBufferPointer(rebasing: buffer[..<count])
            // A Cyrillic letter is two UTF-8 bytes and yields at most four ("shch"); any
            // other scalar is copied as is, so twice the input size always suffices.
            return String(unsafeUninitializedCapacity: byteCount * 2) { output in
                var writer = LatinWriter(output: output, language: language)
                writer.write(scalars)
                return writer.written
            }
        }
    }

    /// uk if any of і ї є ґ, ru if any of ы э ё ъ (case-insensitive), uk when neither.
    ///
    /// Ukrainian wins when both appear because the letters it tests are never Russian,
    /// while ё and ъ turn up in Ukrainian texts copied from Russian records.
    public static func guessLanguage(_ text: String) -> CyrillicLanguage {
        var sawRussianLetter = false
        for scalar in text.unicodeScalars {
            switch ScalarFacts.cyrillicLowercase(scalar.value) {
            case 0x0456, 0x0457, 0x0454, 0x0491: return .uk  // і ї є ґ
            case 0x044B, 0x044D, 0x0451, 0x044A: sawRussianLetter = true  // ы э ё ъ
            default: continue
            }
        }
        return sawRussianLetter ? .ru : .uk
    }
}
