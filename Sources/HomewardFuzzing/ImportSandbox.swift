import Foundation
import HomewardCore

/// An in-memory database with a coordinator and one batch, made once per process, for
/// running imports as dry runs: a dry run writes nothing, so every input meets the same
/// database.
struct ImportSandbox: Sendable {
    let homeward: Homeward
    let coordinator: Actor
    /// A remains batch whose received count (3) a manifest of more rows raises.
    let batchCode: String

    /// A fixed day (2026-05-28), so that "in the future" means the same for every run.
    static let now = Date(timeIntervalSince1970: 1_779_926_400)

    static let shared = Result<ImportSandbox, any Error> { try ImportSandbox() }

    /// The shared sandbox; a sandbox that cannot be made is reported as a violation.
    static func get() throws(PropertyViolation) -> ImportSandbox {
        switch shared {
        case let .success(sandbox): return sandbox
        case let .failure(error): throw PropertyViolation(property: "the import sandbox opens", detail: "\(error)")
        }
    }

    private init() throws {
        let environment = HomewardEnvironment(now: { Self.now }, hasher: PasswordHasher(parameters: .floor))
        homeward = try Homeward.inMemory(environment: environment)
        let password = "correct horse battery staple"
        try homeward.initialise(adminName: "alice", password: password)
        let admin = try homeward.login(name: "alice", password: password).actor
        try homeward.addUser(admin, name: "olena", role: .coordinator, password: "purple elephants dance at noon")
        coordinator = try homeward.login(name: "olena", password: "purple elephants dance at noon").actor
        batchCode = try homeward.addBatch(coordinator, BatchForm(date: "2026-05-01", kind: "remains", received: 3,
                                                                 regions: ["UA-14"])).code
    }
}
