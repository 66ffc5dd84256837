import Foundation
import Testing

/// The output conventions of issue 6: multi-line text, escaping, tables, JSON, --quiet.
@Suite(.serialized) struct OutputEndToEndTests {
    func coordinator() throws -> CLIHarness {
        let cli = try CLIHarness.initialised()
        try cli.addAndLogin("olena", role: "coordinator")
        return cli
    }

    func addInquiry(_ cli: CLIHarness, family: String = "Шевченко", _ extra: String...) throws -> String {
        let arguments = ["inquiry", "add", "--family-name", family, "--given-name", "Олексій", "--region", "UA-14",
                         "--last-seen", "2024-01", "--inquirer-name", "Шевченко Марія", "--relationship", "мати",
                         "--phone", "050 123 45 67"] + extra
        let outcome = try cli.run(arguments)
        #expect(outcome.status == 0, "\(outcome.stderr)")
        return outcome.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    func object(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    // MARK: 6.1 multi-line text prints as text

    @Test func lineBreaksInCircumstancesAndNotesPrintAsIndentedLines() throws {
        let cli = try coordinator()
        let reference = try addInquiry(cli, "--circumstances", "last call from Bakhmut\nunit withdrew on 20 May",
                                       "--notes", "mother calls on Mondays\r\nprefers Ukrainian")
        let shown = try cli.ok("inquiry", "show", reference).stdout
        #expect(shown.contains("Circumstances  last call from Bakhmut\n               unit withdrew on 20 May\n"))
        #expect(shown.contains("Notes          mother calls on Mondays\n               prefers Ukrainian\n"))
        #expect(!shown.contains("\\u{") && !shown.contains("U+000A") && !shown.contains("\r"))
    }

    @Test func initsMessageIsTwoLinesAndBatchHistoryNotesKeepTheirLines() throws {
        let cli = try CLIHarness()
        let created = try cli.ok("init", "--admin", "alice", "--password-stdin", stdin: CLIHarness.adminPassword + "\n")
        let lines = created.stderr.split(separator: "\n")
        #expect(lines.count == 2 && lines.first?.hasPrefix("created ") == true && lines.last?.hasPrefix("  next: ") == true,
                "\(created.stderr)")
        try cli.ok("login", "alice", "--password-stdin", stdin: CLIHarness.adminPassword + "\n")
        try cli.addAndLogin("olena", role: "coordinator")
        let code = try cli.ok("batch", "add", "--date", "2025-06-14", "--kind", "remains", "--regions", "UA-14").stdout
            .trimmingCharacters(in: .whitespacesAndNewlines)
        try cli.ok("batch", "status", code, "postponed", "--note", "moved by the other side\nnew date not given")
        let shown = try cli.ok("batch", "show", code).stdout
        let history = try #require(shown.split(separator: "\n").firstIndex { $0.contains("moved by the other side") })
        let next = shown.split(separator: "\n")[history + 1]
        #expect(next.hasSuffix("new date not given") && next.hasPrefix(" "), "\(shown)")
        #expect(!shown.contains("\\u{"))
    }

    @Test func translitEscapesAnEscapeInsteadOfPrintingIt() throws {
        let cli = try CLIHarness()
        let outcome = try cli.ok("translit", "Шев\u{1B}[2Jченко\u{202E}")
        #expect(outcome.stdout == "ShevU+001B[2JchenkoU+202E\n")
        let json = try cli.ok("translit", "--json", "Шев\u{1B}ченко").stdout
        #expect(!json.contains("\u{1B}") && json.contains("\\u001b"))
    }

    @Test func anEscapeInANameIsRefusedWithoutTalkingAboutLineBreaks() throws {
        let cli = try coordinator()
        let refused = try cli.run(["inquiry", "add", "--family-name", "Шев\u{1B}[2Jченко", "--given-name", "Олексій",
                                   "--region", "UA-14", "--last-seen", "2024-01", "--inquirer-name", "Шевченко Марія",
                                   "--relationship", "мати", "--phone", "050 123 45 67"])
        #expect(refused.status == 65)
        #expect(refused.stderr.contains("U+001B"))
        #expect(!refused.stderr.contains("line break") && !refused.stderr.contains("\u{1B}"))
    }

    // MARK: 6.10 tables

    /// Runs homeward with stdout on a terminal of `columns` columns (util-linux `script`).
    func inTerminal(_ cli: CLIHarness, columns: Int, _ arguments: [String]) throws -> String {
        let quoted = ([CLIHarness.binary.path] + arguments).map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/script")
        process.arguments = ["-q", "-e", "-c", "stty cols \(columns) rows 40; " + quoted.joined(separator: " "), "/dev/null"]
        process.environment = cli.environment
        process.currentDirectoryURL = cli.folder
        let output = Pipe()
        process.standardOutput = output
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        return String(decoding: data, as: UTF8.self).replacingOccurrences(of: "\r\n", with: "\n")
    }

    @Test func tablesUseTheTerminalsWidthAndNeverCutReferences() throws {
        let cli = try coordinator()
        let family = "Сидоренко-Ковальчук-Петрушенко"
        let reference = try addInquiry(cli, family: family)
        let wide = try inTerminal(cli, columns: 120, ["inquiry", "list"])
        #expect(wide.contains("\(family) Олексій"), "\(wide)")
        let piped = try cli.ok("inquiry", "list").stdout
        #expect(piped.split(separator: "\n").allSatisfy { $0.count <= 80 }, "\(piped)")
        #expect(piped.contains(reference) && piped.contains("…"))
        let log = try cli.ok("audit", "log").stdout
        #expect(log.contains(reference))
        let regions = try cli.ok("regions").stdout
        #expect(regions.contains("Autonomous Republic of Crimea") && regions.contains("Дніпропетровська область"))
        #expect(regions.split(separator: "\n").allSatisfy { $0.count <= 80 })
    }

    @Test func anEmptyListSaysSo() throws {
        let cli = try coordinator()
        let empty = try cli.ok("inquiry", "list")
        #expect(empty.stdout.isEmpty)
        #expect(empty.stderr == "no inquiries match\n")
        #expect(try cli.ok("inquiry", "list", "--json").stdout == "[]\n")
        #expect(try cli.ok("batch", "list").stderr == "no batches recorded\n")
    }

    // MARK: 6.13 JSON, wording, --quiet

    @Test func unknownFieldsAreNullInJSON() throws {
        let cli = try coordinator()
        let reference = try addInquiry(cli)
        let shown = try object(try cli.ok("inquiry", "show", reference, "--json").stdout)
        let person = try #require(shown["person"] as? [String: Any])
        #expect(person.keys.contains("patronymic") && person["patronymic"] is NSNull)
        #expect(person["date_of_birth"] is NSNull)
        #expect(shown["status_reason"] is NSNull)
        let code = try cli.ok("batch", "add", "--date", "2025-06-14", "--kind", "remains", "--regions", "UA-14").stdout
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let batch = try object(try cli.ok("batch", "show", code, "--json").stdout)
        #expect(batch["received"] is NSNull && batch["transfer_point"] is NSNull)
    }

    @Test func whoamiSaysNameAsUserListDoes() throws {
        let cli = try CLIHarness.initialised()
        let whoami = try object(try cli.ok("whoami", "--json").stdout)
        #expect(whoami["name"] as? String == "alice")
        #expect(whoami["user"] == nil)
    }

    @Test func auditDetailNumbersAreNumbers() throws {
        let cli = try CLIHarness.initialised()
        try cli.ok("user", "add", "bob", "--role", "volunteer", "--password-stdin", stdin: CLIHarness.staffPassword + "\n")
        try cli.ok("user", "revoke-sessions", "bob")
        let log = try #require(try JSONSerialization.jsonObject(with: Data(try cli.ok("audit", "log", "--json").stdout.utf8))
            as? [[String: Any]])
        let revoke = try #require(log.last { ($0["action"] as? String)?.contains("revoke") == true })
        let details = try #require(revoke["details"] as? [String: Any])
        #expect(details["sessions_ended"] as? Int == 0)
        #expect(!(details["sessions_ended"] is String))
    }

    @Test func aSingleImportedInquiryIsNamedOnce() throws {
        let cli = try coordinator()
        let file = try cli.write("one.csv", """
            family_name,given_name,last_known_region,date_last_seen,inquirer_name,relationship,phone
            Ткаченко,Дмитро,UA-09,2024-02-15,Ткаченко Наталія,мати,+380661234567

            """)
        let imported = try cli.ok("inquiry", "import", file).stdout
        #expect(imported.hasPrefix("imported 1 inquiry: HW-"))
        #expect(!imported.contains("…"))
    }

    @Test func aDryRunDoesNotSayTheCountWasRaised() throws {
        let cli = try coordinator()
        let code = try cli.ok("batch", "add", "--date", "2025-06-14", "--kind", "remains", "--received", "1", "--regions", "UA-14")
            .stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let manifest = try cli.write("manifest.csv", "tag,kind\nR-1,remains\nR-2,remains\n")
        let dry = try cli.ok("batch", "import-manifest", code, manifest, "--accept-count", "--dry-run")
        #expect(dry.stderr.contains("would be raised from 1 to 2"), "\(dry.stderr)")
        #expect(try cli.ok("batch", "import-manifest", code, manifest, "--accept-count").stderr.contains("raised from 1 to 2"))
    }

    @Test func quietHidesConfirmationsButNotWarnings() throws {
        let cli = try coordinator()
        _ = try addInquiry(cli, "--service-number", "ЗСУ-5520981")
        let again = try cli.run(["inquiry", "add", "--family-name", "Шевченко", "--given-name", "Олексій", "--region", "UA-14",
                                 "--last-seen", "2024-01", "--inquirer-name", "Шевченко Петро", "--relationship", "батько",
                                 "--phone", "050 765 43 21", "--service-number", "ЗСУ-5520981", "--quiet"])
        #expect(again.status == 0)
        #expect(again.stderr.contains("warning: possible duplicate"), "\(again.stderr)")
        #expect(try cli.ok("logout", "--quiet").stderr.isEmpty)
    }
}
