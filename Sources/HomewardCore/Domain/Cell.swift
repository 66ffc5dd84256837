/// Cleaning of typed text and CSV cells, without bridging to Foundation's NSString (an import
/// cleans two million cells).
public enum Cell {
    /// The text without leading and trailing white space (including line breaks).
    static func trimmed(_ text: some StringProtocol) -> Substring {
        let whole = Substring(text)
        let scalars = whole.unicodeScalars
        guard let first = scalars.firstIndex(where: { !isWhitespace($0) }),
              let last = scalars.lastIndex(where: { !isWhitespace($0) }) else { return "" }
        return Substring(scalars[first...last])
    }

    /// Trimmed text, nil when nothing is left.
    static func clean(_ text: String?) -> String? {
        guard let text else { return nil }
        if let first = text.unicodeScalars.first, let last = text.unicodeScalars.last,
           !isWhitespace(first), !isWhitespace(last) {
            return text
        }
        let trimmed = trimmed(text)
        return trimmed.isEmpty ? nil : String(trimmed)
    }

    /// The text made safe to print: every character that could forge output — C0 and C1
    /// controls (ESC among them), DEL, bidi overrides and other format characters, line and
    /// paragraph separators — is written as `U+001B` (at least four hex digits), so echoing
    /// untrusted input cannot move the cursor, recolour a terminal, reorder text or fake a line.
    /// - Parameter multiline: keep line breaks and tabs (for fields that allow them); CR LF
    ///   becomes LF, and a lone CR, which would overwrite the line, is still escaped.
    public static func printable(_ text: String, multiline: Bool = false) -> String {
        guard text.unicodeScalars.contains(where: { needsEscape($0, multiline: multiline) }) else { return text }
        var result = ""
        var scalars = text.unicodeScalars.makeIterator()
        var pending = scalars.next()
        while let scalar = pending {
            pending = scalars.next()
            if multiline && scalar == "\r" && pending == "\n" { continue }
            if needsEscape(scalar, multiline: multiline) {
                result += codePoint(scalar)
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// What a character that may not be stored is, in words: "a line break", "a tab", …
    public static func characterName(_ scalar: Unicode.Scalar) -> String {
        if scalar == "\n" || scalar == "\r" { return "a line break" }
        if scalar == "\t" { return "a tab" }
        switch scalar.properties.generalCategory {
        case .control: return "a control character"
        case .lineSeparator, .paragraphSeparator: return "a line separator"
        default: return "an invisible character"
        }
    }

    /// `U+0007`, `U+202E`, `U+E0001`: the Unicode way of naming a code point.
    public static func codePoint(_ scalar: Unicode.Scalar) -> String {
        let hex = String(scalar.value, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }

    /// Whether ``printable(_:multiline:)`` escapes the character (line breaks and tabs included).
    public static func couldForgeOutput(_ scalar: Unicode.Scalar) -> Bool {
        needsEscape(scalar, multiline: false)
    }

    private static func needsEscape(_ scalar: Unicode.Scalar, multiline: Bool) -> Bool {
        let value = scalar.value
        // Fast path for ASCII and Cyrillic; other blocks (even Latin-1, with its soft hyphen)
        // hold format characters and need the property lookup.
        if (0x20..<0x7F).contains(value) || (0x400..<0x530).contains(value) { return false }
        if multiline && (scalar == "\n" || scalar == "\t") { return false }
        // One rule with what storing refuses: invisible characters are shown, not hidden.
        if isInvisible(scalar) { return true }
        switch scalar.properties.generalCategory {
        case .control, .format, .lineSeparator, .paragraphSeparator: return true
        default: return false
        }
    }

    /// Why a text cannot be stored, or nil when it can: control characters (line breaks and
    /// tabs only where `multiline`), invisible characters, and U+FFFD, which marks bytes that
    /// were not valid UTF-8.
    ///
    /// One rule for every invisible character: format characters (U+00AD, U+200E, U+061C…),
    /// bidi controls, and every Default_Ignorable_Code_Point (U+3164, U+115F, variation
    /// selectors…), which would make two names that look alike differ, or hide text.
    static func problem(_ text: String, multiline: Bool) -> String? {
        for scalar in text.unicodeScalars {
            if isPlainFast(scalar) { continue }
            if scalar == "\u{FFFD}" { return "contains bytes that are not valid UTF-8; save the file or text as UTF-8" }
            let lineBreak = scalar == "\n" || scalar == "\r"
            if multiline && (lineBreak || scalar == "\t") { continue }
            let category = scalar.properties.generalCategory
            if category == .control || category == .lineSeparator || category == .paragraphSeparator {
                let layout = lineBreak ? " (line breaks are not allowed in this field)"
                    : scalar == "\t" ? " (tabs are not allowed in this field)" : ""
                return "contains \(characterName(scalar)) (\(codePoint(scalar))); remove it" + layout
            }
            if isInvisible(scalar) { return "contains an invisible character (\(codePoint(scalar))); remove it" }
        }
        return nil
    }

    /// Scalars that need no property lookup: printable ASCII, Latin letters and Cyrillic,
    /// which make up nearly every cell an import cleans. A test checks every scalar of these
    /// ranges against the full rule.
    /// Unicode's White_Space, answered for ASCII without the property table (there it is
    /// tab, line feed, vertical tab, form feed, carriage return and space).
    static func isWhitespace(_ scalar: Unicode.Scalar) -> Bool {
        scalar.isASCII ? scalar == " " || (0x09...0x0D).contains(scalar.value) : scalar.properties.isWhitespace
    }

    static func isPlainFast(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        return (0x20..<0x7F).contains(value) || (0xC0..<0x250).contains(value) || (0x400..<0x530).contains(value)
    }

    /// Format characters, bidi controls and default-ignorable code points.
    static func isInvisible(_ scalar: Unicode.Scalar) -> Bool {
        let properties = scalar.properties
        return properties.generalCategory == .format || properties.isBidiControl || properties.isDefaultIgnorableCodePoint
    }

}
