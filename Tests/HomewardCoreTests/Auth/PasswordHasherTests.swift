import Foundation
import Testing
@testable import HomewardCore

@Suite("PasswordHasher")
struct PasswordHasherTests {
    @Test("a password verifies against its own hash, without rehash")
    func roundTrip() throws {
        let hasher = PasswordHasher(parameters: cheapParameters)
        let phc = try hasher.hash("correct horse battery staple")
        #expect(try hasher.verify("correct horse battery staple", against: phc) == .match(needsRehash: false))
    }

    @Test("a wrong password is a mismatch, not an error")
    func wrongPassword() throws {
        let hasher = PasswordHasher(parameters: cheapParameters)
        let phc = try hasher.hash("correct horse battery staple")
        #expect(try hasher.verify("correct horse battery stapler", against: phc) == .mismatch)
        #expect(try hasher.verify("", against: phc) == .mismatch)
    }

    @Test("new hashes use the policy parameters, a 16-byte salt and a 32-byte hash")
    func policyFormat() throws {
        let phc = try PasswordHasher().hash("correct horse battery staple")
        let shape = /^\$argon2id\$v=19\$m=(\d+),t=(\d+),p=(\d+)\$([A-Za-z0-9+\/]{22})\$([A-Za-z0-9+\/]{43})$/
        let match = try #require(phc.wholeMatch(of: shape))
        #expect(UInt32(match.output.1) == Argon2Parameters.policy.memoryKiB)
        #expect(UInt32(match.output.2) == Argon2Parameters.policy.iterations)
        #expect(UInt32(match.output.3) == Argon2Parameters.policy.parallelism)
        let parsed = try PHCString(parsing: phc)
        #expect(parsed.salt.count == 16)
        #expect(parsed.hash.count == 32)
        #expect(parsed.encoded == phc)
    }

    @Test("policy parameters are at least OWASP's floor")
    func policyAboveFloor() {
        #expect(!Argon2Parameters.policy.isWeaker(than: .floor))
        #expect(Argon2Parameters.floor == Argon2Parameters(memoryKiB: 19_456, iterations: 2, parallelism: 1))
    }

    @Test("fixed salt gives argon2-cffi's known answer")
    func knownAnswer() throws {
        let phc = try fixedSaltHasher(cheapParameters).hash("correct horse battery staple")
        #expect(phc == storedHash(parameters: "m=64,t=1,p=1"))
    }

    @Test("the live salt source gives a different salt each time")
    func saltsDiffer() throws {
        let hasher = PasswordHasher(parameters: cheapParameters)
        let first = try PHCString(parsing: hasher.hash("same password every time"))
        let second = try PHCString(parsing: hasher.hash("same password every time"))
        #expect(first.salt != second.salt)
        #expect(first.hash != second.hash)
    }

    @Test("a salt source returning the wrong length is refused")
    func badSaltSource() {
        let hasher = PasswordHasher(parameters: cheapParameters, saltGenerator: { [1, 2, 3] })
        #expect(throws: CredentialError.saltGenerationFailed(byteCount: 3, expected: 16)) {
            try hasher.hash("correct horse battery staple")
        }
    }

    @Test("a hash made with floor parameters matches but needs a rehash under policy")
    func rehashFromFloor() throws {
        let old = try PasswordHasher(parameters: .floor).hash("correct horse battery staple")
        #expect(try PasswordHasher().verify("correct horse battery staple", against: old) == .match(needsRehash: true))
        #expect(try PasswordHasher(parameters: .floor).verify("correct horse battery staple", against: old)
            == .match(needsRehash: false))
    }

    @Test("a differently shaped salt or hash needs a rehash", arguments: [
        // 8-byte salt, 32-byte hash; 16-byte salt, 16-byte hash (both made with argon2-cffi).
        "$argon2id$v=19$m=64,t=1,p=1$AAECAwQFBgc$kL6a22+4zLnpt4WPiWs/VWmzXx566p85dsoS/bQDIag",
        "$argon2id$v=19$m=64,t=1,p=1$AAECAwQFBgcICQoLDA0ODw$1kngLuPxAJ8U4YwtJr8oGg",
    ])
    func rehashForShape(phc: String) throws {
        let hasher = PasswordHasher(parameters: cheapParameters)
        #expect(try hasher.verify("correct horse battery staple", against: phc) == .match(needsRehash: true))
    }

    @Test("composed and decomposed é are the same password (NFKC)")
    func nfkcEquivalence() throws {
        let hasher = PasswordHasher(parameters: cheapParameters)
        let composed = "caf\u{E9} au lait sous la pluie"
        let decomposed = "cafe\u{301} au lait sous la pluie"
        #expect(composed.unicodeScalars.count != decomposed.unicodeScalars.count)
        let phc = try hasher.hash(composed)
        #expect(try hasher.verify(decomposed, against: phc) == .match(needsRehash: false))
        let ligature = try hasher.hash("\u{FB01}sh and chips on friday")
        #expect(try hasher.verify("fish and chips on friday", against: ligature) == .match(needsRehash: false))
    }

    @Test("a 200-code-point emoji and Cyrillic password is hashed whole")
    func longUnicodePassword() throws {
        let units = ["Слава", "🌻", "Україні", "🕊️", "Героям", "🇺🇦", "слава", " "]
        var scalars = String.UnicodeScalarView()
        var index = 0
        while scalars.count < 200 {
            scalars.append(contentsOf: units[index % units.count].unicodeScalars)
            index += 1
        }
        let trimmed = String(String.UnicodeScalarView(scalars.prefix(200)))
        try #require(trimmed.unicodeScalars.count == 200)
        try #require(trimmed.nfkcNormalized == trimmed)
        let hasher = PasswordHasher(parameters: cheapParameters)
        let phc = try hasher.hash(trimmed)
        #expect(try hasher.verify(trimmed, against: phc) == .match(needsRehash: false))
        // Only the last code point differs: a truncating hasher would call this a match.
        #expect(try hasher.verify(trimmed + "а", against: phc) == .mismatch)
        #expect(try hasher.verify(String(trimmed.dropLast()) + "ц", against: phc) == .mismatch)
    }

    @Test("a hasher configured out of bounds refuses before hashing")
    func hasherOutOfBounds() {
        let hasher = PasswordHasher(parameters: Argon2Parameters(memoryKiB: 4_194_304, iterations: 2, parallelism: 1))
        #expect(throws: CredentialError.parameterOutOfBounds(.memoryKiB, value: 4_194_304, allowed: 8...262_144)) {
            try hasher.hash("correct horse battery staple")
        }
    }
}
