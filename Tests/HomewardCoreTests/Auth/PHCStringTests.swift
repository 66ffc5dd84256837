import Foundation
import Testing
@testable import HomewardCore

@Suite("PHCString")
struct PHCStringTests {
    @Test("parses and re-encodes a canonical string")
    func roundTrip() throws {
        let text = storedHash(parameters: "m=64,t=1,p=1")
        let parsed = try PHCString(parsing: text)
        #expect(parsed.parameters == Argon2Parameters(memoryKiB: 64, iterations: 1, parallelism: 1))
        #expect(parsed.salt == Array(0..<16))
        #expect(parsed.encoded == text)
    }

    @Test("parameters out of bounds are refused by name, before argon2 runs", arguments: [
        ("m=4194304,t=2,p=1", CredentialError.parameterOutOfBounds(.memoryKiB, value: 4_194_304, allowed: 8...262_144)),
        ("m=4294967295,t=2,p=1", .parameterOutOfBounds(.memoryKiB, value: 4_294_967_295, allowed: 8...262_144)),
        ("m=9999999999,t=2,p=1", .parameterOutOfBounds(.memoryKiB, value: 9_999_999_999, allowed: 8...262_144)),
        ("m=65536,t=1000,p=1", .parameterOutOfBounds(.iterations, value: 1000, allowed: 1...16)),
        ("m=65536,t=0,p=1", .parameterOutOfBounds(.iterations, value: 0, allowed: 1...16)),
        ("m=65536,t=2,p=255", .parameterOutOfBounds(.parallelism, value: 255, allowed: 1...8)),
        ("m=16,t=2,p=4", .parameterOutOfBounds(.memoryKiB, value: 16, allowed: 32...262_144)),
    ])
    func outOfBounds(parameters: String, expected: CredentialError) {
        // A verify that reached argon2 with m=4 GiB would allocate it and answer .mismatch;
        // the typed bounds error shows the check came first.
        let hasher = PasswordHasher(parameters: cheapParameters)
        #expect(throws: expected) {
            try hasher.verify("correct horse battery staple", against: storedHash(parameters: parameters))
        }
    }

    @Test("malformed strings are refused with the defect named", arguments: [
        ("", StoredHashDefect.notPHCShape),
        ("argon2id$v=19$m=64,t=1,p=1$AAECAwQFBgcICQoLDA0ODw$ktxdZwGWI4aL3geSdeUi9LfoIT00FO2Fy8KsikERcog", .notPHCShape),
        ("$argon2i$v=19$m=64,t=1,p=1$AAECAwQFBgcICQoLDA0ODw$ktxdZwGWI4aL3geSdeUi9LfoIT00FO2Fy8KsikERcog",
         .unsupportedAlgorithm("argon2i")),
        ("$argon2d$v=19$m=64,t=1,p=1$AAECAwQFBgcICQoLDA0ODw$ktxdZwGWI4aL3geSdeUi9LfoIT00FO2Fy8KsikERcog",
         .unsupportedAlgorithm("argon2d")),
        ("$2b$12$R9h/cIPz0gi.URNNX3kh2OPST9/PgBkqquzi.Ss7KIUgO2t0jWMUW", .unsupportedAlgorithm("2b")),
        ("$Argon2ID<script>$x", .unsupportedAlgorithm("(unrecognised)")),
        ("$argon2id $v=19$m=64,t=1,p=1$AAECAwQFBgcICQoLDA0ODw$ktxdZwGWI4aL3geSdeUi9LfoIT00FO2Fy8KsikERcog", .notPHCShape),
        ("$argon2id$v=19$m=６４,t=1,p=1$AAECAwQFBgcICQoLDA0ODw$ktxdZwGWI4aL3geSdeUi9LfoIT00FO2Fy8KsikERcog", .notPHCShape),
        (storedHash(parameters: "m=64,t=1,p=1") + "\n", .notPHCShape),
        ("$argon2id$v=16$m=64,t=1,p=1$AAECAwQFBgcICQoLDA0ODw$ktxdZwGWI4aL3geSdeUi9LfoIT00FO2Fy8KsikERcog",
         .unsupportedVersion),
        ("$argon2id$m=64,t=1,p=1$AAECAwQFBgcICQoLDA0ODw$ktxdZwGWI4aL3geSdeUi9LfoIT00FO2Fy8KsikERcog", .notPHCShape),
        ("$argon2id$v=19$m=64,t=1,p=1$AAECAwQFBgcICQoLDA0ODw", .notPHCShape),
        ("$argon2id$v=19$m=64,t=1", .notPHCShape),
        (storedHash(parameters: "t=1,m=64,p=1"), .malformedParameters),
        (storedHash(parameters: "m=064,t=1,p=1"), .malformedParameters),
        (storedHash(parameters: "m=+64,t=1,p=1"), .malformedParameters),
        (storedHash(parameters: "m=64,t=1,p=1,keyid=abc"), .malformedParameters),
        (storedHash(parameters: "m=64,t=1"), .malformedParameters),
        (storedHash(parameters: "m=99999999999,t=1,p=1"), .malformedParameters),
        ("$argon2id$v=19$m=64,t=1,p=1$AAECAwQFBgcICQoLDA0ODw==$ktxdZwGWI4aL3geSdeUi9LfoIT00FO2Fy8KsikERcog",
         .invalidBase64(field: "salt")),
        ("$argon2id$v=19$m=64,t=1,p=1$AAECAwQF*gcICQoLDA0ODw$ktxdZwGWI4aL3geSdeUi9LfoIT00FO2Fy8KsikERcog",
         .invalidBase64(field: "salt")),
        ("$argon2id$v=19$m=64,t=1,p=1$AAECAwQFBgcICQoLDA0ODw$ktxdZwGWI4aL3geSdeUi9LfoIT00FO2Fy8KsikERcoh",
         .invalidBase64(field: "hash")),
        ("$argon2id$v=19$m=64,t=1,p=1$AAECAwQFBgcICQoLDA0ODw$ktxdZwGWI4aL3geSdeUi9LfoIT00FO2Fy8KsikERco",
         .invalidBase64(field: "hash")),
        ("$argon2id$v=19$m=64,t=1,p=1$AAECAwQFBgcICQoLDA0ODw$" + String(repeating: "A", count: 300), .tooLong(maximum: 256)),
    ])
    func malformed(text: String, defect: StoredHashDefect) {
        #expect(throws: CredentialError.malformedStoredHash(defect)) { try PHCString(parsing: text) }
    }

    @Test("truncated or oversized salt and hash lengths are out of bounds")
    func lengthBounds() {
        let shortHash = "$argon2id$v=19$m=64,t=1,p=1$AAECAwQFBgcICQoLDA0ODw$ktxdZwGWI4aL3g"
        #expect(throws: CredentialError.parameterOutOfBounds(.hashLength, value: 10, allowed: 16...64)) {
            try PHCString(parsing: shortHash)
        }
        let shortSalt = "$argon2id$v=19$m=64,t=1,p=1$AAECAw$ktxdZwGWI4aL3geSdeUi9LfoIT00FO2Fy8KsikERcog"
        #expect(throws: CredentialError.parameterOutOfBounds(.saltLength, value: 4, allowed: 8...64)) {
            try PHCString(parsing: shortSalt)
        }
    }

    @Test("error messages never contain the salt or hash")
    func messagesHideSecrets() {
        let secretParts = ["AAECAwQFBgcICQoLDA0ODw", "ktxdZwGWI4aL3geSdeUi9LfoIT00FO2Fy8KsikERcog"]
        let errors: [CredentialError] = [
            .malformedStoredHash(.notPHCShape), .malformedStoredHash(.unsupportedAlgorithm("argon2i")),
            .malformedStoredHash(.invalidBase64(field: "hash")), .malformedStoredHash(.tooLong(maximum: 256)),
            .parameterOutOfBounds(.memoryKiB, value: 4_194_304, allowed: 8...262_144),
            .hashingFailed("Memory allocation error"),
        ]
        for error in errors {
            let message = error.localizedDescription
            #expect(!message.isEmpty)
            #expect(secretParts.allSatisfy { !message.contains($0) })
        }
        #expect(CredentialError.parameterOutOfBounds(.memoryKiB, value: 4_194_304, allowed: 8...262_144)
            .localizedDescription.contains("m (memory KiB) is 4194304"))
    }

    @Test("base64 encoding round-trips every length")
    func base64RoundTrip() {
        for length in 0...40 {
            let bytes = (0..<length).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 11) }
            let text = PHCBase64.encode(bytes)
            #expect(!text.contains("="))
            #expect(PHCBase64.decode(Substring(text)) == bytes)
        }
        #expect(PHCBase64.decode("A") == nil)
    }

    @Test("parameters compare dimension by dimension and survive Codable")
    func parameters() throws {
        let floor = Argon2Parameters.floor
        #expect(floor.isWeaker(than: .policy))
        #expect(!Argon2Parameters.policy.isWeaker(than: floor))
        #expect(Argon2Parameters(memoryKiB: 65_536, iterations: 1, parallelism: 1).isWeaker(than: floor))
        #expect(!floor.isWeaker(than: floor))
        let data = try JSONEncoder().encode(Argon2Parameters.policy)
        #expect(try JSONDecoder().decode(Argon2Parameters.self, from: data) == .policy)
    }
}
