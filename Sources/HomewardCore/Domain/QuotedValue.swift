/// What a typed value looks like, so that an error can describe a value it may not repeat.
///
/// A file with shifted columns puts names, phones and e-mail addresses into date, region and
/// yes/no columns; the error must say what is there ("a phone number, not a date") without
/// copying someone's personal data to a terminal, a log or a screenshot.
public enum ValueShape: Sendable, Equatable {
    case empty
    /// Nine or more digits (seven with a '+' or separators) and nothing but phone punctuation.
    case phoneNumber
    /// Something on both sides of an '@'.
    case emailAddress
    /// Letters only, with a word that starts with a capital followed by small letters
    /// ("Коваленко", "Oleh Bondar"), or in a script other than Latin: perhaps someone's name.
    case nameLike
    /// Latin letters only, no capitalised word ("maybe", "yess", "UA").
    case word
    /// Digits, perhaps with a sign or thousands separators, too few for a phone number.
    case number
    /// Digit groups joined by '-', '/' or '.' as dates are written ("2024-02-31", "12.05.2024"),
    /// or two such dates joined by "..".
    case dateLike
    /// One short token of Latin letters, digits and '-', '_', '.', '/' ("UA-99", "B-2025-1").
    case code
    /// Anything else: several words with digits, punctuation, long text.
    case text

    public init(_ value: String) {
        let text = Cell.trimmed(value)
        let scalars = text.unicodeScalars
        guard !scalars.isEmpty else {
            self = .empty
            return
        }
        if let at = text.firstIndex(of: "@"), at != text.startIndex, text.index(after: at) != text.endIndex {
            self = .emailAddress
            return
        }
        let digits = scalars.filter(Self.isDigit).count
        if scalars.allSatisfy({ Self.isDigit($0) || " +-()./,".unicodeScalars.contains($0) }) {
            self = Self.numeric(String(text), digits: digits)
            return
        }
        if scalars.allSatisfy({ $0.properties.isAlphabetic || " '’ʼ-.".unicodeScalars.contains($0) }) {
            // Only lower-case Latin words are repeated: any other word may be a name.
            self = Self.hasCapitalisedWord(text) || !text.allSatisfy(\.isASCII) ? .nameLike : .word
            return
        }
        let codeScalars = "-_./".unicodeScalars
        if scalars.count <= 40,
           scalars.allSatisfy({ ($0.isASCII && ($0.properties.isAlphabetic || Self.isDigit($0))) || codeScalars.contains($0) }) {
            self = .code
            return
        }
        self = .text
    }

    /// How an error names a value of this shape instead of quoting it.
    public var phrase: String {
        switch self {
        case .empty: "an empty value"
        case .phoneNumber: "a phone number"
        case .emailAddress: "an e-mail address"
        case .nameLike: "a name or word"
        case .word: "a word"
        case .number: "a number"
        case .dateLike: "a date"
        case .code: "a code"
        case .text: "text"
        }
    }

    /// Whether a value of this shape may be repeated in an error (when short).
    var mayBeQuoted: Bool {
        switch self {
        case .word, .number, .dateLike, .code: true
        case .empty, .phoneNumber, .emailAddress, .nameLike, .text: false
        }
    }

    private static func isDigit(_ scalar: Unicode.Scalar) -> Bool {
        ("0"..."9").contains(scalar)
    }

    private static func numeric(_ text: String, digits: Int) -> ValueShape {
        guard digits > 0 else { return .text }
        // A range of dates, "2024-05-03..2024-05-01", either end perhaps missing.
        if let range = text.range(of: "..") {
            let ends = [text[..<range.lowerBound], text[range.upperBound...]].filter { !$0.isEmpty }
            let allDates = ends.allSatisfy { end in
                numeric(String(end), digits: end.filter(\.isNumber).count) == .dateLike
            }
            return allDates ? .dateLike : .text
        }
        let groups = text.split(whereSeparator: { "-/.".contains($0) }).map { $0.filter(\.isNumber) }
        let datePunctuation = text.allSatisfy { $0.isNumber || "-/.".contains($0) }
        if datePunctuation, (2...3).contains(groups.count), groups.allSatisfy({ (1...4).contains($0.count) }),
           groups.contains(where: { $0.count == 4 }) {
            return .dateLike
        }
        // YYYYMMDD is a date, not a phone number.
        if digits == 8, text.allSatisfy(\.isNumber), let year = Int(text.prefix(4)), (1900...2099).contains(year),
           let month = Int(text.dropFirst(4).prefix(2)), (1...12).contains(month) {
            return .dateLike
        }
        let separated = text.contains(where: { !$0.isNumber })
        if digits >= 9 || (digits >= 7 && (separated || text.hasPrefix("+"))) || (digits == 7 && !separated) {
            return .phoneNumber
        }
        return .number
    }

    private static func hasCapitalisedWord(_ text: Substring) -> Bool {
        text.split(whereSeparator: { $0 == " " || $0 == "-" }).contains { word in
            guard let first = word.first, first.isUppercase else { return false }
            return word.dropFirst().contains(where: \.isLowercase)
        }
    }
}

/// The one rule for repeating a typed value in an error message.
///
/// Only values from columns of a non-personal kind (dates, regions, sex, yes/no, language,
/// kind, counts, channel, codes) are ever passed here; names, phones, e-mail addresses and free
/// text are never quoted, whatever they hold. Even from those columns, a value is repeated
/// only when it is short and its ``ValueShape`` cannot be personal data; otherwise the
/// message names its shape.
public enum QuotedValue {
    /// Longer values are described, not repeated: a long cell is rarely a mistyped code.
    public static let maximumLength = 24

    /// The value in double quotes, control characters escaped, or nil when it may not be repeated.
    public static func quoted(_ value: String) -> String? {
        let text = String(Cell.trimmed(value))
        guard text.count <= maximumLength, ValueShape(text).mayBeQuoted else { return nil }
        return "\"" + Cell.printable(text) + "\""
    }

    /// The value quoted, or its shape ("a phone number"), to start a sentence about it.
    public static func subject(_ value: String) -> String {
        quoted(value) ?? ValueShape(value).phrase
    }

    /// `"maybe" is not yes/no`, or `a phone number, not yes/no` when the value may not be repeated.
    public static func isNot(_ value: String, _ expected: String) -> String {
        if let quoted = quoted(value) { return "\(quoted) is not \(expected)" }
        return "\(ValueShape(value).phrase), not \(expected)"
    }
}
