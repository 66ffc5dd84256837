/// Steps 2 and 3 of `NameKey`: folds consonant and vowel spellings into key symbols.
enum KeySymbols {
    /// Writes the key symbols for a lowercase Latin spelling and returns how many it wrote.
    ///
    /// `buffer` must be at least as long as `spelling`: no rule lengthens the text.
    static func write(_ spelling: UnsafeBufferPointer<UInt8>, into buffer: UnsafeMutableBufferPointer<UInt8>) -> Int {
        var key = KeyWriter(buffer: buffer)
        let count = spelling.count
        var index = 0

        // The byte `offset` places ahead, or 0 past the end.
        func ahead(_ offset: Int) -> UInt8 {
            index + offset < count ? spelling[index + offset] : 0
        }

        while index < count {
            let (symbol, length) = fold(spelling[index], ahead(1), ahead(2), ahead(3))
            key.push(symbol)
            index += length
        }
        key.finish()
        return key.count
    }

    // ASCII values used in the scan.
    private static let a = UInt8(ascii: "a"), c = UInt8(ascii: "c"), e = UInt8(ascii: "e")
    private static let f = UInt8(ascii: "f"), g = UInt8(ascii: "g"), h = UInt8(ascii: "h")
    private static let i = UInt8(ascii: "i"), k = UInt8(ascii: "k"), o = UInt8(ascii: "o")
    private static let p = UInt8(ascii: "p"), s = UInt8(ascii: "s"), t = UInt8(ascii: "t")
    private static let u = UInt8(ascii: "u"), z = UInt8(ascii: "z")

    /// Placeholder symbols for sounds that Latin spells with several letters.
    enum Placeholder {
        static let shch = UInt8(ascii: "Q"), sh = UInt8(ascii: "W"), ch = UInt8(ascii: "C")
        static let zh = UInt8(ascii: "J"), kh = UInt8(ascii: "X"), ts = UInt8(ascii: "Y")
    }

    /// The symbol for the spelling starting with `b0` and how many bytes it consumes,
    /// longest match first.
    @inline(__always)
    private static func fold(_ b0: UInt8, _ b1: UInt8, _ b2: UInt8, _ b3: UInt8) -> (UInt8, Int) {
        switch b0 {
        case s:
            if b1 == h, b2 == c, b3 == h { return (Placeholder.shch, 4) }
            if b1 == z, b2 == c, b3 == z { return (Placeholder.shch, 4) }
            if b1 == c, b2 == h { return (Placeholder.shch, 3) }
            if b1 == h || b1 == z { return (Placeholder.sh, 2) }
            return (s, 1)
        case t:
            if b1 == s, b2 == c, b3 == h { return (Placeholder.ch, 4) }
            if b1 == c, b2 == h { return (Placeholder.ch, 3) }
            if b1 == s || b1 == z || b1 == c { return (Placeholder.ts, 2) }
            return (t, 1)
        case c:
            if b1 == h || b1 == z { return (Placeholder.ch, 2) }
            return (k, 1)
        case z:
            return b1 == h ? (Placeholder.zh, 2) : (z, 1)
        case k:
            return b1 == h ? (Placeholder.kh, 2) : (k, 1)
        case g:
            return b1 == h ? (g, 2) : (g, 1)
        case p:
            return b1 == h ? (f, 2) : (p, 1)
        case h:
            return (g, 1)
        default:
            return (b0, 1)
        }
    }

    /// Appends symbols while folding vowel spellings (step 3 of `NameKey`).
    private struct KeyWriter {
        let buffer: UnsafeMutableBufferPointer<UInt8>
        var count = 0

        mutating func push(_ symbol: UInt8) {
            if symbol < 0x80, count > 0 {
                let last = buffer[count - 1]
                if last == symbol, Self.isLetter(symbol) { return }
                if last == i, symbol == e {
                    count -= 1  // є, ye, ie: the glide is spelled too inconsistently to keep
                    push(e)
                    return
                }
                if last == i, symbol == a || symbol == o || symbol == u, count >= 2, buffer[count - 2] == e {
                    buffer[count - 2] = i  // ъ before я, ю, ё: ICAO writes "ieia", people "ya"
                    count -= 1
                    push(symbol)
                    return
                }
                if last == i, symbol == o, count >= 2, Self.isConsonant(buffer[count - 2]) {
                    count -= 1  // ё after a consonant: ICAO writes e, people write yo or io
                    push(e)
                    return
                }
            }
            buffer[count] = symbol
            count += 1
        }

        /// Applies the end-of-word rule: final "ei" is "i" (Sergei, Andrey ↔ Serhii, Andrii).
        mutating func finish() {
            if count >= 3, buffer[count - 2] == e, buffer[count - 1] == i {
                count -= 2
                push(i)
            }
        }

        private static func isLetter(_ symbol: UInt8) -> Bool {
            (a...z).contains(symbol) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(symbol)
        }

        private static func isConsonant(_ symbol: UInt8) -> Bool {
            isLetter(symbol) && symbol != a && symbol != e && symbol != i && symbol != o && symbol != u
        }
    }
}
