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

    /// The text with control, format and line-separator characters written as `\u{…}`, so
    /// that echoing untrusted input cannot move the cursor, recolour a terminal or fake a line.
    public static func printable(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isUnprintable) else { return text }
        var result = ""
        for scalar in text.unicodeScalars {
            if isUnprintable(scalar) {
                result += "\\u{\(String(scalar.value, radix: 16, uppercase: true))}"
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    private static func isUnprintable(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        if (0x20..<0x7F).contains(value) || (0xA0..<0x2000).contains(value) { return false }
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
                return "contains a control character (U+\(String(scalar.value, radix: 16, uppercase: true))); remove it"
                    + (multiline ? "" : " (line breaks are not allowed in this field)")
            }
        }
        return nil
    }
}
