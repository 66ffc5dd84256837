import Foundation
import Testing

extension CLIHarness {
    /// Starts every command at once (each its own `homeward` process, stdin given and
    /// closed), then waits for all; outcomes in the order given.
    func runSimultaneously(_ commands: [(arguments: [String], stdin: String)]) throws -> [Outcome] {
        var running = [(Process, Pipe, Pipe)]()
        for command in commands {
            let process = Process()
            process.executableURL = Self.binary
            process.arguments = command.arguments
            process.currentDirectoryURL = folder
            process.environment = environment
            let input = Pipe(), output = Pipe(), errors = Pipe()
            process.standardInput = input
            process.standardOutput = output
            process.standardError = errors
            try process.run()
            input.fileHandleForWriting.write(Data(command.stdin.utf8))
            try input.fileHandleForWriting.close()
            running.append((process, output, errors))
        }
        return running.map { process, output, errors in
            let out = output.fileHandleForReading.readDataToEndOfFile()
            let err = errors.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            return Outcome(status: process.terminationStatus, stdout: String(decoding: out, as: UTF8.self),
                           stderr: String(decoding: err, as: UTF8.self))
        }
    }

    /// The audit events of `action` as JSON objects, oldest first (as the logged-in admin).
    func auditEvents(action: String) throws -> [[String: Any]] {
        let outcome = try ok("audit", "log", "--action", action, "--json")
        let parsed = try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8))
        return parsed as? [[String: Any]] ?? []
    }
}

/// Issue 7: the lockout under real parallel processes, identity by id, what the trail keeps.
@Suite struct SecurityEndToEndTests {
    static let wrong = "this is not the password at all"

    /// Detail `key` of an audit event as text, whether stored as a string or a number.
    static func detail(_ event: [String: Any], _ key: String) -> String? {
        guard let details = event["details"] as? [String: Any], let value = details[key] else { return nil }
        return "\(value)"
    }

    @Test func thirtySimultaneousWrongLoginsVerifyAtMostTheThreshold() throws {
        let cli = try CLIHarness.initialised()
        try cli.ok("user", "add", "bob", "--role", "coordinator", "--password-stdin", stdin: CLIHarness.staffPassword + "\n")
        let outcomes = try cli.runSimultaneously(Array(repeating: (["login", "bob", "--password-stdin", "--quiet"], Self.wrong + "\n"), count: 30))
        #expect(outcomes.allSatisfy { $0.status == 77 }, "\(outcomes.map(\.status))")
        let failures = try cli.auditEvents(action: "auth.login").filter { $0["entity_id"] as? String == "bob" }
        let verified = failures.filter { Self.detail($0, "reason") == "wrong password" }
        #expect(failures.count == 30)
        #expect(verified.count <= 5, "argon2 ran for \(verified.count) of 30 simultaneous wrong logins; the limit is 5")
        // The account is locked now: even the right password is refused.
        let right = try cli.run(["login", "bob", "--password-stdin"], stdin: CLIHarness.staffPassword + "\n")
        #expect(right.status == 77)
        #expect(right.stderr.contains("locked"))
    }

    @Test func aCorrectLoginRacingWrongOnesNeverSucceedsAfterTheLock() throws {
        let cli = try CLIHarness.initialised()
        try cli.ok("user", "add", "bob", "--role", "coordinator", "--password-stdin", stdin: CLIHarness.staffPassword + "\n")
        var commands = Array(repeating: (["login", "bob", "--password-stdin", "--quiet"], Self.wrong + "\n"), count: 39)
        commands.insert((["login", "bob", "--password-stdin", "--quiet"], CLIHarness.staffPassword + "\n"), at: 20)
        _ = try cli.runSimultaneously(commands)
        try cli.ok("login", "alice", "--password-stdin", stdin: CLIHarness.adminPassword + "\n")
        let events = try cli.auditEvents(action: "auth.login").filter { $0["entity_id"] as? String == "bob" }
        let firstLock = events.firstIndex { Self.detail($0, "locked_until") != nil }
        let success = events.firstIndex { $0["outcome"] as? String == "ok" }
        #expect(firstLock != nil, "39 wrong logins must lock the account")
        if let success, let firstLock {
            #expect(success < firstLock, "a correct login succeeded after the account was locked")
        }
        // Whatever the race, the lock stands at the end.
        let users = try cli.ok("user", "list", "--json")
        let list = try JSONSerialization.jsonObject(with: Data(users.stdout.utf8)) as? [[String: Any]] ?? []
        let bob = list.first { $0["name"] as? String == "bob" }
        #expect(bob?["locked_until"] is String, "the lock was cleared by a racing login")
    }

    @Test func aPasswordTypedAsTheUserNameNeverReachesTheTrail() throws {
        let cli = try CLIHarness.initialised()
        let secret = "Tr0ub4dor&3-horse-staple"
        _ = try cli.run(["login", secret, "--password-stdin"], stdin: "whatever\n")
        _ = try cli.run(["login", secret, "--password-stdin"], stdin: "whatever\n")
        let log = try cli.ok("audit", "log", "--json")
        #expect(!log.stdout.contains(secret))
        #expect(!log.stdout.contains("Tr0ub4dor"))
        let marks = try cli.auditEvents(action: "auth.login").compactMap { $0["entity_id"] as? String }.filter { $0.hasPrefix("unknown:") }
        #expect(marks.count == 2)
        #expect(Set(marks).count == 1, "the same typed name gives the same mark, so guesses can be counted")
        let bytes = try Data(contentsOf: URL(fileURLWithPath: cli.databasePath))
        #expect(bytes.range(of: Data(secret.utf8)) == nil)
    }

    @Test func refusedRequestsStoreBoundedCleanText() throws {
        let cli = try CLIHarness.initialised()
        try cli.addAndLogin("vera", role: "volunteer")
        let huge = String(repeating: "A", count: 120_000) + "\u{1B}[31m"
        _ = try cli.run(["inquiry", "show", huge])
        _ = try cli.run(["user", "add", huge, "--role", "admin", "--password-stdin"], stdin: CLIHarness.staffPassword + "\n")
        try cli.ok("login", "alice", "--password-stdin", stdin: CLIHarness.adminPassword + "\n")
        let log = try cli.ok("audit", "log", "--json")
        #expect(log.stdout.count < 20_000, "audit output is \(log.stdout.count) characters")
        #expect(!log.stdout.contains("\u{1B}"))
        #expect(!log.stdout.contains("\\u001b"))
        try cli.ok("audit", "verify")
    }

    @Test func aVolunteerCannotChangeAnAdminsPasswordByNameFolding() throws {
        let cli = try CLIHarness.initialised()
        try cli.addAndLogin("vera", role: "volunteer")
        // "ALICE" names alice's account; for a volunteer it is someone else's, whatever the case.
        let changed = try cli.run(["user", "passwd", "ALICE", "--password-stdin"],
                                  stdin: CLIHarness.staffPassword + "\n" + "a brand new passphrase here\n" + "a brand new passphrase here\n")
        #expect(changed.status == 77)
        let login = try cli.run(["login", "alice", "--password-stdin"], stdin: CLIHarness.adminPassword + "\n")
        #expect(login.status == 0)
    }

    @Test func wrongCurrentPasswordsCountTowardsTheLockAndEndTheSession() throws {
        let cli = try CLIHarness.initialised()
        try cli.addAndLogin("bob", role: "coordinator")
        var statuses = [Int32]()
        for _ in 0..<8 {
            let outcome = try cli.run(["user", "passwd", "--password-stdin"],
                                      stdin: Self.wrong + "\n" + "a brand new passphrase here\n")
            statuses.append(outcome.status)
        }
        #expect(statuses.allSatisfy { $0 == 77 })
        // After the lock the session is gone: the stolen token cannot keep guessing.
        let whoami = try cli.run(["whoami"])
        #expect(whoami.status == 77)
        let login = try cli.run(["login", "bob", "--password-stdin"], stdin: CLIHarness.staffPassword + "\n")
        #expect(login.status == 77)
        #expect(login.stderr.contains("locked"))
    }

    @Test func auditActionGroupsMatchLiterally() throws {
        let cli = try CLIHarness.initialised()
        let everything = try cli.ok("audit", "log", "--action", "%.", "--json")
        let events = try JSONSerialization.jsonObject(with: Data(everything.stdout.utf8)) as? [[String: Any]] ?? []
        #expect(events.isEmpty, "'%.' matched \(events.count) events")
        let users = try cli.auditEvents(action: "auth.")
        #expect(!users.isEmpty)
    }

    @Test func userNamesAreLowerCaseASCIIAndCannotImpersonate() throws {
        let cli = try CLIHarness.initialised()
        let lookalike = try cli.run(["user", "add", "al\u{0456}ce", "--role", "admin", "--password-stdin"],
                                    stdin: CLIHarness.staffPassword + "\n")
        #expect(lookalike.status == 65)
        #expect(lookalike.stderr.contains("a-z"))
        let upper = try cli.run(["user", "add", "Olena", "--role", "coordinator", "--password-stdin"], stdin: CLIHarness.staffPassword + "\n")
        #expect(upper.status == 65)
        try cli.ok("user", "add", "olena", "--role", "coordinator", "--password-stdin", stdin: CLIHarness.staffPassword + "\n")
        let list = try cli.ok("user", "list", "--json")
        #expect(!list.stdout.contains("al\u{0456}ce"))
    }
}
