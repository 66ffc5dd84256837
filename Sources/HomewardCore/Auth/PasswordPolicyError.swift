import Foundation

/// Why a new password was refused by ``PasswordPolicy``.
///
/// Messages say what is wrong and how to fix it, and never contain the password. Lengths
/// are counted in Unicode code points after NFKC normalisation.
public enum PasswordPolicyError: Error, Equatable, LocalizedError {
    /// Fewer code points than the policy's minimum.
    case tooShort(length: Int, minimum: Int)
    /// More code points than the policy's maximum.
    case tooLong(length: Int, maximum: Int)
    /// The password is, or contains, the user name.
    case containsUserName
    /// The password contains a word tied to this service, such as "homeward".
    case containsContextWord(String)
    /// The password, or its word once surrounding digits and symbols are removed, is on the
    /// list of common passwords.
    case tooCommon
    /// One character, a few characters, or a chunk repeated over and over.
    case repetitive
    /// A run of neighbouring letters, digits or keyboard keys, such as "abcdef" or "qwerty".
    case sequential

    /// What is wrong and how to fix it, without the password or the stored hash.
    public var errorDescription: String? {
        let advice = "choose a longer phrase of unrelated words"
        return switch self {
        case .tooShort(let length, let minimum):
            "password is too short: \(length) characters, at least \(minimum) needed; \(advice)"
        case .tooLong(let length, let maximum):
            "password is too long: \(length) characters, at most \(maximum) allowed; shorten it"
        case .containsUserName:
            "password must not contain the user name; \(advice)"
        case .containsContextWord(let word):
            "password must not contain the word \"\(word)\"; \(advice)"
        case .tooCommon:
            "password is too common; \(advice)"
        case .repetitive:
            "password is too repetitive (a character or chunk repeated); \(advice)"
        case .sequential:
            "password is a run of neighbouring letters, digits or keys (like abcd, 1234, qwerty); \(advice)"
        }
    }
}
