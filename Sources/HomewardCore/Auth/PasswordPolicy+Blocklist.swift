extension PasswordPolicy {
    /// The embedded list of common passwords (zxcvbn's top 10,000, lowercased).
    public static let commonPasswords: Set<String> = blocklist(fromLines: PackageResources.common_passwords_txt)

    /// Parses one lowercase password per line; blank lines and lines starting with `#`
    /// (the licence header) are skipped.
    static func blocklist(fromLines bytes: [UInt8]) -> Set<String> {
        var entries = Set<String>()
        for line in bytes.split(separator: UInt8(ascii: "\n")) where line.first != UInt8(ascii: "#") {
            let entry = String(decoding: line, as: UTF8.self)
            if !entry.isEmpty { entries.insert(entry.lowercased()) }
        }
        return entries
    }

    /// The forms of a lowercased password looked up in the blocklist: itself, its core word
    /// with leading and trailing digits and symbols stripped, and both with common letter
    /// substitutions undone ("p@ssw0rd" reads "password").
    static func blocklistCandidates(_ lowercased: String) -> Set<String> {
        let undone = String(String.UnicodeScalarView(lowercased.unicodeScalars.map(undoSubstitution)))
        let forms = [lowercased, undone, coreWord(lowercased), coreWord(undone)]
        return Set(forms.filter { !$0.isEmpty })
    }

    private static func coreWord(_ text: String) -> String {
        let scalars = text.unicodeScalars
        guard let first = scalars.firstIndex(where: \.properties.isAlphabetic),
            let last = scalars.lastIndex(where: \.properties.isAlphabetic)
        else { return "" }
        return String(scalars[first...last])
    }

    private static func undoSubstitution(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        switch scalar {
        case "@", "4": "a"
        case "8": "b"
        case "3": "e"
        case "1", "!": "i"
        case "0": "o"
        case "$", "5": "s"
        case "7", "+": "t"
        default: scalar
        }
    }
}
