@testable import HomewardCore

/// Cheap parameters (64 KiB, 1 pass) so most tests hash in well under a millisecond.
let cheapParameters = Argon2Parameters(memoryKiB: 64, iterations: 1, parallelism: 1)

/// A hasher whose salt is always 00 01 … 0f, for known-answer tests.
func fixedSaltHasher(_ parameters: Argon2Parameters) -> PasswordHasher {
    PasswordHasher(parameters: parameters, saltGenerator: { Array(0..<16) })
}

/// A well-formed stored hash whose parameter field is replaced by `parameters`.
func storedHash(parameters: String) -> String {
    "$argon2id$v=19$\(parameters)$AAECAwQFBgcICQoLDA0ODw$ktxdZwGWI4aL3geSdeUi9LfoIT00FO2Fy8KsikERcog"
}
