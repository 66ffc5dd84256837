import Foundation
import Testing

/// Databases and backups only in folders no one else can write (issue 7, item 9).
@Suite(.serialized) struct FileSafetyEndToEndTests {
    static func folder(_ cli: CLIHarness, _ name: String, mode: mode_t) throws -> String {
        let path = cli.path(name)
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        #expect(chmod(path, mode) == 0)
        return path
    }

    @Test(arguments: [0o777, 0o1777, 0o775] as [mode_t])
    func initRefusesAFolderOthersCanWrite(_ mode: mode_t) throws {
        let cli = try CLIHarness()
        let open = try Self.folder(cli, "open", mode: mode)
        let outcome = try cli.run(["init", "--admin", "alice", "--password-stdin", "--db", open + "/homeward.sqlite"],
                                  stdin: CLIHarness.adminPassword + "\n")
        #expect(outcome.status == 73)
        #expect(outcome.stderr.hasPrefix("error: refusing folder \(open): other users can write to it"), "\(outcome.stderr)")
        #expect(outcome.stderr.split(separator: "\n").count == 1)
        #expect(try FileManager.default.contentsOfDirectory(atPath: open).isEmpty)
    }

    @Test func anExistingDatabaseWhoseFolderBecameWritableIsRefused() throws {
        let cli = try CLIHarness.initialised()
        #expect(chmod(cli.folder.path, 0o777) == 0)
        let outcome = try cli.run(["whoami"])
        #expect(outcome.status == 73)
        #expect(outcome.stderr.contains("chmod go-w"), "\(outcome.stderr)")
        #expect(chmod(cli.folder.path, 0o700) == 0)
        try cli.ok("whoami")
    }

    @Test(arguments: [0o777, 0o1777] as [mode_t])
    func backupRefusesAFolderOthersCanWrite(_ mode: mode_t) throws {
        let cli = try CLIHarness.initialised()
        let open = try Self.folder(cli, "open", mode: mode)
        let outcome = try cli.run(["db", "backup", open + "/backup.sqlite"])
        #expect(outcome.status == 73)
        #expect(outcome.stderr.contains("refusing folder \(open)"), "\(outcome.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: open).isEmpty)
        let safe = try Self.folder(cli, "safe", mode: 0o700)
        try cli.ok("db", "backup", safe + "/backup.sqlite")
        #expect(try FileManager.default.attributesOfItem(atPath: safe + "/backup.sqlite")[.posixPermissions] as? Int == 0o600)
    }

    @Test func backupNeverFollowsALinkPlantedAtTheTarget() throws {
        let cli = try CLIHarness.initialised()
        let victim = cli.path("victim.sqlite")
        try FileManager.default.createSymbolicLink(atPath: cli.path("backup.sqlite"), withDestinationPath: victim)
        #expect(try cli.run(["db", "backup", cli.path("backup.sqlite")]).status == 73)
        #expect(!FileManager.default.fileExists(atPath: victim))
    }

    @Test(.enabled(if: geteuid() == 0, "chown to another uid needs root"))
    func aDatabaseFolderOfAnotherUserIsRefusedEvenForRoot() throws {
        let cli = try CLIHarness()
        let theirs = try Self.folder(cli, "theirs", mode: 0o700)
        #expect(chown(theirs, 65534, 65534) == 0)
        let outcome = try cli.run(["init", "--admin", "alice", "--password-stdin", "--db", theirs + "/homeward.sqlite"],
                                  stdin: CLIHarness.adminPassword + "\n")
        #expect(outcome.status == 73)
        #expect(outcome.stderr.contains("uid 65534"), "\(outcome.stderr)")
    }
}
