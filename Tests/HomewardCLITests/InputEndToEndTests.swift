import Foundation
import Testing

/// Typed and imported data as a careless user gives it: shifted columns, odd phones, form
/// files with extra fields, oversized files.
@Suite(.serialized) struct InputEndToEndTests {
    let header = CaseworkEndToEndTests.header

    func coordinator() throws -> CLIHarness {
        let cli = try CLIHarness.initialised()
        try cli.addAndLogin("olena", role: "coordinator")
        return cli
    }

    func counts(_ cli: CLIHarness) throws -> String { try CaseworkEndToEndTests().counts(cli) }

    /// Rows whose cells moved one column to the left after a deleted cell, plus one that moved right.
    static let shifted = [
        "Коваленко,Андрій,1994-03-12,m,,,,UA-23,,2023-08,Коваленко Ірина,дружина,+380501234567,oleh.b@example.org,uk,yes,2025-03-01,,",
        "Бондар,Олег,Петрович,1990,Бондар Олена,мати,+380671112233,olena.bondar@example.org,m,,,,Donetsk,,2024-01-01,x,y,z,w",
        ",Марія,Сидоренко,Сидоренко Петро,2001-07,f,,,,Kherson,,2024-02-02,батько,0961234567,petro@example.org,uk,yes,2025-03-01,",
        "Ткач,Іван,,1990,m,,,,+380501234567,,oleh.b@example.org,Ткач Ольга,мати,,,uk,yes,2025-03-01,",
    ]
    static let personal = ["Коваленко", "Андрій", "Ірина", "380501234567", "oleh.b@", "Бондар", "Олег", "Олена", "671112233",
                           "olena.bondar", "Марія", "Сидоренко", "Петро", "961234567", "petro@", "Ткач", "Іван", "Ольга"]

    /// A folder, a named pipe with no writer, or "-" is not a file to import: exit 66 with a
    /// message that says so (it said "check that the file exists"), at once, nothing written.
    @Test func aFolderAPipeOrStandardInputIsRefusedAsNotAFile() throws {
        let cli = try coordinator()
        let folder = cli.path("a-folder")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: false)
        let pipe = cli.path("a-pipe")
        #expect(mkfifo(pipe, 0o600) == 0)
        let before = try counts(cli)
        for (target, command) in [(folder, "inquiry"), (pipe, "inquiry"), ("-", "inquiry"), (folder, "batch")] {
            let arguments = command == "inquiry" ? ["inquiry", "import", target] : ["batch", "import-manifest", "B-2025-001", target]
            let refused = try cli.run(arguments)
            #expect(refused.status == 66, "\(arguments): \(refused.stderr)")
            #expect(refused.stderr.contains("is not a regular file"), "\(arguments): \(refused.stderr)")
            #expect(refused.stderr.split(separator: "\n").count == 1)
        }
        #expect(try counts(cli) == before)
    }

    @Test func aFileWithShiftedColumnsPutsNoNamePhoneOrEmailOnStderr() throws {
        let cli = try coordinator()
        let file = try cli.write("shifted.csv", ([header] + Self.shifted).joined(separator: "\n") + "\n")
        let before = try counts(cli)
        let refused = try cli.run(["inquiry", "import", file])
        #expect(refused.status == 65)
        #expect(refused.stderr.contains("line 2, column date_last_seen"), "\(refused.stderr)")
        #expect(refused.stderr.contains("line 5, column last_known_region: a phone number, not a region"), "\(refused.stderr)")
        #expect(refused.stderr.contains("line 5, column date_last_seen: an e-mail address, not a date"), "\(refused.stderr)")
        #expect(refused.stderr.contains("line 2, column date_last_seen: a name or word, not a date"), "\(refused.stderr)")
        for value in Self.personal { #expect(!refused.stderr.contains(value), "\(value) in \(refused.stderr)") }
        #expect(try counts(cli) == before)

        // A file that lost its header row, and a manifest whose columns moved.
        let headless = try cli.write("headless.csv", Self.shifted.joined(separator: "\n") + "\n")
        let noHeader = try cli.run(["inquiry", "import", headless])
        #expect(noHeader.status == 65)
        for value in Self.personal { #expect(!noHeader.stderr.contains(value), "\(value) in \(noHeader.stderr)") }
        let code = try cli.ok("batch", "add", "--date", "2025-06-14", "--kind", "remains", "--regions", "Donetsk")
            .stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let manifest = try cli.write("manifest.csv", """
            tag,kind,name,service_number,sex,age_min,age_max,recovery_region,recovery_date
            R-1,Коваленко Андрій,ЗСУ-1,male,25,35,+380501234567,oleh.b@example.org,

            """)
        let badManifest = try cli.run(["batch", "import-manifest", code, manifest])
        #expect(badManifest.status == 65)
        for value in Self.personal { #expect(!badManifest.stderr.contains(value), "\(value) in \(badManifest.stderr)") }
    }

    @Test func inquiryAddNamesTheFlagWithoutRepeatingTheValue() throws {
        let cli = try coordinator()
        let outcome = try cli.run(["inquiry", "add", "--family-name", "Шевченко", "--given-name", "Олексій",
                                   "--region", "+380501234567", "--last-seen", "Коваленко", "--inquirer-name", "Шевченко Марія",
                                   "--relationship", "мати", "--phone", "+3800671234567", "--language", "oleh.b@example.org"])
        #expect(outcome.status == 65)
        #expect(outcome.stderr.contains("phone: impossible"))
        #expect(outcome.stderr.contains("last_known_region: a phone number, not a region"))
        #expect(outcome.stderr.contains("language: an e-mail address, not a report language"))
        for value in ["380501234567", "Коваленко", "oleh.b@", "0671234567"] { #expect(!outcome.stderr.contains(value)) }
    }

    @Test func phonesAreStoredInE164AndImpossibleOnesRefused() throws {
        let cli = try coordinator()
        func add(_ phone: String) throws -> CLIHarness.Outcome {
            try cli.run(["inquiry", "add", "--family-name", "Шевченко", "--given-name", "Олексій", "--region", "UA-14",
                         "--last-seen", "2023-05-20", "--inquirer-name", "Шевченко Марія", "--relationship", "мати", "--phone", phone])
        }
        let added = try add("8 067 123 45 67")
        #expect(added.status == 0)
        let reference = added.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let shown = try cli.ok("inquiry", "show", reference, "--json").stdout
        #expect(shown.contains("\"phone\" : \"+380671234567\""))
        for impossible in ["+3800671234567", "+99 9999 9999 9999"] {
            let refused = try add(impossible)
            #expect(refused.status == 65, "\(impossible)")
            #expect(refused.stderr.contains("phone: impossible"), "\(refused.stderr)")
        }
        #expect(try cli.ok("search", "8 067 123 45 67", "--json").stdout.contains(reference))
    }

    @Test func formFilesCarryPersonalDataAndRefuseWhatTheySetNot() throws {
        let cli = try coordinator()
        let form = #"""
            {"person": {"family_name": "Шевченко", "given_name": "Олексій", "last_known_region": "Donetsk", "last_seen": "2023-05-20",
                        "date_of_birth": "2012"},
             "contact": {"inquirer_name": "Шевченко Марія", "relationship": "мати", "phone": "050 123 45 67"},
             "consent_tracing": true}
            """#
        let added = try cli.run(["inquiry", "add", "--form", "-"], stdin: form)
        #expect(added.status == 0, "\(added.stderr)")
        #expect(added.stderr.contains("warning: person.date_of_birth: makes the person at most 11"), "\(added.stderr)")
        let reference = added.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let shown = try #require(try JSONSerialization.jsonObject(with: Data(try cli.ok("inquiry", "show", reference, "--json").stdout.utf8)) as? [String: Any])
        #expect((shown["contact"] as? [String: Any])?["phone"] as? String == "+380501234567")

        // `inquiry show --json` fed back as it is: the fields Homeward sets are named.
        let echoed = try cli.write("echo.json", try cli.ok("inquiry", "show", reference, "--json").stdout)
        let refused = try cli.run(["inquiry", "update", reference, "--form", echoed])
        #expect(refused.status == 65)
        #expect(refused.stderr.contains("form.reference: is set by Homeward"), "\(refused.stderr)")
        let extra = try cli.write("extra.json", #"{"contact": {"phone": "067 765 43 21", "whatsapp": "yes"}}"#)
        let unknown = try cli.run(["inquiry", "update", reference, "--form", extra])
        #expect(unknown.status == 65)
        #expect(unknown.stderr.contains("unknown field \"whatsapp\""), "\(unknown.stderr)")
        #expect(!unknown.stderr.contains("765"))
        let update = try cli.write("update.json", #"{"contact": {"phone": "067 765 43 21"}}"#)
        #expect(try cli.ok("inquiry", "update", reference, "--form", update).stderr.contains("changed: phone"))
        #expect(try cli.run(["inquiry", "update", reference, "--form", update, "--unit", "x"]).status == 64)
        #expect(try cli.run(["inquiry", "add", "--form", cli.path("missing.json")]).status == 66)
        #expect(try cli.ok("inquiry", "add", "--help").stdout.contains("shell history"))
    }

    @Test func oversizedFilesAreRefusedShortlyAndThePermissionComesFirst() throws {
        let cli = try coordinator()
        let wide = try cli.write("wide.csv", (1...300_000).map { "c\($0)" }.joined(separator: ",") + "\n")
        let refused = try cli.run(["inquiry", "import", wide])
        #expect(refused.status == 65)
        #expect(refused.stderr.count < 200, "\(refused.stderr.count) bytes")
        let rows = try cli.write("rows.csv", ([header] + (1...30).map { CaseworkEndToEndTests.row($0) }).joined(separator: "\n") + "\n")
        let tooMany = try cli.run(["inquiry", "import", rows, "--max-rows", "20"])
        #expect(tooMany.status == 65 && tooMany.stderr.contains("--max-rows"))
        let tooLarge = try cli.run(["inquiry", "import", rows, "--max-bytes", "1000"])
        #expect(tooLarge.status == 65 && tooLarge.stderr.contains("--max-bytes"))
        #expect(try cli.ok("inquiry", "import", rows, "--max-rows", "30", "--dry-run").stdout.contains("30 rows valid"))

        try cli.ok("login", "alice", "--password-stdin", stdin: CLIHarness.adminPassword + "\n")
        let denied = try cli.run(["inquiry", "import", cli.path("missing.csv")])
        #expect(denied.status == 77, "\(denied.stderr)")
    }

    @Test func duplicateWarningsListEachLineWithItsReference() throws {
        let cli = try coordinator()
        let file = try cli.write("dup.csv", ([header] + (1...3).map { CaseworkEndToEndTests.row($0) }).joined(separator: "\n") + "\n")
        try cli.ok("inquiry", "import", file)
        let again = try cli.ok("inquiry", "import", file, "--dry-run", "--json")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(again.stdout.utf8)) as? [String: Any])
        let warnings = try #require(object["warnings"] as? [[String: Any]])
        #expect(warnings.compactMap { $0["line"] as? Int } == [2, 3, 4])
        #expect(warnings.allSatisfy { ($0["reference"] as? String)?.hasPrefix("HW-2025-") == true })
        #expect(warnings.allSatisfy { $0["reason"] as? String == "same names and birth date" })
        let text = try cli.ok("inquiry", "import", file, "--dry-run").stderr
        #expect(text.contains("warning: line 3 may concern the person of HW-2025-000002-"), "\(text)")
    }
}
