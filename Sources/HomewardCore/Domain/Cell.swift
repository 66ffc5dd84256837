/// Cleaning of typed text and CSV cells, without bridging to Foundation's NSString (an import
/// cleans two million cells).
public enum Cell {
    /// The text without leading and trailing white space (including line breaks).
    static func trimmed(_ text: some StringProtocol) -> Substring {
        let whole = Substring(text)
        let scalars = whole.unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
              let last = scalars.lastIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        return Substring(scalars[first...last])
    }

    /// Trimmed text, nil when nothing is left.
    static func clean(_ text: String?) -> String? {
        guard let text else { return nil }
        if let first = text.unicodeScalars.first, let last = text.unicodeScalars.last,
           !first.properties.isWhitespace, !last.properties.isWhitespace {
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
        switch scalar.properties.generalCategory {
        case .control, .format, .lineSeparator, .paragraphSeparator: return true
        default: return false
        }
    }

    /// Why a text cannot be stored, or nil when it can: control characters (line breaks and
    /// tabs only where `multiline`) and U+FFFD, which marks bytes that were not valid UTF-8.
    static func problem(_ text: String, multiline: Bool) -> String? {
        for scalar in text.unicodeScalars {
            let value = scalar.value
            // Fast path: printable ASCII and ordinary letters need no property lookup.
            if (0x20..<0x7F).contains(value) || (0xA0..<0x2000).contains(value) { continue }
            if scalar == "\u{FFFD}" { return "contains bytes that are not valid UTF-8; save the file or text as UTF-8" }
            if multiline && (scalar == "\n" || scalar == "\r" || scalar == "\t") { continue }
            let category = scalar.properties.generalCategory
            if category == .control || category == .format || category == .lineSeparator || category == .paragraphSeparator {
                let isLayout = scalar == "\n" || scalar == "\r" || scalar == "\t"
                let kind = isLayout ? "a line break or tab" : category == .control ? "a control character" : "an invisible formatting character"
                return "contains \(kind) (\(codePoint(scalar))); remove it"
                    + (isLayout ? " (line breaks and tabs are not allowed in this field)" : "")
            }
        }
        return nil
    }
}
