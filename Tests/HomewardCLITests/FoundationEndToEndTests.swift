import Foundation
import Testing

@Suite(.serialized) struct FoundationEndToEndTests {
    @Test func initCreatesAPrivateDatabaseAndLoginKeepsAPrivateToken() throws {
        let cli = try CLIHarness.initialised()
        let attributes = try FileManager.default.attributesOfItem(atPath: cli.databasePath)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
        let stateFolder = cli.path("state/homeward")
        let tokens = try FileManager.default.contentsOfDirectory(atPath: stateFolder)
        #expect(tokens.count == 1)
        let folderMode = try FileManager.default.attributesOfItem(atPath: stateFolder)[.posixPermissions] as? Int
        #expect(folderMode == 0o700)
        let tokenMode = try FileManager.default.attributesOfItem(atPath: stateFolder + "/" + tokens[0])[.posixPermissions] as? Int
        #expect(tokenMode == 0o600)
        #expect(try cli.ok("whoami").stdout == "alice (admin)\n")
        // The raw token never reaches the database file.
        let token = try String(contentsOfFile: stateFolder + "/" + tokens[0], encoding: .utf8)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        for suffix in ["", "-wal"] {
            if let bytes = FileManager.default.contents(atPath: cli.databasePath + suffix) {
                #expect(bytes.range(of: Data(token.utf8)) == nil)
            }
        }
    }

    @Test func volunteerCallingUserAddGetsExit77AndAnAuditEventAndNothingChanges() throws {
        let cli = try CLIHarness.initialised()
        try cli.addAndLogin("vera", role: "volunteer")
        let denied = try cli.run(["user", "add", "bob", "--role", "admin", "--password-stdin"], stdin: CLIHarness.staffPassword + "\n")
        #expect(denied.status == 77)
        #expect(denied.stderr.hasPrefix("error: permission denied"))
        #expect(denied.stderr.split(separator: "\n").count == 1)
        try cli.ok("login", "alice", "--password-stdin", stdin: CLIHarness.adminPassword + "\n")
        let users = try cli.ok("user", "list", "--json").stdout
        #expect(!users.contains("\"bob\""))
        let log = try cli.ok("audit", "log", "--action", "user.add", "--json").stdout
        #expect(log.contains("\"outcome\" : \"denied\""))
        #expect(log.contains("\"actor\" : \"vera\""))
    }

    @Test func tamperingWithOneAuditRowIsNamedByVerify() throws {
        let cli = try CLIHarness.initialised()
        try cli.ok("user", "add", "carol", "--role", "coordinator", "--password-stdin", stdin: CLIHarness.staffPassword + "\n")
        try cli.ok("user", "role", "carol", "auditor")
        #expect(try cli.ok("audit", "verify").stdout.hasPrefix("audit trail intact"))
        let sql = "DROP TRIGGER audit_event_no_update; UPDATE audit_event SET details = '{\"role\":\"admin\"}' WHERE seq = 3;"
        try Self.sqlite(cli.databasePath, sql)
        let broken = try cli.run(["audit", "verify"])
        #expect(broken.status == 65)
        #expect(broken.stderr.contains("broken at event 3"))
    }

    @Test func wrongPasswordIsExit77AndLocksAfterFive() throws {
        let cli = try CLIHarness.initialised()
        for _ in 1...5 {
            #expect(try cli.run(["login", "alice", "--password-stdin"], stdin: "not the right password at all\n").status == 77)
        }
        let locked = try cli.run(["login", "alice", "--password-stdin"], stdin: CLIHarness.adminPassword + "\n")
        #expect(locked.status == 77)
        #expect(locked.stderr.contains("locked"))
    }

    @Test func tokenEnvironmentOverridesAndIsBoundToItsDatabase() throws {
        let one = try CLIHarness.initialised()
        let two = try CLIHarness.initialised()
        let stateFolder = one.path("state/homeward")
        let file = try #require(try FileManager.default.contentsOfDirectory(atPath: stateFolder).first)
        let token = try String(contentsOfFile: stateFolder + "/" + file, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        let foreign = try two.run(["whoami"], extraEnvironment: ["HOMEWARD_TOKEN": token])
        #expect(foreign.status == 77)
        #expect(foreign.stderr.contains("another database"))
        try one.ok("logout")
        #expect(try one.run(["whoami"]).status == 77)
    }

    @Test func exitCodesForUsageMissingDatabaseAndBackupTarget() throws {
        let cli = try CLIHarness()
        #expect(try cli.run(["frobnicate"]).status == 64)
        #expect(try cli.run(["whoami"]).status == 69)
        #expect(try cli.run(["login", "x"]).status == 69)
        let ready = try CLIHarness.initialised()
        try ready.ok("db", "check")
        let target = ready.path("backup.sqlite")
        try ready.ok("db", "backup", target)
        #expect(try ready.run(["db", "backup", target]).status == 73)
        let mode = try FileManager.default.attributesOfItem(atPath: target)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        #expect(try ready.ok("--version").stdout.hasPrefix("homeward "))
    }

    @Test func weakPasswordsAreRefusedWithExit65() throws {
        let cli = try CLIHarness()
        let short = try cli.run(["init", "--admin", "alice", "--password-stdin"], stdin: "tooshort\n")
        #expect(short.status == 65)
        #expect(!short.stderr.contains("tooshort"))
        #expect(!FileManager.default.fileExists(atPath: cli.databasePath), "a refused init leaves no file")
    }

    /// Runs SQL with the sqlite3 shell, as an attacker with file access would.
    static func sqlite(_ path: String, _ sql: String) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["sqlite3", path, sql]
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "sqlite3 failed")
    }
}

@Suite struct HelpEndToEndTests {
    @Test(arguments: [["--help"], ["help"], ["help", "inquiry", "import"], ["inquiry", "--help"], []])
    func helpIsPrintedWithExitZero(_ arguments: [String]) throws {
        let outcome = try CLIHarness().run(arguments)
        #expect(outcome.status == 0)
        #expect(outcome.stdout.contains("USAGE"))
        #expect(outcome.stderr.isEmpty)
    }

    @Test func exitCodesAreDocumentedInHelp() throws {
        let help = try CLIHarness().run(["--help"]).stdout
        for code in ["64", "65", "66", "69", "73", "74", "77"] { #expect(help.contains("  \(code)  ")) }
    }
}
