/// Step 1 of `NameKey`: spells a word out in lowercase Latin letters.
///
/// Cyrillic goes through one table for both alphabets, chosen so that the key of a Cyrillic
/// word equals the key of its official Latin spelling in either language.
enum LatinSpelling {
    /// Writes the spelling of `word` into `buffer` and returns the number of bytes written.
    ///
    /// Letters of other scripts are kept as lowercase UTF-8; writing stops quietly at the
    /// end of the buffer, which only pathological input can reach.
    static func write(_ word: Substring, into buffer: UnsafeMutableBufferPointer<UInt8>) -> Int {
        var count = 0
        func emitByte(_ byte: UInt8) {
            guard count < buffer.count else { return }
            buffer[count] = byte
            count += 1
        }

        for scalar in word.unicodeScalars {
            let value = scalar.value
            if value < 0x80 {
                let byte = UInt8(value)
                switch byte {
                case UInt8(ascii: "A")...UInt8(ascii: "Z"): spellASCII(byte | 0x20, emitByte)
                case UInt8(ascii: "a")...UInt8(ascii: "z"): spellASCII(byte, emitByte)
                case UInt8(ascii: "0")...UInt8(ascii: "9"): emitByte(byte)
                default: continue
                }
            } else if ScalarFacts.isCyrillicLetter(value) {
                if let latin = cyrillic(ScalarFacts.cyrillicLowercase(value)) {
                    let bytes = UnsafeBufferPointer(start: latin.utf8Start, count: latin.utf8CodeUnitCount)
                    for byte in bytes { emitByte(byte) }
                } else {
                    for byte in String(scalar).lowercased().utf8 { emitByte(byte) }
                }
            } else if let folded = LatinFolding.fold(scalar) {
                for byte in folded { spellASCII(byte, emitByte) }
            } else if ScalarFacts.isLetter(scalar) {
                for byte in scalar.properties.lowercaseMapping.utf8 { emitByte(byte) }
            }
        }
        return count
    }

    /// Appends a lowercase ASCII letter, spelling out the ones no key keeps.
    @inline(__always)
    private static func spellASCII(_ byte: UInt8, _ emit: (UInt8) -> Void) {
        switch byte {
        case UInt8(ascii: "x"):
            emit(UInt8(ascii: "k"))
            emit(UInt8(ascii: "s"))
        case UInt8(ascii: "w"): emit(UInt8(ascii: "v"))
        case UInt8(ascii: "q"): emit(UInt8(ascii: "k"))
        case UInt8(ascii: "y"), UInt8(ascii: "j"): emit(UInt8(ascii: "i"))
        default: emit(byte)
        }
    }

    /// The shared Ukrainian–Russian spelling of one lowercase Cyrillic letter.
    private static func cyrillic(_ lower: UInt32) -> StaticString? {
        switch lower {
        case 0x0430: "a"  // а
        case 0x0431: "b"  // б
        case 0x0432: "v"  // в
        case 0x0433, 0x0491: "g"  // г ґ
        case 0x0434: "d"  // д
        case 0x0435, 0x0451, 0x044D: "e"  // е ё э
        case 0x0454, 0x044A: "ie"  // є ъ
        case 0x0436: "zh"  // ж
        case 0x0437: "z"  // з
        case 0x0438, 0x0456, 0x0457, 0x0439, 0x044B: "i"  // и і ї й ы
        case 0x043A: "k"  // к
        case 0x043B: "l"  // л
        case 0x043C: "m"  // м
        case 0x043D: "n"  // н
        case 0x043E: "o"  // о
        case 0x043F: "p"  // п
        case 0x0440: "r"  // р
        case 0x0441: "s"  // с
        case 0x0442: "t"  // т
        case 0x0443: "u"  // у
        case 0x0444: "f"  // ф
        case 0x0445: "kh"  // х
        case 0x0446: "ts"  // ц
        case 0x0447: "ch"  // ч
        case 0x0448: "sh"  // ш
        case 0x0449: "shch"  // щ
        case 0x044C: ""  // ь
        case 0x044E: "iu"  // ю
        case 0x044F: "ia"  // я
        default: nil
        }
    }
}
