/// The rules a new password must meet, after NIST SP 800-63B-4.
///
/// Lengths count Unicode code points after NFKC normalisation, so a short password written
/// in a script of many UTF-8 bytes is still short. There are no composition rules
/// (no "one digit, one symbol"); instead the policy refuses common passwords, the user
/// name, words tied to this service, and repetitive or sequential strings.
public struct PasswordPolicy: Sendable {
    /// Minimum 15 code points; maximum 256, above NIST's "at least 64" so that long
    /// passphrases fit, yet bounded so a password cannot be used to make hashing slow.
    public static let standard = PasswordPolicy(
        minimumLength: 15, maximumLength: 256,
        blockedPasswords: commonPasswords, contextWords: ["homeward"])

    /// Fewest code points accepted.
    public let minimumLength: Int
    /// Most code points accepted; longer passwords are refused, never truncated.
    public let maximumLength: Int
    /// Lowercase passwords refused outright, and as the core of a padded password.
    public let blockedPasswords: Set<String>
    /// Lowercase words a password must not contain, whatever their case.
    public let contextWords: [String]

    /// Creates a policy; ``standard`` is the one the program uses.
    public init(minimumLength: Int, maximumLength: Int, blockedPasswords: Set<String>, contextWords: [String]) {
        self.minimumLength = minimumLength
        self.maximumLength = maximumLength
        self.blockedPasswords = blockedPasswords
        self.contextWords = contextWords.map { $0.nfkcNormalized.lowercased() }
    }

    /// Checks a new password for the given user.
    ///
    /// - Parameters:
    ///   - password: the password as typed; it is NFKC-normalised before checking, as it is
    ///     before hashing.
    ///   - username: the account's user name; refused as the password, and inside it when
    ///     it has at least 3 characters.
    /// - Throws: the first ``PasswordPolicyError`` found, in the order length, user name,
    ///   context words, common passwords, repetition, sequences.
    public func check(_ password: String, username: String) throws(PasswordPolicyError) {
        let normalized = password.nfkcNormalized
        let length = normalized.unicodeScalars.count
        guard length >= minimumLength else { throw .tooShort(length: length, minimum: minimumLength) }
        guard length <= maximumLength else { throw .tooLong(length: length, maximum: maximumLength) }

        let lowercased = normalized.lowercased()
        let user = username.nfkcNormalized.lowercased().trimmingWhitespace
        if !user.isEmpty, lowercased == user || (user.unicodeScalars.count >= 3 && lowercased.contains(user)) {
            throw .containsUserName
        }
        if let word = contextWords.first(where: { !$0.isEmpty && lowercased.contains($0) }) {
            throw .containsContextWord(word)
        }
        let compact = lowercased.withoutSeparators
        if !Self.blocklistCandidates(lowercased).union([compact]).isDisjoint(with: blockedPasswords) {
            throw .tooCommon
        }
        let forms = [Array(lowercased.unicodeScalars), Array(compact.unicodeScalars)].filter { !$0.isEmpty }
        if forms.contains(where: Self.isRepetitive) { throw .repetitive }
        if forms.contains(where: Self.isSequential) { throw .sequential }
    }
}

extension String {
    fileprivate var trimmingWhitespace: String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
            let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })
        else { return "" }
        return String(scalars[first...last])
    }

    /// The text without whitespace and the joiners people put between words (`-_.,`), so
    /// "pass word pass word" is seen as "passwordpassword".
    fileprivate var withoutSeparators: String {
        String(String.UnicodeScalarView(unicodeScalars.filter { scalar in
            !scalar.properties.isWhitespace && !"-_.,".unicodeScalars.contains(scalar)
        }))
    }
}
