import Foundation
import Testing

@Suite(.serialized) struct CaseworkEndToEndTests {
    static let header = "family_name,given_name,patronymic,date_of_birth,sex,service_number,unit,rank,last_known_region,last_known_place,date_last_seen,inquirer_name,relationship,phone,email,language,consent_tracing,received_on,notes"

    static func row(_ index: Int, lastSeen: String = "2024-02-15", region: String = "Lugansk") -> String {
        "Ткаченко\(index),Дмитро,,2001-07,m,,,,\(region),,\(lastSeen),Ткаченко Наталія,мати,+38066\(String(format: "%07d", index)),,uk,yes,2025-03-01,"
    }

    /// A database with a logged-in coordinator "olena" and a volunteer "vera".
    func coordinator() throws -> CLIHarness {
        let cli = try CLIHarness.initialised()
        try cli.ok("user", "add", "vera", "--role", "volunteer", "--password-stdin", stdin: CLIHarness.staffPassword + "\n")
        try cli.addAndLogin("olena", role: "coordinator")
        return cli
    }

    func json(_ text: String) throws -> Any {
        try JSONSerialization.jsonObject(with: Data(text.utf8))
    }

    func counts(_ cli: CLIHarness) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["sqlite3", cli.databasePath,
                             "SELECT (SELECT count(*) FROM inquiry), (SELECT count(*) FROM person), (SELECT count(*) FROM returned_record)"]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    @Test func addPrintsTheReferenceAndSearchFindsItInThreeSpellings() throws {
        let cli = try coordinator()
        let added = try cli.ok("inquiry", "add", "--family-name", "Шевченко", "--given-name", "Олексій", "--region", "Луганська область",
                               "--last-seen", "2023-05-20", "--inquirer-name", "Шевченко Марія", "--relationship", "мати",
                               "--phone", "050 123 45 67", "--consent-tracing", "yes", "--json")
        let object = try #require(try json(added.stdout) as? [String: Any])
        let reference = try #require(object["reference"] as? String)
        #expect(reference.hasPrefix("HW-"))
        for query in ["Shevchenko Oleksii", "Шевченко Олексій", "Shevchenco"] {
            let hits = try #require(try json(try cli.ok("search", query, "--json").stdout) as? [[String: Any]])
            #expect(hits.first?["reference"] as? String == reference, "search \(query)")
        }
        let shown = try #require(try json(try cli.ok("inquiry", "show", reference, "--json").stdout) as? [String: Any])
        let person = try #require(shown["person"] as? [String: Any])
        #expect(person["last_known_region"] as? String == "UA-09")
    }

    @Test func volunteersSeeNoContactDetailsInAnyOutput() throws {
        let cli = try coordinator()
        let reference = try cli.ok("inquiry", "add", "--family-name", "Коваленко", "--given-name", "Андрій", "--region", "UA-23",
                                   "--last-seen", "2023-08", "--inquirer-name", "Коваленко Ірина", "--relationship", "дружина",
                                   "--phone", "0671234567", "--email", "iryna@example.org").stdout
            .trimmingCharacters(in: .whitespacesAndNewlines)
        try cli.ok("login", "vera", "--password-stdin", stdin: CLIHarness.staffPassword + "\n")
        for arguments in [["inquiry", "show", reference], ["inquiry", "show", reference, "--json"], ["inquiry", "list", "--json"],
                          ["search", reference], ["inquiry", "add", "--family-name", "X"]] {
            let outcome = try cli.run(arguments)
            #expect(outcome.status == 77, "\(arguments)")
            let output = outcome.stdout + outcome.stderr
            #expect(!output.contains("380671234567") && !output.contains("iryna@") && !output.contains("Ірина"))
        }
        // Volunteers search only the returned records of their batches (digits may be a service
        // number on one): no person is ever found.
        let byName = try cli.run(["search", "Kovalenko", "--json"])
        let byPhone = try cli.run(["search", "0671234567", "--json"])
        for outcome in [byName, byPhone] {
            #expect(outcome.status == 0)
            #expect((try json(outcome.stdout) as? [Any])?.isEmpty == true)
            #expect(!outcome.stdout.contains("Ірина") && !outcome.stderr.contains("Ірина") && !outcome.stderr.contains("380671234567"))
        }
        try cli.ok("login", "alice", "--password-stdin", stdin: CLIHarness.adminPassword + "\n")
        let adminPhone = try cli.run(["search", "0671234567", "--json"])
        #expect(adminPhone.status == 77)
        #expect(adminPhone.stderr.contains("may not see inquirer contact details"))
        let asAdmin = try cli.ok("inquiry", "show", reference, "--json").stdout + adminPhone.stdout + adminPhone.stderr
        #expect(!asAdmin.contains("380671234567") && !asAdmin.contains("iryna@") && !asAdmin.contains("Ірина"))
    }

    @Test func oneBadRowRefusesTheWholeImportNamingItsLine() throws {
        let cli = try coordinator()
        var lines = [Self.header] + (1...2000).map { Self.row($0) }
        lines[1234] = Self.row(1234, lastSeen: "2024-02-31")
        let file = try cli.write("bad.csv", lines.joined(separator: "\r\n") + "\r\n")
        let before = try counts(cli)
        let refused = try cli.run(["inquiry", "import", file])
        #expect(refused.status == 65)
        #expect(refused.stderr.contains("line 1235, column date_last_seen"))
        #expect(refused.stderr.contains("nothing was imported"))
        #expect(!refused.stderr.contains("Ткаченко"))
        #expect(try counts(cli) == before)

        lines[1234] = Self.row(1234)
        let good = try cli.write("good.csv", "\u{FEFF}" + lines.joined(separator: "\n") + "\n")
        #expect(try cli.ok("inquiry", "import", good, "--dry-run").stdout.contains("2000 rows valid"))
        #expect(try counts(cli) == before)
        #expect(try cli.ok("inquiry", "import", good).stdout.contains("imported 2000 inquiries"))
        #expect(try counts(cli) != before)
    }

    @Test func brokenFilesAreRefusedWithTheirLine() throws {
        let cli = try coordinator()
        var bytes = Array((Self.header + "\n" + Self.row(1) + "\n").utf8)
        bytes += [0x54, 0xFF, 0x2C] + Array(Self.row(2).utf8.dropFirst(2)) + [0x0A]
        let invalid = cli.path("invalid.csv")
        try Data(bytes).write(to: URL(fileURLWithPath: invalid))
        let utf8 = try cli.run(["inquiry", "import", invalid])
        #expect(utf8.status == 65)
        #expect(utf8.stderr.contains("line 3"))
        let quote = try cli.write("quote.csv", [Self.header, Self.row(1), "\"Unclosed,Дмитро", Self.row(3)].joined(separator: "\n") + "\n")
        let unterminated = try cli.run(["inquiry", "import", quote])
        #expect(unterminated.status == 65)
        #expect(unterminated.stderr.contains("line 3"))
        #expect(try cli.run(["inquiry", "import", cli.path("missing.csv")]).status == 66)
        let extra = try cli.write("extra.csv", Self.header + ",favourite_colour\n" + Self.row(1) + ",blue\n")
        let column = try cli.run(["inquiry", "import", extra])
        #expect(column.status == 65)
        #expect(column.stderr.contains("favourite_colour"))
    }

    @Test func batchesAndManifestsByCode() throws {
        let cli = try coordinator()
        let added = try cli.ok("batch", "add", "--date", "2025-06-14", "--kind", "remains", "--received", "3", "--handed-over", "27",
                               "--regions", "Donetsk,Zaporozhye,Kursk", "--source", "HQ|2025-06-14|bodies returned", "--json")
        let code = try #require((try json(added.stdout) as? [String: Any])?["code"] as? String)
        let manifest = try cli.write("manifest.csv", """
            tag,kind,sex,age_min,age_max,recovery_region,recovery_date
            R-1,remains,male,25,35,Donetsk,2025-05-02
            R-2,remains,,,,Запорізька область,
            R-3,remains,m,,,,

            """)
        #expect(try cli.ok("batch", "import-manifest", code, manifest).stdout.contains("imported 3 records"))
        let view = try #require(try json(try cli.ok("batch", "show", code, "--json").stdout) as? [String: Any])
        let records = try #require(view["records"] as? [[String: Any]])
        #expect(records.compactMap { $0["record"] as? String } == ["\(code)/R-1", "\(code)/R-2", "\(code)/R-3"])
        let again = try cli.run(["batch", "import-manifest", code, manifest])
        #expect(again.status == 65)
        #expect(again.stderr.contains("already in batch"))
        try cli.ok("batch", "status", code, "completed", "--note", "confirmed")
        #expect(try cli.run(["batch", "status", code, "finished", "--note", "x"]).status == 64)
        #expect(try cli.run(["batch", "show", "B-1999-999"]).status == 65)
    }

    @Test func mistypedReferenceIsCalledMistyped() throws {
        let cli = try coordinator()
        let reference = try cli.ok("inquiry", "add", "--family-name", "Мельник", "--given-name", "Євген", "--region", "Kursk",
                                   "--last-seen", "2024-09-02", "--inquirer-name", "Мельник Тетяна", "--relationship", "сестра",
                                   "--email", "t@example.org").stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        var typo = Array(reference)
        typo[10] = typo[10] == "7" ? "8" : "7"
        let outcome = try cli.run(["inquiry", "show", String(typo)])
        #expect(outcome.status == 65)
        #expect(outcome.stderr.contains("mistyped"))
    }

    @Test func translitAndRegionsNeedNoDatabase() throws {
        let cli = try CLIHarness()
        #expect(try cli.ok("translit", "Шевченко Олексій", "Згурський").stdout == "Shevchenko Oleksii\nZghurskyi\n")
        #expect(try cli.ok("translit", "--lang", "ru", "Юрий").stdout == "Iurii\n")
        let regions = try cli.ok("regions").stdout
        #expect(regions.contains("UA-09") && regions.contains("RU-KRS"))
        #expect(regions.split(separator: "\n").allSatisfy { $0.count <= 80 })
    }
}

@Suite struct ConcurrentWritersEndToEndTests {
    /// Several processes writing to one file queue on the lock: nothing lost, no "database is
    /// locked", and the audit chain stays whole.
    @Test func parallelProcessesLoseNothing() async throws {
        let cli = try CLIHarness.initialised()
        try cli.addAndLogin("olena", role: "coordinator")
        let failures = await withTaskGroup(of: Int.self) { group in
            for process in 1...6 {
                group.addTask {
                    var failed = 0
                    for index in 1...5 {
                        let outcome = try? cli.run(["inquiry", "add", "--family-name", "Тест\(process)", "--given-name", "Іван\(index)",
                                                    "--region", "UA-14", "--last-seen", "2024-01-01", "--inquirer-name", "Мати",
                                                    "--relationship", "мати", "--email", "a@example.org"])
                        if outcome?.status != 0 { failed += 1 }
                    }
                    return failed
                }
            }
            return await group.reduce(0, +)
        }
        #expect(failures == 0)
        let list = try cli.ok("inquiry", "list", "--json").stdout
        #expect(list.components(separatedBy: "\"reference\"").count - 1 == 30)
        try cli.ok("login", "alice", "--password-stdin", stdin: CLIHarness.adminPassword + "\n")
        #expect(try cli.ok("audit", "verify").stdout.hasPrefix("audit trail intact"))
    }
}
