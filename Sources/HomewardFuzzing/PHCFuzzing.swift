import Foundation
import HomewardCore

/// `PHCString(parsing:)`, the argon2id hashes stored for accounts.
///
/// Properties: a parsed string is canonical (it encodes back to the same text, so every
/// hash has one spelling) and within the accepted bounds; a string built from the input's
/// bytes with accepted parameters parses and encodes back; verifying a password against a
/// parsed string with small costs returns or throws, never traps.
enum PHCFuzzing {
    static func check(_ input: [UInt8]) throws(PropertyViolation) {
        let text = text(input)
        if let phc = try? PHCString(parsing: text) {
            try checkParsed(phc, from: text)
        }
        guard input.count >= 6 else { return }
        // Parameters, salt and hash from the bytes, kept within the accepted bounds.
        let iterations = 1 + UInt64(input[1] % 16)
        let parallelism = 1 + UInt64(input[2] % 8)
        let memory = 8 * parallelism + UInt64(input[0]) << 4  // argon2 needs 8 KiB per lane
        let saltLength = 8 + Int(input[3] % 57)
        let hashLength = 16 + Int(input[4] % 49)
        let pool = Array(input.dropFirst(5))
        let salt = (0..<saltLength).map { pool[$0 % pool.count] &+ UInt8(truncatingIfNeeded: $0) }
        let hash = (0..<hashLength).map { pool[($0 + 1) % pool.count] ^ UInt8(truncatingIfNeeded: $0) }
        let built = "$argon2id$v=19$m=\(memory),t=\(iterations),p=\(parallelism)$\(base64(salt))$\(base64(hash))"
        do {
            let phc = try PHCString(parsing: built)
            try require(phc.salt == salt && phc.hash == hash, "salt and hash decode to their bytes", built)
            try checkParsed(phc, from: built)
        } catch let error as PropertyViolation {
            throw error
        } catch {
            throw PropertyViolation(property: "a PHC string with accepted parameters parses", detail: "\(built): \(error)")
        }
    }

    private static func checkParsed(_ phc: PHCString, from text: String) throws(PropertyViolation) {
        try require(phc.encoded == text, "a parsed PHC string is canonical", "\(shown(text)) → \(phc.encoded)")
        try require((try? phc.parameters.validate()) != nil, "parsed parameters are within bounds", text)
        try require(Argon2Parameters.acceptedSaltLength.contains(UInt64(phc.salt.count))
                        && Argon2Parameters.acceptedHashLength.contains(UInt64(phc.hash.count)),
                    "salt and hash lengths are within bounds", text)
        // Cheap enough to run per input: argon2 with at most 256 KiB and two passes.
        if phc.parameters.memoryKiB <= 256, phc.parameters.iterations <= 2 {
            let result = Result { () throws(CredentialError) in try PasswordHasher().verify("fuzz", against: text) }
            if case let .success(verification) = result {
                try require(verification == .mismatch || verification == .match(needsRehash: true),
                            "a cheap stored hash asks for a rehash", text)
            }
        }
    }

    /// Unpadded standard base64, as the PHC format writes it.
    private static func base64(_ bytes: [UInt8]) -> String {
        Data(bytes).base64EncodedString().replacing("=", with: "")
    }
}
