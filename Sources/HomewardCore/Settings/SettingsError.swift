import Foundation

/// Why a setting cannot be stored, or why a report lacks one.
public enum SettingsError: HomewardFailure, Equatable {
    case unknownKey(String)
    /// A key with a control or invisible character in it, e.g. a line break pasted with it.
    case unreadableKey(String, Unicode.Scalar)
    case invalidValue(key: String, problem: String)
    /// A family report needs these settings first.
    case missing([String])

    public var kind: FailureKind { .badInput }

    public var errorDescription: String? {
        switch self {
        case let .unknownKey(text):
            let known = SettingKey.Base.allCases.map(\.rawValue).joined(separator: ", ")
            return "\(QuotedValue.isNot(text, "a setting")); use one of \(known), optionally with .uk, .en or .ru"
        case let .unreadableKey(text, scalar):
            let shown = Cell.printable(String(text.prefix(64)))
            return "the setting key \"\(shown)\" contains \(Cell.characterName(scalar)) (\(Cell.codePoint(scalar))); "
                + "type the key without it, e.g. centre.name"
        case let .invalidValue(key, problem):
            return "\(key): \(problem)"
        case let .missing(keys):
            let commands = keys.map { "homeward settings set \($0) …" }.joined(separator: " and ")
            return "family reports tell families how to reach the centre, and \(keys.joined(separator: " and ")) "
                + "\(keys.count == 1 ? "is" : "are") not set; an admin sets \(keys.count == 1 ? "it" : "them") with \(commands)"
        }
    }
}
