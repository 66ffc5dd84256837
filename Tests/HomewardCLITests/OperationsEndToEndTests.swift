import Foundation
import Testing

/// Undo and correct, the contact log, dry-run adds and record search, run as a coordinator,
/// a volunteer and a careless user would.
@Suite(.serialized) struct OperationsEndToEndTests {
    static let manifest = """
        tag,kind,name,service_number,sex,age_min,age_max,recovery_region,recovery_place,recovery_date,effects,notes
        R-1,remains,Ткаченко Дмитро,ЗСУ-5520981,male,25,35,Donetsk,near Bakhmut,2025-05-02,"cross, watch",
        R-2,remains,,,,30,45,UA-14,,,,

        """

    /// A database with a coordinator "olena" logged in, a volunteer "vera", an inquiry and a
    /// remains batch with a two-record manifest.
    func prepared() throws -> (cli: CLIHarness, reference: String, code: String) {
        let cli = try CLIHarness.initialised()
        try cli.ok("user", "add", "vera", "--role", "volunteer", "--password-stdin", stdin: CLIHarness.staffPassword + "\n")
        try cli.addAndLogin("olena", role: "coordinator")
        let reference = try cli.ok(
            "inquiry", "add", "--family-name", "Коваленко", "--given-name", "Андрій", "--region", "UA-23", "--last-seen", "2023-08",
            "--inquirer-name", "Коваленко Ірина", "--relationship", "дружина", "--phone", "0671234567").stdout
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let code = try cli.ok("batch", "add", "--date", "2025-06-14", "--kind", "remains", "--received", "2",
                              "--regions", "Donetsk,Luhansk").stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        try cli.ok("batch", "import-manifest", code, try cli.write("manifest.csv", Self.manifest))
        return (cli, reference, code)
    }

    func json(_ text: String) throws -> Any {
        try JSONSerialization.jsonObject(with: Data(text.utf8))
    }

    /// What sqlite3 prints for a query, to check stored state from outside.
    func sqlite(_ cli: CLIHarness, _ sql: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["sqlite3", cli.databasePath, sql]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    func everyCount(_ cli: CLIHarness) throws -> String {
        try sqlite(cli, """
            SELECT (SELECT count(*) FROM inquiry), (SELECT count(*) FROM inquiry_contact), (SELECT count(*) FROM batch_change),
                   (SELECT count(*) FROM returned_record_change), (SELECT count(*) FROM batch_assignment),
                   (SELECT count(*) FROM audit_event WHERE outcome = 'ok'), (SELECT group_concat(status) FROM inquiry),
                   (SELECT group_concat(coalesce(voided_at, '-')) FROM returned_record), (SELECT received_count FROM batch)
            """)
    }

    @Test func emptyNamesAreUsageErrorsNotAFolderOrEveryone() throws {
        let cli = try CLIHarness.initialised()
        for arguments in [["db", "backup", ""], ["audit", "log", "--actor", ""], ["audit", "log", "--action", " "]] {
            let refused = try cli.run(arguments)
            #expect(refused.status == 64 && refused.stderr.contains("give"), "\(arguments): \(refused.stderr)")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: cli.folder.path).allSatisfy { !$0.hasSuffix(".head") })
    }

    @Test func reopenUndoesCloseAndWithdrawButNotMergeAndTheReasonFlagHasAnAlias() throws {
        let (cli, reference, code) = try prepared()
        let open = try cli.run(["inquiry", "reopen", reference, "--reason", "why"])
        #expect(open.status == 65)
        #expect(open.stderr.contains("is open, not closed"))
        try cli.ok("inquiry", "close", reference, "--note", "found")
        try cli.ok("inquiry", "reopen", reference.lowercased(), "--reason", "closed by mistake")
        try cli.ok("inquiry", "withdraw", reference, "--reason", "family withdrew")
        let reopened = try cli.ok("inquiry", "reopen", reference, "--note", "family asked again", "--json")
        #expect((try json(reopened.stdout) as? [String: String])?["status"] == "open")
        let shown = try #require(try json(try cli.ok("inquiry", "show", reference, "--json").stdout) as? [String: Any])
        #expect(shown["status"] as? String == "open" && shown["status_reason"] as? String == "family asked again")
        try cli.ok("batch", "status", code, "postponed", "--reason", "moved by a week")
        try cli.ok("batch", "status", code, "announced", "--note", "back on")

        let other = try cli.ok(
            "inquiry", "add", "--family-name", "Коваленко", "--given-name", "Андрій", "--region", "UA-23", "--last-seen", "2023-08",
            "--inquirer-name", "Коваленко Олег", "--relationship", "брат", "--phone", "0671234568").stdout
            .trimmingCharacters(in: .whitespacesAndNewlines)
        try cli.ok("inquiry", "merge", other, reference)
        let before = try everyCount(cli)
        let merged = try cli.run(["inquiry", "reopen", other, "--reason", "undo"])
        #expect(merged.status == 65)
        #expect(merged.stderr.contains("homeward inquiry unmerge \(other)"))
        #expect(try everyCount(cli) == before)
    }

    @Test func theContactLogIsForCoordinatorsAndTheTrailNeverHoldsTheNote() throws {
        let (cli, reference, _) = try prepared()
        try cli.ok("inquiry", "contact", reference, "--channel", "phone", "--note", "Ірина: no news, call back Friday",
                   "--outcome", "no_answer")
        try cli.ok("inquiry", "contact", reference, "--channel", "letter", "--note", "sent the consent form")
        let text = try cli.ok("inquiry", "show", reference).stdout
        #expect(text.contains("2 logged"))
        #expect(text.contains("phone, no answer  (olena): Ірина: no news"))
        let shown = try #require(try json(try cli.ok("inquiry", "show", reference, "--json").stdout) as? [String: Any])
        let contacts = try #require(shown["contacts"] as? [[String: Any]])
        #expect(contacts.map { $0["channel"] as? String } == ["letter", "phone"])
        #expect(contacts.last?["outcome"] as? String == "no_answer" && contacts.last?["by"] as? String == "olena")

        let before = try everyCount(cli)
        #expect(try cli.run(["inquiry", "contact", reference, "--channel", "fax", "--note", "x"]).status == 64)
        let empty = try cli.run(["inquiry", "contact", reference, "--channel", "email", "--note", " "])
        #expect(empty.status == 65 && empty.stderr.contains("note: required"))
        #expect(try everyCount(cli) == before)

        try cli.ok("login", "vera", "--password-stdin", stdin: CLIHarness.staffPassword + "\n")
        #expect(try cli.run(["inquiry", "contact", reference, "--channel", "phone", "--note", "x"]).status == 77)
        try cli.ok("login", "alice", "--password-stdin", stdin: CLIHarness.adminPassword + "\n")
        #expect(try cli.run(["inquiry", "contact", reference, "--channel", "phone", "--note", "x"]).status == 77)
        let asAdmin = try cli.ok("inquiry", "show", reference, "--json").stdout
        // Admins see no contact log: the field is null, the note nowhere.
        let adminView = try #require(try json(asAdmin) as? [String: Any])
        #expect(adminView["contacts"] is NSNull && !asAdmin.contains("no news"))
        let trail = try cli.ok("audit", "log", "--json").stdout
        #expect(trail.contains("inquiry.contact") && trail.contains("no_answer"))
        #expect(!trail.contains("no news") && !trail.contains("consent form"))
    }

    @Test func addDryRunShowsTheInquiryAndWritesNothing() throws {
        let (cli, _, _) = try prepared()
        let before = try everyCount(cli)
        let dry = try cli.ok("inquiry", "add", "--family-name", "Шевченко", "--given-name", "Олексій", "--region", "Луганська область",
                             "--last-seen", "2023-05-20", "--inquirer-name", "Шевченко Марія", "--relationship", "мати",
                             "--phone", "050 123 45 67", "--dry-run")
        #expect(dry.stdout.contains("Shevchenko Oleksii") && dry.stdout.contains("UA-09") && dry.stdout.contains("+380501234567"))
        #expect(dry.stderr.contains("nothing written (dry run)"))
        let object = try #require(try json(try cli.ok(
            "inquiry", "add", "--family-name", "Шевченко", "--given-name", "Олексій", "--region", "UA-09", "--last-seen", "2023-05-20",
            "--inquirer-name", "Шевченко Марія", "--relationship", "мати", "--phone", "050 123 45 67", "--dry-run", "--json").stdout)
            as? [String: Any])
        #expect(object["dry_run"] as? Bool == true && object["reference"] == nil)
        let bad = try cli.run(["inquiry", "add", "--family-name", "Шевченко", "--given-name", "Олексій", "--region", "Atlantis",
                               "--last-seen", "2023-05-20", "--inquirer-name", "Шевченко Марія", "--relationship", "мати",
                               "--phone", "050 123 45 67", "--dry-run"])
        #expect(bad.status == 65 && bad.stderr.contains("last_known_region"))
        #expect(try everyCount(cli) == before)
    }

    @Test func batchCorrectionsKeepTheirHistoryAndRefusalsChangeNothing() throws {
        let (cli, _, code) = try prepared()
        let separators = try cli.run(["batch", "update", code, "--received", "1,212"])
        #expect(separators.status == 64 && separators.stderr.contains("write 1212"))
        #expect(try cli.run(["batch", "update", code]).status == 64)
        let before = try everyCount(cli)
        let region = try cli.run(["batch", "update", code, "--regions", "Atlantis", "--received", "5"])
        #expect(region.status == 65 && region.stderr.contains("regions"))
        #expect(try cli.run(["batch", "update", "B-2025-999", "--received", "5"]).status == 65)
        #expect(try everyCount(cli) == before)

        try cli.ok("batch", "update", code, "--received", "1212", "--handed-over", "unknown", "--transfer-point", "Belarus border",
                   "--add-source", "Ministry|2025-06-15|1,212 bodies", "--reason", "official figures")
        let shown = try cli.ok("batch", "show", code).stdout
        #expect(shown.contains("corrected received_count: 2 → 1212  (olena): official figures"))
        #expect(shown.contains("Transfer point  Belarus border"))
        let object = try #require(try json(try cli.ok("batch", "show", code, "--json").stdout) as? [String: Any])
        let changes = try #require(object["changes"] as? [[String: Any]])
        #expect(changes.map { $0["field"] as? String } == ["received_count", "transfer_point", "sources"])
        #expect(object["received"] as? Int == 1212)
        let unknown = try cli.ok("batch", "update", code, "--received", "unknown", "--json").stdout
        #expect((try json(unknown) as? [String: Any])?["changed"] as? [String] == ["received_count"])
        #expect(try sqlite(cli, "SELECT coalesce(received_count, 'null') FROM batch") == "null")
    }

    @Test func recordsAreShownCorrectedAndVoidedAndAVoidedTagIsFree() throws {
        let (cli, _, code) = try prepared()
        let detail = try cli.ok("batch", "show", "\(code.lowercased())/r-1").stdout
        #expect(detail.contains("cross, watch") && detail.contains("near Bakhmut") && detail.contains("ЗСУ-5520981"))
        #expect(try cli.run(["batch", "show", "\(code)/R-9"]).status == 65)

        try cli.ok("batch", "record", "update", "\(code)/R-1", "--age-max", "40", "--effects", "")
        let corrected = try #require(try json(try cli.ok("batch", "show", "\(code)/R-1", "--json").stdout) as? [String: Any])
        #expect(corrected["age_max"] as? Int == 40 && corrected["effects"] is NSNull)
        #expect((corrected["changes"] as? [[String: Any]])?.count == 2)

        let before = try everyCount(cli)
        let clash = try cli.run(["batch", "record", "update", "\(code)/R-1", "--tag", "r-2"])
        #expect(clash.status == 65 && clash.stderr.contains("tags are unique"))
        let late = try cli.run(["batch", "record", "update", "\(code)/R-1", "--recovery-date", "2025-07-01"])
        #expect(late.status == 65 && late.stderr.contains("after the batch date"))
        #expect(try cli.run(["batch", "record", "void", "\(code)/R-1"]).status == 64)
        #expect(try cli.run(["batch", "record", "void", "\(code)/R-1", "--reason", ""]).status == 65)
        #expect(try everyCount(cli) == before)

        let voided = try cli.ok("batch", "record", "void", "\(code)/r-2", "--note", "entered twice", "--json").stdout
        #expect((try json(voided) as? [String: String])?["record"] == "\(code)/R-2")
        let again = try cli.run(["batch", "record", "void", "\(code)/R-2", "--reason", "again"])
        #expect(again.status == 65 && again.stderr.contains("was voided"))
        #expect(try cli.run(["batch", "record", "update", "\(code)/R-2", "--notes", "late"]).status == 65)
        let batch = try #require(try json(try cli.ok("batch", "show", code, "--json").stdout) as? [String: Any])
        #expect((batch["records"] as? [[String: Any]])?.map { $0["record"] as? String } == ["\(code)/R-1"])
        #expect(batch["manifest_records"] as? Int == 1 && batch["voided_records"] as? Int == 1)
        #expect(try cli.ok("batch", "show", "\(code)/R-2").stdout.contains("VOIDED"))
        let list = try #require(try json(try cli.ok("batch", "list", "--json").stdout) as? [[String: Any]])
        #expect(list.first?["manifest_records"] as? Int == 1)

        try cli.ok("batch", "import-manifest", code, try cli.write("again.csv", "tag,kind,age_min\nR-2,remains,50\n"))
        let reused = try #require(try json(try cli.ok("batch", "show", "\(code)/R-2", "--json").stdout) as? [String: Any])
        #expect(reused["voided"] as? Bool == false && reused["age_min"] as? Int == 50)
    }

    @Test func searchFindsRecordsOnlyInBatchesTheReaderMayRead() throws {
        let (cli, _, code) = try prepared()
        for query in ["зсу 5520981", "ZSU5520981", "Tkachenko", "R-1"] {
            let hits = try #require(try json(try cli.ok("search", query, "--json").stdout) as? [[String: Any]])
            #expect(hits.count == 1, "\(query)")
            #expect(hits.first?["hit"] as? String == "record" && hits.first?["record"] as? String == "\(code)/R-1", "\(query)")
        }
        let person = try #require(try json(try cli.ok("search", "Kovalenko", "--json").stdout) as? [[String: Any]])
        #expect(person.first?["hit"] as? String == "inquiry")
        #expect(try cli.ok("search", "zsu 5520981").stdout.contains("\(code)/R-1"))

        try cli.ok("login", "vera", "--password-stdin", stdin: CLIHarness.staffPassword + "\n")
        #expect((try json(try cli.ok("search", "ZSU5520981", "--json").stdout) as? [Any])?.isEmpty == true)
        try cli.ok("login", "alice", "--password-stdin", stdin: CLIHarness.adminPassword + "\n")
        try cli.ok("user", "assign", "vera", "--batch", code)
        try cli.ok("login", "vera", "--password-stdin", stdin: CLIHarness.staffPassword + "\n")
        let hits = try #require(try json(try cli.ok("search", "ZSU5520981", "--json").stdout) as? [[String: Any]])
        #expect(hits.map { $0["record"] as? String } == ["\(code)/R-1"])
        #expect(try cli.ok("batch", "show", "\(code)/R-1").stdout.contains("cross, watch"))
    }

    @Test func onlyVolunteersAreAssignedAndUnassignIsChecked() throws {
        let (cli, _, code) = try prepared()
        try cli.ok("login", "alice", "--password-stdin", stdin: CLIHarness.adminPassword + "\n")
        let before = try everyCount(cli)
        let coordinator = try cli.run(["user", "assign", "olena", code])
        #expect(coordinator.status == 65 && coordinator.stderr.contains("only volunteers"))
        #expect(try cli.run(["user", "assign", "alice", "--batch", code]).status == 65)
        let missing = try cli.run(["user", "unassign", "vera", "--batch", code])
        #expect(missing.status == 65 && missing.stderr.contains("not assigned"))
        #expect(try everyCount(cli) == before)
        try cli.ok("user", "assign", "vera", code)
        try cli.ok("user", "unassign", "vera", "--batch", code.lowercased())
        try cli.ok("login", "vera", "--password-stdin", stdin: CLIHarness.staffPassword + "\n")
        #expect(try cli.run(["batch", "show", code]).status == 77)
    }
}
