extension PasswordPolicy {
    /// Letter, digit and keyboard orders whose neighbours make a guessable run, in Latin,
    /// Ukrainian and Russian, including the shifted digit row.
    private static let sequences = [
        "abcdefghijklmnopqrstuvwxyza", "01234567890",
        "`1234567890-=", "~!@#$%^&*()_+",
        "qwertyuiop[]\\", "asdfghjkl;'", "zxcvbnm,./", "qwertzuiop", "yxcvbnm",
        "1qaz", "2wsx", "3edc", "4rfv", "5tgb", "6yhn", "7ujm", "8ik,", "9ol.", "0p;/",
        "абвгґдеєжзиіїйклмнопрстуфхцчшщьюяа", "абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
        "йцукенгшщзхї", "йцукенгшщзхъ", "фівапролджє", "фывапролджэ", "ячсмитьбю",
    ]

    /// Ordered pairs of neighbours in ``sequences``, in both directions.
    private static let neighbours: Set<UInt64> = {
        var pairs = Set<UInt64>()
        for sequence in sequences {
            let scalars = Array(sequence.unicodeScalars)
            for (left, right) in zip(scalars, scalars.dropFirst()) {
                pairs.insert(pairKey(left, right))
                pairs.insert(pairKey(right, left))
            }
        }
        return pairs
    }()

    private static func pairKey(_ left: Unicode.Scalar, _ right: Unicode.Scalar) -> UInt64 {
        UInt64(left.value) << 32 | UInt64(right.value)
    }

    /// Whether the text is a few characters, or one chunk, repeated.
    static func isRepetitive(_ scalars: [Unicode.Scalar]) -> Bool {
        if Set(scalars).count <= 3 { return true }
        return (1...max(1, scalars.count / 2)).contains { period in
            period < scalars.count
                && scalars.indices.dropFirst(period).allSatisfy { scalars[$0] == scalars[$0 - period] }
        }
    }

    /// Whether the text is made of at most a few runs of neighbouring characters.
    ///
    /// Every step between two characters that are equal or neighbours in a known order is
    /// predictable; a text with at most one unpredictable step per five characters is
    /// refused (so "qwertyuiop12345" with its single break is, but no real phrase is).
    static func isSequential(_ scalars: [Unicode.Scalar]) -> Bool {
        let breaks = zip(scalars, scalars.dropFirst()).count { left, right in
            left != right && !neighbours.contains(pairKey(left, right))
        }
        return breaks * 5 <= scalars.count
    }
}
