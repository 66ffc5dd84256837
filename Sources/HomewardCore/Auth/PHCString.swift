/// A stored argon2id hash in PHC string format: `$argon2id$v=19$m=…,t=…,p=…$salt$hash`.
///
/// Parsing is strict and cheap: the text is length-capped first and the parameters are
/// bounds-checked before the salt and hash are decoded, so nothing is allocated in
/// proportion to a (possibly tampered) memory cost.
public struct PHCString: Sendable, Equatable {
    /// The only algorithm identifier accepted.
    public static let algorithm = "argon2id"
    /// The only Argon2 version accepted (0x13).
    public static let version = 19
    /// No accepted PHC string is longer; a longer one is refused before it is split.
    public static let maximumLength = 256

    /// The cost settings the hash was made with.
    public let parameters: Argon2Parameters
    /// The decoded salt.
    public let salt: [UInt8]
    /// The decoded hash (tag).
    public let hash: [UInt8]

    init(parameters: Argon2Parameters, salt: [UInt8], hash: [UInt8]) {
        self.parameters = parameters
        self.salt = salt
        self.hash = hash
    }

    /// Parses and bounds-checks a stored PHC string.
    ///
    /// - Throws: ``CredentialError/malformedStoredHash(_:)`` for anything that is not a
    ///   canonical argon2id v=19 PHC string, and
    ///   ``CredentialError/parameterOutOfBounds(_:value:allowed:)`` for a parameter, salt or
    ///   hash length outside the bounds in ``Argon2Parameters``.
    public init(parsing text: String) throws(CredentialError) {
        guard text.utf8.count <= Self.maximumLength else {
            throw .malformedStoredHash(.tooLong(maximum: Self.maximumLength))
        }
        // Printable ASCII only, so no Unicode equivalence can make two spellings compare equal.
        guard text.utf8.allSatisfy({ (0x21...0x7E).contains($0) }) else {
            throw .malformedStoredHash(.notPHCShape)
        }
        let fields = text.split(separator: "$", omittingEmptySubsequences: false)
        guard fields.count >= 2, fields[0].isEmpty else {
            throw .malformedStoredHash(.notPHCShape)
        }
        guard fields[1] == Self.algorithm else {
            throw .malformedStoredHash(.unsupportedAlgorithm(Self.printableIdentifier(fields[1])))
        }
        guard fields.count == 6 else { throw .malformedStoredHash(.notPHCShape) }
        guard fields[2] == "v=\(Self.version)" else {
            throw .malformedStoredHash(.unsupportedVersion)
        }
        let parameters = try Self.parseParameters(fields[3])
        try parameters.validate()

        guard let salt = PHCBase64.decode(fields[4]) else {
            throw .malformedStoredHash(.invalidBase64(field: "salt"))
        }
        try Argon2Parameters.check(
            .saltLength, UInt64(salt.count), within: Argon2Parameters.acceptedSaltLength)
        guard let hash = PHCBase64.decode(fields[5]) else {
            throw .malformedStoredHash(.invalidBase64(field: "hash"))
        }
        try Argon2Parameters.check(
            .hashLength, UInt64(hash.count), within: Argon2Parameters.acceptedHashLength)
        self.init(parameters: parameters, salt: salt, hash: hash)
    }

    /// The PHC string, as stored.
    public var encoded: String {
        "$\(Self.algorithm)$v=\(Self.version)"
            + "$m=\(parameters.memoryKiB),t=\(parameters.iterations),p=\(parameters.parallelism)"
            + "$\(PHCBase64.encode(salt))$\(PHCBase64.encode(hash))"
    }

    private static func parseParameters(_ field: Substring) throws(CredentialError) -> Argon2Parameters {
        let pairs = field.split(separator: ",", omittingEmptySubsequences: false)
        guard pairs.count == 3,
            let memory = decimal(pairs[0], key: "m"),
            let iterations = decimal(pairs[1], key: "t"),
            let parallelism = decimal(pairs[2], key: "p")
        else { throw .malformedStoredHash(.malformedParameters) }
        // Bounds are checked on the wide values, so an oversized number is reported as
        // out of bounds rather than silently truncated.
        try Argon2Parameters.check(.parallelism, parallelism, within: Argon2Parameters.acceptedParallelism)
        try Argon2Parameters.check(.iterations, iterations, within: Argon2Parameters.acceptedIterations)
        try Argon2Parameters.check(.memoryKiB, memory, within: Argon2Parameters.acceptedMemoryKiB)
        return Argon2Parameters(
            memoryKiB: UInt32(memory), iterations: UInt32(iterations), parallelism: UInt32(parallelism))
    }

    /// Reads `key=<decimal>`: 1–10 ASCII digits, no sign, no leading zero.
    private static func decimal(_ pair: Substring, key: Character) -> UInt64? {
        guard pair.first == key, pair.dropFirst().first == "=" else { return nil }
        let digits = pair.dropFirst(2).utf8
        guard (1...10).contains(digits.count),
            digits.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }),
            digits.count == 1 || digits.first != UInt8(ascii: "0")
        else { return nil }
        return digits.reduce(0) { $0 * 10 + UInt64($1 - UInt8(ascii: "0")) }
    }

    private static func printableIdentifier(_ field: Substring) -> String {
        let allowed = field.utf8.allSatisfy { byte in
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
                || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
                || byte == UInt8(ascii: "-")
        }
        return allowed && (1...32).contains(field.utf8.count) ? String(field) : "(unrecognised)"
    }
}
