import HomewardCore

/// Why an option value cannot be used; ArgumentParser prints it after the value, exit 64.
struct ArgumentProblem: Error, CustomStringConvertible {
    let description: String
}

/// Whole numbers given as option values (`--limit`, `--received`, …).
enum WholeNumber {
    /// Digits, optionally signed; a number written with thousands separators (`1,212`,
    /// `6 000`) gets a hint with the digits to write instead.
    static func parse(_ text: String) throws -> Int {
        if let number = Int(text) { return number }
        let groups = text.split(omittingEmptySubsequences: false, whereSeparator: { separators.contains($0) })
        if groups.count > 1, let head = groups.first, (1...3).contains(head.count),
           groups.allSatisfy({ $0.allSatisfy(\.isASCIIDigit) }), groups.dropFirst().allSatisfy({ $0.count == 3 }),
           let number = Int(groups.joined()) {
            throw ArgumentProblem(description: "write \(number), without separators")
        }
        throw ArgumentProblem(description: "not a whole number; write digits only, e.g. 1212")
    }

    /// Thousands separators people type: comma, full stop, apostrophes and spaces.
    private static let separators: Set<Character> = [",", ".", "'", "’", " ", "_", "\u{A0}", "\u{202F}"]
}
