import Foundation
import Testing

/// Issue 6 items 4, 6, 7 and issue 7 item 8 (waiting for another writer), with the binary.
@Suite struct HardeningEndToEndTests {
    static func sqlite(_ path: String, _ input: String) throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        process.arguments = [path]
        let stdin = Pipe()
        process.standardInput = stdin
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        stdin.fileHandleForWriting.write(Data(input.utf8))
        try stdin.fileHandleForWriting.close()
        process.waitUntilExit()
        return process.terminationStatus
    }

    /// Starts a `sqlite3` process that holds the database's write lock for `seconds`, and
    /// returns once it has it (give or take the half second waited).
    static func holdWriteLock(_ path: String, seconds: Int) throws -> Process {
        let holder = Process()
        holder.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        holder.arguments = [path]
        let input = Pipe()
        holder.standardInput = input
        holder.standardOutput = FileHandle.nullDevice
        try holder.run()
        input.fileHandleForWriting.write(Data("BEGIN IMMEDIATE;\nINSERT INTO reference_counter VALUES (2999, 0);\n.shell sleep \(seconds)\nROLLBACK;\n".utf8))
        try input.fileHandleForWriting.close()
        usleep(500_000)
        return holder
    }

    @Test func aFailedBackupIsAuditedAsFailedNotOk() throws {
        let cli = try CLIHarness.initialised()
        let missing = try cli.run(["db", "backup", cli.path("no/such/folder/copy.sqlite")])
        #expect(missing.status == 73)
        let events = try cli.auditEvents(action: "db.backup")
        #expect(events.count == 1)
        #expect(events.first?["outcome"] as? String == "failed")
        #expect(SecurityEndToEndTests.detail(events.first ?? [:], "reason") == "cannot_create_output")
        try cli.ok("db", "backup", cli.path("copy.sqlite"))
        let after = try cli.auditEvents(action: "db.backup")
        #expect(after.map { $0["outcome"] as? String } == ["failed", "ok"])
    }

    @Test func initRefusesAnUnrelatedSQLiteFileAndLeavesItAlone() throws {
        let cli = try CLIHarness()
        let path = cli.databasePath
        #expect(try Self.sqlite(path, "CREATE TABLE recipes (name TEXT); INSERT INTO recipes VALUES ('borscht');\n") == 0)
        chmod(path, 0o644)
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        let outcome = try cli.run(["init", "--admin", "alice", "--password-stdin"], stdin: CLIHarness.adminPassword + "\n")
        #expect(outcome.status == 73)
        #expect(outcome.stderr.contains("did not create"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
        // Nor does any other command migrate into it.
        let list = try cli.run(["inquiry", "list"])
        #expect(list.status == 69)
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
    }

    @Test func aLooseDatabaseFileIsTightenedAndReported() throws {
        let cli = try CLIHarness.initialised()
        chmod(cli.databasePath, 0o644)
        let check = try cli.ok("db", "check")
        #expect(check.stdout.contains("644, tightened to 600"))
        let attributes = try FileManager.default.attributesOfItem(atPath: cli.databasePath)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
    }

    @Test func dbCheckNamesADroppedTriggerAndAForeignTable() throws {
        let cli = try CLIHarness.initialised()
        try cli.ok("db", "check")
        #expect(try Self.sqlite(cli.databasePath, "DROP TRIGGER audit_event_no_update; CREATE TABLE scratch (x);\n") == 0)
        let check = try cli.run(["db", "check"])
        #expect(check.status == 65)
        #expect(check.stdout.contains("trigger audit_event_no_update is missing"))
        #expect(check.stdout.contains("table scratch was not created by homeward"))
    }

    @Test func commandsWaitForAnotherWriterAndSaySo() throws {
        let cli = try CLIHarness.initialised()
        // Another process holds the write lock for three seconds (longer than the notice delay).
        let holder = try Self.holdWriteLock(cli.databasePath, seconds: 3)
        let started = Date()
        let verify = try cli.run(["audit", "verify"])
        holder.waitUntilExit()
        #expect(verify.status == 0, "\(verify.stderr)")
        #expect(verify.stderr.contains("waiting for another writer"))
        #expect(Date().timeIntervalSince(started) >= 2)
    }

    @Test func theWaitLimitEndsInBusyWithExit69() throws {
        let cli = try CLIHarness.initialised()
        let holder = try Self.holdWriteLock(cli.databasePath, seconds: 3)
        let outcome = try cli.run(["audit", "verify"], extraEnvironment: ["HOMEWARD_BUSY_TIMEOUT": "1"])
        holder.waitUntilExit()
        #expect(outcome.status == 69)
        #expect(outcome.stderr.contains("busy"))
    }
}

/// Findings of the second new-user trial, with the binary.
@Suite struct SecondTrialEndToEndTests {
    @Test func aNoteCannotForgeAContactEntry() throws {
        let cli = try CLIHarness.initialised()
        try cli.addAndLogin("olena", role: "coordinator")
        let reference = try cli.ok("inquiry", "add", "--family-name", "Шевченко", "--given-name", "Олексій", "--region", "UA-14",
                                   "--last-seen", "2023-05-20", "--inquirer-name", "Шевченко Марія", "--relationship", "мати",
                                   "--phone", "0501234567").stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let forged = "2026-12-01 09:00  visit, reached  (someone): family confirmed identification"
        try cli.ok("inquiry", "contact", reference, "--channel", "letter", "--note", "sent letter\n" + forged)
        let shown = try cli.ok("inquiry", "show", reference).stdout
        let entry = try #require(shown.split(separator: "\n").first { $0.contains("letter") })
        let fake = try #require(shown.split(separator: "\n").first { $0.contains("family confirmed") })
        let indent = { (line: Substring) in line.prefix { $0 == " " }.count }
        #expect(indent(fake) > indent(entry), "a note's second line starts where entries start:\n\(shown)")
    }

    @Test func aMalformedReferenceIsAUsageErrorAndAMistypedOneBadData() throws {
        let cli = try CLIHarness.initialised()
        try cli.addAndLogin("olena", role: "coordinator")
        #expect(try cli.run(["inquiry", "show", "garbage"]).status == 64)
        #expect(try cli.run(["inquiry", "show", "HW-2025-000001-A"]).status == 65)
    }

    @Test func aFolderGivenAsTheFormIsAMissingInputFile() throws {
        let cli = try CLIHarness.initialised()
        try cli.addAndLogin("olena", role: "coordinator")
        let outcome = try cli.run(["inquiry", "add", "--form", cli.folder.path])
        #expect(outcome.status == 66)
        #expect(outcome.stderr.contains("is a folder"))
    }

    @Test func anUnreadableWaitLimitIsSaidNotIgnored() throws {
        let cli = try CLIHarness.initialised()
        let outcome = try cli.run(["whoami"], extraEnvironment: ["HOMEWARD_BUSY_TIMEOUT": "abc"])
        #expect(outcome.status == 0)
        #expect(outcome.stderr.contains("HOMEWARD_BUSY_TIMEOUT is not a number"))
    }

    @Test func emptySearchesAndEmptyDatabasePathsAreUsageErrors() throws {
        let cli = try CLIHarness.initialised()
        #expect(try cli.run(["search", ""]).status == 64)
        #expect(try cli.run(["search", "  "]).status == 64)
        let noPath = try cli.run(["whoami", "--db", ""])
        #expect(noPath.status == 64)
        #expect(noPath.stderr.contains("--db"))
    }
}
