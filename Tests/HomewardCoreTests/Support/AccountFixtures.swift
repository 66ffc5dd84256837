import Foundation
@testable import HomewardCore

/// A strong passphrase that passes the password policy.
let adminPassword = "correct horse battery staple"
let otherPassword = "purple elephants dance at noon"

/// The test environment: a hand-moved clock and argon2 at the policy floor (still real argon2id).
func testEnvironment(clock: TestClock = TestClock()) -> HomewardEnvironment {
    HomewardEnvironment(now: { clock.now }, hasher: PasswordHasher(parameters: .floor))
}

/// A fresh in-memory database with an admin "alice", logged in.
func makeHomeward(clock: TestClock = TestClock()) throws -> (Homeward, Actor) {
    let homeward = try Homeward.inMemory(environment: testEnvironment(clock: clock))
    try homeward.initialise(adminName: "alice", password: adminPassword)
    let session = try homeward.login(name: "alice", password: adminPassword)
    return (homeward, session.actor)
}

/// Adds a user with `role` and logs them in.
func addAndLogin(_ homeward: Homeward, admin: Actor, name: String, role: Role) throws -> IssuedSession {
    try homeward.addUser(admin, name: name, role: role, password: otherPassword)
    return try homeward.login(name: name, password: otherPassword)
}

/// A temporary folder removed when the test's scope ends.
final class TemporaryFolder {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("homeward-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
    }

    func path(_ name: String) -> String { url.appendingPathComponent(name).path }

    deinit { try? FileManager.default.removeItem(at: url) }
}
