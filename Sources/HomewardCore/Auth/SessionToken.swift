import Crypto
import Foundation

/// A bearer token: `hw1_<database id>_<43 base64url characters>` carrying 256 random bits.
///
/// The database id makes a token from one database recognisable (and refused) by another;
/// only the SHA-256 of the whole token is stored.
struct SessionToken {
    let text: String

    static func issue(databaseID: String, randomBytes: [UInt8]) -> SessionToken {
        let secret = Data(randomBytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
        return SessionToken(text: "hw1_\(databaseID)_\(secret)")
    }

    /// The database id a token names, or nil when the token is not of this form.
    static func databaseID(of text: String) -> String? {
        let parts = text.split(separator: "_", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0] == "hw1", parts[1].count == 32, parts[2].count == 43 else { return nil }
        return String(parts[1])
    }

    static func digest(_ text: String) -> Data {
        Data(SHA256.hash(data: Data(text.utf8)))
    }
}
