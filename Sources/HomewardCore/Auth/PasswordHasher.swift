import CArgon2

/// Hashes and verifies passwords with argon2id, storing PHC strings.
///
/// Passwords are NFKC-normalised and used whole, never truncated. Verification reads the
/// parameters from the stored string, bounds-checks them before hashing, and compares in
/// constant time.
public struct PasswordHasher: Sendable {
    /// The parameters new hashes use; stored hashes weaker than these need a rehash.
    public let parameters: Argon2Parameters
    private let saltGenerator: @Sendable () -> [UInt8]

    /// Creates a hasher that draws salts from the system's random number generator.
    ///
    /// - Parameter parameters: cost settings for new hashes; tests pass cheaper ones.
    public init(parameters: Argon2Parameters = .policy) {
        self.init(parameters: parameters, saltGenerator: Self.systemSalt)
    }

    /// Creates a hasher with an injected salt source.
    ///
    /// - Parameters:
    ///   - parameters: cost settings for new hashes.
    ///   - saltGenerator: returns ``Argon2Parameters/saltLength`` fresh random bytes each call.
    public init(
        parameters: Argon2Parameters = .policy,
        saltGenerator: @escaping @Sendable () -> [UInt8]
    ) {
        self.parameters = parameters
        self.saltGenerator = saltGenerator
    }

    /// Hashes a password with a fresh salt.
    ///
    /// - Returns: the PHC string to store, e.g. `$argon2id$v=19$m=65536,t=2,p=1$…$…`.
    /// - Throws: ``CredentialError`` when the parameters are out of bounds, the salt source
    ///   misbehaves, or libargon2 fails.
    public func hash(_ password: String) throws(CredentialError) -> String {
        try parameters.validate()
        let salt = saltGenerator()
        guard salt.count == Argon2Parameters.saltLength else {
            throw .saltGenerationFailed(byteCount: salt.count, expected: Argon2Parameters.saltLength)
        }
        let tag = try Self.argon2id(
            password, parameters: parameters, salt: salt, length: Argon2Parameters.hashLength)
        return PHCString(parameters: parameters, salt: salt, hash: tag).encoded
    }

    /// Checks a password against a stored PHC string.
    ///
    /// - Returns: ``PasswordVerification/mismatch``, or a match that says whether the stored
    ///   hash should be replaced by a fresh one from ``hash(_:)``.
    /// - Throws: ``CredentialError`` when the stored string is malformed or its parameters
    ///   are out of bounds (checked before any hashing), or libargon2 fails.
    public func verify(_ password: String, against phc: String) throws(CredentialError) -> PasswordVerification {
        let stored = try PHCString(parsing: phc)
        let tag = try Self.argon2id(
            password, parameters: stored.parameters, salt: stored.salt, length: stored.hash.count)
        guard Self.constantTimeEqual(tag, stored.hash) else { return .mismatch }
        let needsRehash = stored.parameters.isWeaker(than: parameters)
            || stored.salt.count != Argon2Parameters.saltLength
            || stored.hash.count != Argon2Parameters.hashLength
        return .match(needsRehash: needsRehash)
    }

    private static func argon2id(
        _ password: String, parameters: Argon2Parameters, salt: [UInt8], length: Int
    ) throws(CredentialError) -> [UInt8] {
        var normalized = password.nfkcNormalized
        var tag = [UInt8](repeating: 0, count: length)
        let status = normalized.withUTF8 { passwordBytes in
            salt.withUnsafeBytes { saltBytes in
                tag.withUnsafeMutableBytes { tagBytes in
                    argon2id_hash_raw(
                        parameters.iterations, parameters.memoryKiB, parameters.parallelism,
                        passwordBytes.baseAddress, passwordBytes.count,
                        saltBytes.baseAddress, saltBytes.count,
                        tagBytes.baseAddress, tagBytes.count)
                }
            }
        }
        guard status == ARGON2_OK.rawValue else {
            throw .hashingFailed(String(cString: argon2_error_message(status)))
        }
        return tag
    }

    /// Compares without an early exit, so timing does not reveal how many bytes agree.
    private static func constantTimeEqual(_ lhs: [UInt8], _ rhs: [UInt8]) -> Bool {
        guard lhs.count == rhs.count else { return false }
        var difference: UInt8 = 0
        for index in lhs.indices {
            difference |= lhs[index] ^ rhs[index]
        }
        return difference == 0
    }

    /// Salt from `SystemRandomNumberGenerator` (getrandom on Linux).
    @Sendable private static func systemSalt() -> [UInt8] {
        var generator = SystemRandomNumberGenerator()
        return (0..<Argon2Parameters.saltLength).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
    }
}
