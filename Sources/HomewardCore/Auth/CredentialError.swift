import Foundation

/// A failure to hash a password or to read a stored password hash.
///
/// Messages name what is wrong and how to fix it; they never contain the password, the
/// stored hash or its salt.
public enum CredentialError: Error, Equatable, LocalizedError {
    /// The stored hash is not a PHC string this program accepts.
    case malformedStoredHash(StoredHashDefect)
    /// A parameter of a stored hash (or of a hasher) lies outside the accepted bounds.
    case parameterOutOfBounds(Argon2Bound, value: UInt64, allowed: ClosedRange<UInt64>)
    /// The salt source returned a salt of the wrong length.
    case saltGenerationFailed(byteCount: Int, expected: Int)
    /// libargon2 reported an error; the payload is its own error text.
    case hashingFailed(String)

    /// What is wrong and how to fix it, without the password or the stored hash.
    public var errorDescription: String? {
        switch self {
        case .malformedStoredHash(let defect):
            "stored password hash is malformed: \(defect.explanation); "
                + "reset the user's password to store a fresh hash"
        case .parameterOutOfBounds(let bound, let value, let allowed):
            "password hash parameter \(bound.rawValue) is \(value), outside the accepted "
                + "\(allowed.lowerBound)...\(allowed.upperBound); the stored row may be "
                + "tampered with: reset the user's password"
        case .saltGenerationFailed(let byteCount, let expected):
            "random source returned \(byteCount) salt bytes, \(expected) needed; "
                + "check the system random number generator"
        case .hashingFailed(let message):
            "argon2 hashing failed: \(message)"
        }
    }
}

/// The Argon2 settings that have acceptance bounds, as named in error messages.
public enum Argon2Bound: String, Sendable, Equatable {
    /// `m`, memory in KiB; at least 8 KiB per lane.
    case memoryKiB = "m (memory KiB)"
    /// `t`, number of passes.
    case iterations = "t (iterations)"
    /// `p`, number of lanes.
    case parallelism = "p (parallelism)"
    /// Length of the decoded salt in bytes.
    case saltLength = "salt length (bytes)"
    /// Length of the decoded hash in bytes.
    case hashLength = "hash length (bytes)"
}

/// Why a stored PHC string was refused before any hashing.
public enum StoredHashDefect: Sendable, Equatable {
    /// Longer than any PHC string this program writes or accepts.
    case tooLong(maximum: Int)
    /// Not `$argon2id$v=19$m=…,t=…,p=…$salt$hash` in shape (field count, characters).
    case notPHCShape
    /// An algorithm other than `argon2id`; the identifier is kept only when it is short
    /// and made of `[a-z0-9-]`.
    case unsupportedAlgorithm(String)
    /// A version other than `v=19`.
    case unsupportedVersion
    /// The parameter field is not exactly `m=<n>,t=<n>,p=<n>` with plain decimal numbers.
    case malformedParameters
    /// The salt or hash field is not canonical unpadded standard base64.
    case invalidBase64(field: String)

    var explanation: String {
        switch self {
        case .tooLong(let maximum): "longer than \(maximum) characters"
        case .notPHCShape: "expected $argon2id$v=19$m=…,t=…,p=…$salt$hash"
        case .unsupportedAlgorithm(let name): "algorithm \(name) is not supported, only argon2id"
        case .unsupportedVersion: "only Argon2 version 19 (v=19) is supported"
        case .malformedParameters: "parameters must read m=<KiB>,t=<passes>,p=<lanes>"
        case .invalidBase64(let field): "\(field) is not unpadded standard base64"
        }
    }
}
