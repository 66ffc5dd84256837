import Foundation
import Testing

/// The session-token store as an attacker and a careless user meet it (issue 7, items 5, 6, 11).
@Suite(.serialized) struct TokenStoreEndToEndTests {
    /// The one token file of the harness's state folder.
    static func tokenFile(_ cli: CLIHarness) throws -> String {
        let folder = cli.path("state/homeward")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".token") }
        try #require(files.count == 1, "token files: \(files)")
        return folder + "/" + files[0]
    }

    static func token(_ cli: CLIHarness) throws -> String {
        try String(contentsOfFile: try tokenFile(cli), encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Logs `name` in with a state folder of its own and returns the token, leaving the harness's file alone.
    static func tokenOnTheSide(_ cli: CLIHarness, _ name: String, password: String) throws -> String {
        let side = cli.path("side-state")
        let outcome = try cli.run(["login", name, "--password-stdin"], stdin: password + "\n",
                                  extraEnvironment: ["XDG_STATE_HOME": side])
        #expect(outcome.status == 0, "side login: \(outcome.stderr)")
        let files = try FileManager.default.contentsOfDirectory(atPath: side + "/homeward")
        let token = try String(contentsOfFile: side + "/homeward/" + (files.first ?? ""), encoding: .utf8)
        try FileManager.default.removeItem(atPath: side)
        return token.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    // MARK: 7.5 The token store trusts only what the user owns.

    @Test func anAttackersTokenSwappedIntoAnOpenFolderIsRefused() throws {
        let cli = try CLIHarness.initialised()
        try cli.ok("user", "add", "mallory", "--role", "volunteer", "--password-stdin", stdin: CLIHarness.staffPassword + "\n")
        let theirs = try Self.tokenOnTheSide(cli, "mallory", password: CLIHarness.staffPassword)
        let folder = cli.path("state/homeward")
        let file = try Self.tokenFile(cli)
        // The attack of the review: a 0777 folder and a 0666 file holding the attacker's token.
        #expect(chmod(folder, 0o777) == 0)
        try FileManager.default.removeItem(atPath: file)
        try (theirs + "\n").write(toFile: file, atomically: false, encoding: .utf8)
        #expect(chmod(file, 0o666) == 0)
        let openFolder = try cli.run(["whoami"])
        #expect(openFolder.status == 73)
        #expect(openFolder.stdout.isEmpty)
        #expect(openFolder.stderr.contains(folder) && openFolder.stderr.contains("chmod 700"), "\(openFolder.stderr)")
        #expect(!openFolder.stderr.contains("mallory"))
        // Folder repaired by hand, file still open to others.
        #expect(chmod(folder, 0o700) == 0)
        let openFile = try cli.run(["whoami"])
        #expect(openFile.status == 77)
        #expect(openFile.stdout.isEmpty)
        #expect(openFile.stderr.contains(file) && openFile.stderr.contains("0666"), "\(openFile.stderr)")
        // A link to a file elsewhere is not followed.
        let elsewhere = cli.path("elsewhere.token")
        try FileManager.default.moveItem(atPath: file, toPath: elsewhere)
        #expect(chmod(elsewhere, 0o600) == 0)
        try FileManager.default.createSymbolicLink(atPath: file, withDestinationPath: elsewhere)
        #expect(try cli.run(["whoami"]).status == 77)
        // Nothing larger than a token is read.
        try FileManager.default.removeItem(atPath: file)
        try (theirs + String(repeating: " ", count: 4096)).write(toFile: file, atomically: false, encoding: .utf8)
        #expect(chmod(file, 0o600) == 0)
        #expect(try cli.run(["whoami"]).status == 77)
    }

    @Test(.enabled(if: geteuid() == 0, "chown to another uid needs root"))
    func aTokenFileOrFolderOfAnotherUserIsRefusedEvenForRoot() throws {
        let cli = try CLIHarness.initialised()
        let file = try Self.tokenFile(cli)
        #expect(chown(file, 65534, 65534) == 0)
        let planted = try cli.run(["whoami"])
        #expect(planted.status == 77)
        #expect(planted.stderr.contains("uid 65534"), "\(planted.stderr)")
        #expect(chown(file, 0, 0) == 0)
        #expect(chown(cli.path("state/homeward"), 65534, 65534) == 0)
        #expect(try cli.run(["whoami"]).status == 73)
        #expect(try cli.run(["login", "alice", "--password-stdin"], stdin: CLIHarness.adminPassword + "\n").status == 73)
    }

    @Test func aFolderLeftReadableIsRefusedAndTheFixEndsTheExposedSession() throws {
        let cli = try CLIHarness.initialised()
        let exposed = try Self.token(cli)
        let folder = cli.path("state/homeward")
        #expect(chmod(folder, 0o755) == 0)
        let refused = try cli.run(["whoami"])
        #expect(refused.status == 73)
        #expect(refused.stderr.contains("chmod 700 '\(folder)'"), "\(refused.stderr)")
        #expect(chmod(folder, 0o700) == 0)
        try cli.ok("login", "alice", "--password-stdin", stdin: CLIHarness.adminPassword + "\n")
        #expect(try cli.run(["whoami"], extraEnvironment: ["HOMEWARD_TOKEN": exposed]).status == 77)
    }

    @Test func loginRefusesAPreMadeOpenFolderBeforeIssuingASession() throws {
        let cli = try CLIHarness()
        try cli.ok("init", "--admin", "alice", "--password-stdin", stdin: CLIHarness.adminPassword + "\n")
        let folder = cli.path("state/homeward")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        #expect(chmod(folder, 0o777) == 0)
        let login = try cli.run(["login", "alice", "--password-stdin"], stdin: CLIHarness.adminPassword + "\n")
        #expect(login.status == 73)
        #expect(login.stderr.contains(folder))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).isEmpty)
        #expect(try FileManager.default.attributesOfItem(atPath: folder)[.posixPermissions] as? Int == 0o777,
                "the folder is refused, not chmod-ed")
        try FoundationEndToEndTests.sqlite(cli.databasePath, "SELECT 1")
        let sessions = try Self.count(cli, "SELECT count(*) FROM session")
        #expect(sessions == 0, "a session was issued that could not be kept")
    }

    @Test func aStateFolderOthersCanWriteNeedsTheStickyBit() throws {
        let cli = try CLIHarness.initialised()
        let state = cli.path("state")
        #expect(chmod(state, 0o777) == 0)
        let open = try cli.run(["whoami"])
        #expect(open.status == 73)
        #expect(open.stderr.contains(state) && open.stderr.contains("sticky"), "\(open.stderr)")
        #expect(chmod(state, 0o1777) == 0)
        #expect(try cli.ok("whoami").stdout == "alice (admin)\n")
    }

    // MARK: 7.6 Logout ends the session it used.

    @Test func logoutWithTheTokenVariableEndsThatSessionAndKeepsTheStoredOne() throws {
        let cli = try CLIHarness.initialised()
        let stored = try Self.token(cli)
        let other = try Self.tokenOnTheSide(cli, "alice", password: CLIHarness.adminPassword)
        let logout = try cli.run(["logout", "--json"], extraEnvironment: ["HOMEWARD_TOKEN": other])
        #expect(logout.status == 0, "\(logout.stderr)")
        #expect(logout.stdout.contains("\"token_file\" : \"kept\"") && logout.stdout.contains("\"session\" : \"ended\""),
                "\(logout.stdout)")
        #expect(try cli.run(["whoami"], extraEnvironment: ["HOMEWARD_TOKEN": other]).status == 77)
        #expect(try Self.token(cli) == stored, "the stored token file was removed or changed")
        #expect(try cli.ok("whoami").stdout == "alice (admin)\n")
        // Logging out with the stored token itself removes the file.
        let own = try cli.run(["logout"], extraEnvironment: ["HOMEWARD_TOKEN": stored])
        #expect(own.status == 0)
        #expect(try FileManager.default.contentsOfDirectory(atPath: cli.path("state/homeward")).isEmpty)
    }

    @Test func aLoginThatReplacesTheTokenFileEndsTheSessionItReplaces() throws {
        let cli = try CLIHarness.initialised()
        let first = try Self.token(cli)
        try cli.ok("login", "alice", "--password-stdin", stdin: CLIHarness.adminPassword + "\n")
        #expect(try Self.token(cli) != first)
        let reused = try cli.run(["whoami"], extraEnvironment: ["HOMEWARD_TOKEN": first])
        #expect(reused.status == 77)
        #expect(reused.stderr.contains("session has ended"))
        #expect(try cli.ok("whoami").stdout == "alice (admin)\n")
        let log = try cli.ok("audit", "log", "--action", "auth.logout", "--json").stdout
        #expect(log.contains("replaced"))
        // The one shared file per database of earlier versions is ended and removed as well.
        let current = try Self.tokenFile(cli)
        let databaseID = try #require(URL(fileURLWithPath: current).lastPathComponent.split(separator: "-").dropFirst().first)
        let shared = cli.path("state/homeward/session-\(databaseID).token")
        let sharedToken = try Self.tokenOnTheSide(cli, "alice", password: CLIHarness.adminPassword)
        #expect(FileManager.default.createFile(atPath: shared, contents: Data(sharedToken.utf8), attributes: [.posixPermissions: 0o600]))
        try cli.ok("login", "alice", "--password-stdin", stdin: CLIHarness.adminPassword + "\n")
        #expect(!FileManager.default.fileExists(atPath: shared))
        #expect(try cli.run(["whoami"], extraEnvironment: ["HOMEWARD_TOKEN": sharedToken]).status == 77)
    }

    @Test func logoutOfASessionThatAlreadyEndedSucceedsAndRemovesTheFile() throws {
        let cli = try CLIHarness.initialised()
        let stored = try Self.token(cli)
        try cli.ok("user", "revoke-sessions", "alice")
        let logout = try cli.run(["logout"])
        #expect(logout.status == 0, "\(logout.stderr)")
        #expect(logout.stderr.contains("already ended"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: cli.path("state/homeward")).isEmpty)
        #expect(try cli.run(["whoami"], extraEnvironment: ["HOMEWARD_TOKEN": stored]).status == 77)
        #expect(try cli.run(["logout"]).status == 77, "nothing left to log out of")
    }

    // MARK: 7.11 One service account, one token per person.

    @Test func peopleSharingOneServiceAccountKeepTheirOwnSessions() throws {
        let cli = try CLIHarness.initialised()
        try cli.ok("user", "add", "bohdan", "--role", "coordinator", "--password-stdin", stdin: CLIHarness.staffPassword + "\n")
        let asOlena = ["SUDO_UID": "2001", "SUDO_USER": "olena"]
        let asBohdan = ["SUDO_UID": "2002", "SUDO_USER": "bohdan"]
        #expect(try cli.run(["whoami"], extraEnvironment: asOlena).status == 77, "olena sees the account's own session")
        #expect(try cli.run(["login", "alice", "--password-stdin"], stdin: CLIHarness.adminPassword + "\n",
                            extraEnvironment: asOlena).status == 0)
        #expect(try cli.run(["login", "bohdan", "--password-stdin"], stdin: CLIHarness.staffPassword + "\n",
                            extraEnvironment: asBohdan).status == 0)
        #expect(try cli.run(["whoami"], extraEnvironment: asOlena).stdout == "alice (admin)\n")
        #expect(try cli.run(["whoami"], extraEnvironment: asBohdan).stdout == "bohdan (coordinator)\n")
        #expect(try cli.ok("whoami").stdout == "alice (admin)\n")
        #expect(try cli.run(["logout"], extraEnvironment: asBohdan).status == 0)
        #expect(try cli.run(["whoami"], extraEnvironment: asBohdan).status == 77)
        #expect(try cli.run(["whoami"], extraEnvironment: asOlena).stdout == "alice (admin)\n")
    }

    static func count(_ cli: CLIHarness, _ sql: String) throws -> Int {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["sqlite3", cli.databasePath, sql]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return Int(text.trimmingCharacters(in: .whitespacesAndNewlines)) ?? -1
    }
}
