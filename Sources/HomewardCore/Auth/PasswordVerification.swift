/// The outcome of checking a password against a stored hash.
public enum PasswordVerification: Sendable, Equatable {
    /// The password does not match.
    case mismatch
    /// The password matches; `needsRehash` asks the caller to store a fresh hash made with
    /// the current parameters, because the stored one is weaker or differently shaped.
    case match(needsRehash: Bool)
}
