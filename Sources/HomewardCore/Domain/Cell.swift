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
                let remark = !multiline && (lineBreak || category != .control) ? " (line breaks are not allowed in this field)" : ""
                return "contains a control character (\(codePoint(scalar))); remove it" + remark
            }
            if isInvisible(scalar) { return "contains an invisible character (\(codePoint(scalar))); remove it" }
        }
        return nil
    }

    /// Scalars that need no property lookup: printable ASCII, Latin letters and Cyrillic,
    /// which make up nearly every cell an import cleans. A test checks every scalar of these
    /// ranges against the full rule.
    static func isPlainFast(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        return (0x20..<0x7F).contains(value) || (0xC0..<0x250).contains(value) || (0x400..<0x530).contains(value)
    }

    /// Format characters, bidi controls and default-ignorable code points.
    static func isInvisible(_ scalar: Unicode.Scalar) -> Bool {
        let properties = scalar.properties
        return properties.generalCategory == .format || properties.isBidiControl || properties.isDefaultIgnorableCodePoint
    }

    /// `U+0007`, `U+200E`: at least four hex digits, as Unicode writes them.
    static func codePoint(_ scalar: Unicode.Scalar) -> String {
        let hex = String(scalar.value, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }
}
