import Foundation
import Testing

/// Issue "Prove it", item 7: the audit chain checked without Homeward (scripts/verify-audit.py,
/// Python's standard library only), and the head `db backup` writes beside a copy.
@Suite(.serialized) struct AuditScriptEndToEndTests {
    static let script = Hostile.repository.appendingPathComponent("scripts/verify-audit.py").path

    func verify(_ database: String, expect head: String? = nil) throws -> Hostile.Run {
        try Hostile.tool(["python3", Self.script, database] + (head.map { ["--expect-head", $0] } ?? []))
    }

    /// A database with some history: users, a batch, an inquiry whose names carry quotes,
    /// Cyrillic and an injection string, so the encoding is exercised beyond ASCII.
    func history() throws -> CLIHarness {
        let cli = try CLIHarness.initialised()
        try cli.ok("settings", "set", "centre.name", "Центр «Дім» 'test'")
        try cli.ok("settings", "set", "centre.phone", "+380 44 000 00 00")
        try cli.addAndLogin("olena", role: "coordinator")
        try cli.ok("batch", "add", "--date", "2025-06-14", "--kind", "remains", "--regions", "Donetsk")
        try cli.ok("inquiry", "add", "--family-name", "'; DROP TABLE inquiry;--", "--given-name", "Олексій", "--region", "UA-14",
                   "--last-seen", "2024-01", "--inquirer-name", "Марія", "--relationship", "мати", "--phone", "0671234567")
        _ = try cli.run(["user", "add", "x", "--role", "admin"])  // refused: a denied event with an unknown: mark
        try cli.ok("login", "alice", "--password-stdin", stdin: CLIHarness.adminPassword + "\n")
        return cli
    }

    /// The head as `homeward audit verify` prints it.
    func homewardHead(_ cli: CLIHarness) throws -> String {
        let line = try cli.ok("audit", "verify").stdout
        return try #require(line.split(separator: " ").last.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) })
    }

    @Test func theScriptAgreesWithHomewardOnAnIntactChain() throws {
        let cli = try history()
        let head = try homewardHead(cli)
        let intact = try verify(cli.databasePath)
        #expect(intact.status == 0, "\(intact.stdout) \(intact.stderr)")
        // `audit verify` appends its own event after computing the head it prints.
        let seq = try #require(Int(head.split(separator: ":")[0]))
        let hash = head.split(separator: ":")[1]
        #expect(intact.stdout.hasPrefix("ok \(seq + 1):"), "\(intact.stdout) vs \(head)")
        #expect(try verify(cli.databasePath, expect: head).status == 0)
        #expect(try verify(cli.databasePath, expect: "\(seq):" + String(repeating: "0", count: 64)).status == 1)
        #expect(hash.count == 64)
    }

    @Test(arguments: ["actor_name", "details", "at", "delete"])
    func theScriptNamesTheFirstTamperedEvent(_ tamper: String) throws {
        let cli = try history()
        let copy = cli.path("tampered.sqlite")
        #expect(try Hostile.tool(["sqlite3", cli.databasePath, ".backup '\(copy)'"]).status == 0)
        let edit = switch tamper {
        case "actor_name": "UPDATE audit_event SET actor_name = 'mallory' WHERE seq = 5"
        case "details": "UPDATE audit_event SET details = '{}' WHERE seq = 5"
        case "at": "UPDATE audit_event SET at = '2020-01-01T00:00:00.000Z' WHERE seq = 5"
        default: "DELETE FROM audit_event WHERE seq = 5"
        }
        // The triggers refuse the edit; someone with the file drops them first.
        let refused = try Hostile.tool(["sqlite3", copy, edit])
        #expect(refused.status != 0 && refused.stderr.contains("append-only"))
        let sql = "DROP TRIGGER audit_event_no_update; DROP TRIGGER audit_event_no_delete; " + edit
        #expect(try Hostile.tool(["sqlite3", copy, sql]).status == 0)
        let broken = try verify(copy)
        #expect(broken.status == 1, "\(broken.stdout)")
        #expect(broken.stdout.hasPrefix("broken 5:"), "\(broken.stdout)")
        #expect(try verify(cli.databasePath).status == 0, "the original is untouched")
    }

    @Test func theScriptRefusesWhatIsNotAHomewardDatabase() throws {
        let cli = try CLIHarness()
        let missing = try verify(cli.path("none.sqlite"))
        #expect(missing.status == 2 && missing.stderr.hasPrefix("error: "), "\(missing.stderr)")
        let text = try cli.write("text.sqlite", "hello\n")
        #expect(try verify(text).status == 2)
    }

    @Test func aBackupWritesItsHeadBesideIt() throws {
        let cli = try history()
        let target = cli.path("backups/copy.sqlite")
        try FileManager.default.createDirectory(atPath: cli.path("backups"), withIntermediateDirectories: false,
                                                attributes: [.posixPermissions: 0o700])
        let done = try cli.ok("db", "backup", target, "--json").stdout
        let output = try #require(try JSONSerialization.jsonObject(with: Data(done.utf8)) as? [String: Any])
        let headFile = target + ".head"
        #expect(output["head_file"] as? String == headFile)
        let head = try String(contentsOfFile: headFile, encoding: .utf8)
        #expect(head == (output["head"] as? String ?? "") + "\n")
        #expect(head.range(of: #"^[0-9]+:[0-9a-f]{64}\n$"#, options: .regularExpression) != nil, "\(head)")
        #expect(try FileManager.default.attributesOfItem(atPath: headFile)[.posixPermissions] as? Int == 0o600)
        // The head is the copy's own newest event, as both verifiers compute it.
        let script = try verify(target, expect: head.trimmingCharacters(in: .newlines))
        #expect(script.stdout == "ok " + head, "\(script.stdout) \(script.stderr)")

        // An existing head file is refused like an existing backup, and nothing is written.
        let second = cli.path("backups/second.sqlite")
        try "someone's\n".write(toFile: second + ".head", atomically: false, encoding: .utf8)
        let refused = try cli.run(["db", "backup", second])
        #expect(refused.status == 73, "\(refused.stderr)")
        #expect(refused.stderr.contains("\(second).head already exists"), "\(refused.stderr)")
        #expect(!FileManager.default.fileExists(atPath: second))
        #expect(try String(contentsOfFile: second + ".head", encoding: .utf8) == "someone's\n")
        let again = try cli.run(["db", "backup", target])
        #expect(again.status == 73)
        #expect(try String(contentsOfFile: headFile, encoding: .utf8) == head)
    }
}
