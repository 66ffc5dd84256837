import Foundation
import Testing

/// Issue "Prove it", item 6: the file underneath fails. Each case gives one `error:` line that
/// names the database and how to fix it, its documented exit code, and leaves the data as it
/// was (the sqlite3 dump, or the file's bytes when SQLite cannot read it).
@Suite(.serialized) struct FailureModesEndToEndTests {
    static let examples = Hostile.repository.appendingPathComponent("examples/inquiries.csv").path

    func coordinator() throws -> CLIHarness {
        let cli = try CLIHarness.initialised()
        try cli.addAndLogin("olena", role: "coordinator")
        return cli
    }

    func expectOneLine(_ outcome: CLIHarness.Outcome, _ code: Int32, naming parts: [String],
                       sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(outcome.status == code, "exit \(outcome.status): \(outcome.stderr)", sourceLocation: sourceLocation)
        let lines = outcome.stderr.split(separator: "\n")
        #expect(lines.count == 1 && lines[0].hasPrefix("error: "), "\(outcome.stderr)", sourceLocation: sourceLocation)
        for part in parts {
            #expect(outcome.stderr.contains(part), "no \"\(part)\" in \(outcome.stderr)", sourceLocation: sourceLocation)
        }
    }

    /// A write past RLIMIT_FSIZE raised SIGXFSZ and killed homeward without a word (exit 153);
    /// now the signal is ignored and the failed write is reported.
    @Test func aFileSizeLimitIsAClearErrorAndTheImportLeavesNothing() throws {
        let cli = try coordinator()
        let before = try Hostile.fingerprint(cli.databasePath)
        // 16 KiB: enough for the session's touch, not for the import's pages in the WAL.
        let limited = try cli.run(["inquiry", "import", Self.examples], launcher: ["/bin/sh", "-c", "ulimit -f 16; exec \"$0\" \"$@\""])
        expectOneLine(limited, 74, naming: [cli.databasePath, "file-size limit", "free space"])
        #expect(limited.status != 128 + SIGXFSZ)
        #expect(before.onlyRefusalsAppended(in: try Hostile.fingerprint(cli.databasePath)))
        // Without the limit the same file imports: nothing was half-written.
        try cli.ok("inquiry", "import", Self.examples)
    }

    @Test func aBackupPastTheFileSizeLimitLeavesNoCopy() throws {
        let cli = try CLIHarness.initialised()
        let target = cli.path("copy.sqlite")
        let limited = try cli.run(["db", "backup", target], launcher: ["/bin/sh", "-c", "ulimit -f 64; exec \"$0\" \"$@\""])
        #expect(limited.status == 74, "\(limited.stderr)")
        #expect(Hostile.strayLines(limited.stderr).isEmpty && limited.stderr.contains("error: "), "\(limited.stderr)")
        #expect(!FileManager.default.fileExists(atPath: target) && !FileManager.default.fileExists(atPath: target + ".head"))
    }

    /// Root ignores file modes, so as root the database is handed to uid 65534 and homeward
    /// runs as that user through setpriv; as anyone else, chmod is enough.
    func runAsOwner(_ cli: CLIHarness, _ arguments: [String], token: String) throws -> CLIHarness.Outcome {
        guard geteuid() == 0 else { return try cli.run(arguments, extraEnvironment: ["HOMEWARD_TOKEN": token]) }
        return try cli.run(arguments, extraEnvironment: ["HOMEWARD_TOKEN": token], launcher: ["/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"])
    }

    func handOver(_ cli: CLIHarness) throws {
        guard geteuid() == 0 else { return }
        #expect(try Hostile.tool(["chown", "-R", "65534:65534", cli.folder.path]).status == 0)
    }

    @Test(arguments: ["file", "folder"])
    func aReadOnlyDatabaseSaysWhatToFix(_ what: String) throws {
        let cli = try coordinator()
        let database = cli.databasePath
        // A folder SQLite cannot write refuses only what it must create: the -wal and -shm
        // files (an existing pair is still written through). Checkpointed, they can go.
        let before = try Hostile.fingerprint(database)
        #expect(try Hostile.tool(["sqlite3", database, "PRAGMA wal_checkpoint(TRUNCATE)"]).status == 0)
        for suffix in ["-wal", "-shm"] { try? FileManager.default.removeItem(atPath: database + suffix) }
        let bytes = try Hostile.fileHash(database)
        // The token file is named by uid, so under setpriv it is passed as HOMEWARD_TOKEN.
        let tokens = cli.path("state") + "/homeward"
        let tokenFile = try #require(try FileManager.default.contentsOfDirectory(atPath: tokens).first { $0.hasSuffix(".token") })
        let token = try String(contentsOfFile: tokens + "/" + tokenFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        try handOver(cli)
        if what == "file" {
            chmod(database, 0o400)
        } else {
            chmod(cli.folder.path, 0o500)
        }
        defer { chmod(cli.folder.path, 0o700); chmod(database, 0o600) }
        let refused = try runAsOwner(cli, ["batch", "add", "--date", "2025-06-14", "--kind", "remains", "--regions", "Donetsk"],
                                     token: token)
        expectOneLine(refused, 69, naming: [database])
        #expect(refused.stderr.contains("readonly") || refused.stderr.contains("unable to open"), "\(refused.stderr)")
        #expect(try Hostile.fileHash(database) == bytes)
        chmod(cli.folder.path, 0o700)
        chmod(database, 0o600)
        #expect(try Hostile.fingerprint(database) == before)
    }

    @Test func aMissingDatabaseIsNotCreatedByAnyCommandButInit() throws {
        let cli = try CLIHarness()
        let missing = try cli.run(["inquiry", "list"])
        expectOneLine(missing, 69, naming: ["no homeward database at \(cli.databasePath)", "homeward init"])
        #expect(!FileManager.default.fileExists(atPath: cli.databasePath))
    }

    /// A copy cut short, one with its schema page overwritten, one of random bytes and a text
    /// file: each refused as damaged or not a database, its bytes untouched.
    @Test(arguments: ["truncated", "schema page overwritten", "random bytes", "text"])
    func aDamagedDatabaseIsRefusedAndLeftAsItWas(_ damage: String) throws {
        let cli = try coordinator()
        let original = try #require(FileManager.default.contents(atPath: cli.databasePath))
        let damaged: Data
        switch damage {
        case "truncated": damaged = original.prefix(3000)
        case "schema page overwritten":
            var bytes = original
            bytes.replaceSubrange(100..<4096, with: Data((100..<4096).map { UInt8(truncatingIfNeeded: $0 &* 31) }))
            damaged = bytes
        case "random bytes": damaged = Data((0..<65536).map { UInt8(truncatingIfNeeded: $0 &* 2_654_435_761 >> 7) })
        default: damaged = Data("homeward\n".utf8)
        }
        let path = cli.path("damaged.sqlite")
        #expect(FileManager.default.createFile(atPath: path, contents: damaged, attributes: [.posixPermissions: 0o600]))
        let refused = try cli.run(["inquiry", "list", "--db", path])
        expectOneLine(refused, 69, naming: [path])
        #expect(refused.stderr.contains("is damaged") || refused.stderr.contains("not a SQLite database"), "\(refused.stderr)")
        #expect(FileManager.default.contents(atPath: path) == damaged)
    }

    @Test func aDatabaseFromANewerSchemaIsRefusedUnchanged() throws {
        let cli = try coordinator()
        #expect(try Hostile.tool(["sqlite3", cli.databasePath, "INSERT INTO grdb_migrations VALUES ('0099_from_the_future')"]).status == 0)
        let before = try Hostile.fingerprint(cli.databasePath)
        let refused = try cli.run(["inquiry", "list"])
        expectOneLine(refused, 69, naming: [cli.databasePath, "newer version of homeward", "upgrade"])
        // Not byte for byte: opening it allocates and frees one page (the header's page count
        // and schema cookie change) before the newer migration is seen; the content does not.
        #expect(try Hostile.fingerprint(cli.databasePath) == before)
    }

    /// A process killed after committing, before any checkpoint, leaves its work in the -wal
    /// file: the next homeward recovers it, loses nothing and finds the chain intact.
    @Test func aWALLeftByAKilledProcessIsRecovered() throws {
        let cli = try CLIHarness.initialised()
        try cli.ok("settings", "set", "centre.name", "Before the crash")
        let script = """
            import os, sqlite3, sys
            db = sqlite3.connect(sys.argv[1], isolation_level=None)
            db.execute("PRAGMA wal_autocheckpoint = 0")
            db.execute("BEGIN IMMEDIATE")
            db.execute("UPDATE setting SET value = 'Committed, then killed' WHERE key = 'centre.name'")
            db.execute("COMMIT")
            db.execute("BEGIN IMMEDIATE")
            db.execute("UPDATE setting SET value = 'Never committed' WHERE key = 'centre.name'")
            os.kill(os.getpid(), 9)
            """
        let killed = try Hostile.tool(["python3", "-c", script, cli.databasePath])
        #expect(killed.status != 0, "the script was to kill itself: \(killed.stderr)")
        let wal = try FileManager.default.attributesOfItem(atPath: cli.databasePath + "-wal")[.size] as? Int ?? 0
        #expect(wal > 0, "the killed process left its WAL")
        let before = try Hostile.fingerprint(cli.databasePath)
        let listed = try cli.ok("settings", "list", "--json").stdout
        #expect(listed.contains("Committed, then killed") && !listed.contains("Never committed"))
        try cli.ok("audit", "verify")
        let after = try Hostile.fingerprint(cli.databasePath)
        #expect(before.data == after.data, "\(before) → \(after)")
    }
}
