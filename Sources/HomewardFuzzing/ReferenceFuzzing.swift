import HomewardCore

/// `InquiryReference`: parsing typed references and the check letter.
///
/// Properties: a parsed reference prints as the typed text, trimmed and upper-cased (one
/// spelling per reference), and parses back from its printed form in either case; for a
/// reference made from the input's bytes, its printed form parses back to it, and every
/// single mistyped digit and every swap of two different adjacent digits fails the check.
enum ReferenceFuzzing {
    static func check(_ input: [UInt8]) throws(PropertyViolation) {
        let text = text(input)
        if let reference = try? InquiryReference.parse(text) {
            try require(reference.description == trimmed(text).uppercased(), "a parsed reference prints as the typed text",
                        "\(shown(text)) → \(reference)")
            try require((try? InquiryReference.parse(reference.description)) == reference
                            && (try? InquiryReference.parse(reference.description.lowercased())) == reference,
                        "a printed reference parses back in either case", "\(reference)")
        }
        guard input.count >= 5 else { return }
        let year = (Int(input[0]) << 8 | Int(input[1])) % 10_000
        let number = (Int(input[2]) << 16 | Int(input[3]) << 8 | Int(input[4])) % 1_000_000
        let reference = InquiryReference(year: year, number: number)
        let printed = reference.description
        try require((try? InquiryReference.parse(printed)) == reference, "a printed reference parses back", printed)
        let characters = Array(printed)
        // The ten digits: HW-YYYY-NNNNNN-L.
        let digitPositions = Array(3..<7) + Array(8..<14)
        for position in digitPositions {
            for digit in "0123456789" where digit != characters[position] {
                var typo = characters
                typo[position] = digit
                try require(!parses(typo), "a mistyped digit fails the check", "\(printed) → \(String(typo))")
            }
        }
        for (first, second) in zip(digitPositions, digitPositions.dropFirst()) where characters[first] != characters[second] {
            var swap = characters
            swap.swapAt(first, second)
            try require(!parses(swap), "two swapped adjacent digits fail the check", "\(printed) → \(String(swap))")
        }
    }

    private static func parses(_ characters: [Character]) -> Bool {
        (try? InquiryReference.parse(String(characters))) != nil
    }
}
