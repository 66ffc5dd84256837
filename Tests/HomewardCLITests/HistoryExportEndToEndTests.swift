import Foundation
import Testing

/// Issue 9 items 3–4 through the built binary: `inquiry history REF` and `export --format json`.
@Suite struct HistoryExportEndToEndTests {
    static let manifest = """
        tag,kind,name,service_number,sex,age_min,age_max,recovery_region,recovery_place,recovery_date,effects,notes
        R-1,remains,Ткаченко Дмитро,ЗСУ-5520981,male,25,35,Donetsk,near Bakhmut,2025-05-02,,

        """

    struct Prepared {
        let cli: CLIHarness
        let reference: String
        let code: String
        var r1: String { "\(code)/R-1" }
    }

    /// Coordinator olena (logged in); an inquiry received, edited, contacted, matched, linked
    /// and under examination; users petro (coordinator), vera (volunteer), audra (auditor).
    func prepared() throws -> Prepared {
        let cli = try CLIHarness.initialised()
        for (name, role) in [("petro", "coordinator"), ("vera", "volunteer"), ("audra", "auditor")] {
            try cli.ok("user", "add", name, "--role", role, "--password-stdin", stdin: CLIHarness.staffPassword + "\n")
        }
        try cli.addAndLogin("olena", role: "coordinator")
        let reference = try cli.ok(
            "inquiry", "add", "--family-name", "Ткаченко", "--given-name", "Дмитро", "--region", "UA-14", "--last-seen", "2025-03",
            "--service-number", "ЗСУ-5520981", "--inquirer-name", "Ткаченко Ольга", "--relationship", "мати",
            "--phone", "0671234567", "--consent-tracing", "yes").stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        try cli.ok("inquiry", "update", reference, "--email", "olha.tkachenko@example.org", "--unit", "93 brigade")
        try cli.ok("inquiry", "contact", reference, "--channel", "phone", "--note", "Ольга asked to call 0671234567 after six",
                   "--outcome", "reached")
        let code = try cli.ok("batch", "add", "--date", "2025-06-14", "--kind", "remains", "--received", "1",
                              "--regions", "Donetsk").stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        try cli.ok("batch", "import-manifest", code, try cli.write("manifest.csv", Self.manifest))
        try cli.ok("match", "--batch", code, "--save")
        let links = try #require(try JSONSerialization.jsonObject(with: Data(try cli.ok("link", "list", "--json").stdout.utf8)) as? [[String: Any]])
        let link = try #require(links.first { $0["record"] as? String == "\(code)/R-1" }?["id"] as? Int)
        try cli.ok("link", "confirm", String(link))
        try cli.ok("ident", "set", "\(code)/R-1", "examination", "--note", "NOTE-MARKER")
        return Prepared(cli: cli, reference: reference, code: code)
    }

    func login(_ cli: CLIHarness, _ name: String) throws {
        try cli.ok("login", name, "--password-stdin", stdin: (name == "alice" ? CLIHarness.adminPassword : CLIHarness.staffPassword) + "\n")
    }

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

    // MARK: - inquiry history

    @Test func theHistoryTellsTheCaseInOrderWithinEightyColumnsAndWithoutContactDetails() throws {
        let p = try prepared()
        let table = try p.cli.ok("inquiry", "history", p.reference).stdout
        let lines = table.split(separator: "\n").map(String.init)
        #expect(lines.first?.hasPrefix("AT") == true && lines.allSatisfy { $0.count <= 80 }, "\(table)")
        for (earlier, later) in [("inquiry received", "edited: unit, email"), ("edited:", "contact by phone: reached"),
                                 ("contact by phone", "candidate \(p.r1) proposed"), ("proposed", "confirmed: \(p.r1)"),
                                 ("confirmed:", "\(p.r1): examination")] {
            let first = try #require(table.range(of: earlier), "\(earlier) in \(table)")
            let second = try #require(table.range(of: later), "\(later) in \(table)")
            #expect(first.lowerBound < second.lowerBound, "\(earlier) before \(later)")
        }
        try login(p.cli, "audra")
        let json = try p.cli.ok("inquiry", "history", p.reference, "--json").stdout
        let entries = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]])
        #expect(entries.map { $0["kind"] as? String ?? "" } == ["received", "edit", "contact", "candidate", "link", "identification"])
        for entry in entries {
            #expect(Set(entry.keys) == ["at", "by", "kind", "summary", "details", "audit_seq"])
            #expect(entry["details"] is [String: String])
        }
        #expect((entries[1]["details"] as? [String: String])?["fields"] == "unit,email")
        for text in [table, json] {
            for marker in ["Ольга", "0671234567", "380671234567", "olha.tkachenko", "example.org", "NOTE-MARKER", "six"] {
                #expect(!text.contains(marker), "\(marker)")
            }
        }
    }

    @Test func volunteersAndAdminsAreRefusedWith77AndTheRefusalIsAudited() throws {
        let p = try prepared()
        for name in ["vera", "alice"] {
            try login(p.cli, name)
            let refused = try p.cli.run(["inquiry", "history", p.reference])
            #expect(refused.status == 77 && refused.stdout.isEmpty, "\(refused.stderr)")
            #expect(refused.stderr.hasPrefix("error: permission denied: ") && refused.stderr.contains("may not read an inquiry's case history"))
        }
        #expect(try sqlite(p.cli, "SELECT group_concat(actor_name || ':' || outcome) FROM audit_event WHERE action = 'inquiry.history'")
                == "vera:denied,alice:denied")
    }

    @Test func aBadReferenceIsOneLineNamingItAndChangesNothing() throws {
        let p = try prepared()
        let before = try sqlite(p.cli, "SELECT count(*), max(seq) FROM audit_event")
        let mistyped = String(p.reference.dropLast()) + (p.reference.hasSuffix("A") ? "B" : "A")
        let wrong = try p.cli.run(["inquiry", "history", mistyped])
        #expect(wrong.status == 65 && wrong.stderr.hasPrefix("error: ") && wrong.stderr.contains(mistyped.uppercased()), "\(wrong.stderr)")
        #expect(wrong.stderr.split(separator: "\n").count == 1 && wrong.stdout.isEmpty)
        let unknown = try p.cli.run(["inquiry", "history", "HW-2031-000001-A"])
        #expect(unknown.status == 65 || unknown.status == 64, "\(unknown.stderr)")
        let malformed = try p.cli.run(["inquiry", "history", "HW-12"])
        #expect(malformed.status == 64 && malformed.stderr.split(separator: "\n").count == 1 && malformed.stderr.contains("HW-12"))
        #expect(try sqlite(p.cli, "SELECT count(*), max(seq) FROM audit_event") == before)
    }

    // MARK: - export

    @Test func anExportToStdoutHoldsEveryTableButNoPasswordHashOrToken() throws {
        let p = try prepared()
        try login(p.cli, "alice")
        let folder = p.cli.path("state/homeward")
        let tokenFile = try #require(try FileManager.default.contentsOfDirectory(atPath: folder).first { $0.hasSuffix(".token") })
        let token = try String(contentsOfFile: folder + "/" + tokenFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        let phc = try sqlite(p.cli, "SELECT password_hash FROM app_user").split(separator: "\n").map(String.init)
        let tokenHashes = try sqlite(p.cli, "SELECT lower(hex(token_hash)) FROM session").split(separator: "\n").map(String.init)
        let auditKey = try sqlite(p.cli, "SELECT lower(hex(audit_key)) FROM database_identity")
        #expect(phc.count == 5 && tokenHashes.count >= 3 && auditKey.count == 64 && token.hasPrefix("hw1_"))

        let exported = try p.cli.ok("export", "--format", "json")
        let document = try #require(try JSONSerialization.jsonObject(with: Data(exported.stdout.utf8)) as? [String: Any])
        #expect(document["format"] as? String == "homeward-export" && document["schema_version"] as? String == "0006_import")
        #expect(document["database_id"] as? String == (try sqlite(p.cli, "SELECT id FROM database_identity")))
        let tables = try #require(document["tables"] as? [[String: Any]])
        let counts = try #require(document["row_counts"] as? [String: Int])
        #expect(counts["inquiry"] == 1 && counts["link"] == 1 && counts["identification_event"] == 1 && counts["inquiry_contact"] == 1)
        #expect(Set(tables.compactMap { $0["name"] as? String }).isSuperset(of: ["audit_event", "person", "batch", "returned_record",
                                                                                    "session", "app_user", "batch_assignment"]))
        // Contact details are there (the whole database for admins and auditors), secrets are not.
        #expect(exported.stdout.contains("+380671234567") && exported.stdout.contains("olha.tkachenko@example.org"))
        for secret in phc + tokenHashes + [auditKey, token, String(token.split(separator: "_").last ?? "")] {
            #expect(!exported.stdout.contains(secret) && !exported.stdout.uppercased().contains(secret.uppercased()))
        }
        #expect(try sqlite(p.cli, "SELECT actor_name || ':' || outcome FROM audit_event WHERE action = 'export.json'") == "alice:ok")
    }

    @Test func anExportFileIsNew0600AndAnExistingOneIsRefusedWith73() throws {
        let p = try prepared()
        try login(p.cli, "audra")
        let target = p.cli.path("export.json")
        let written = try p.cli.ok("export", "--format", "json", "-o", target)
        #expect(written.stdout.isEmpty && written.stderr.contains("exported ") && written.stderr.contains("withheld: app_user.password_hash"))
        let mode = try #require(try FileManager.default.attributesOfItem(atPath: target)[.posixPermissions] as? NSNumber)
        #expect(mode.intValue == 0o600)
        let contents = try Data(contentsOf: URL(fileURLWithPath: target))
        #expect((try JSONSerialization.jsonObject(with: contents) as? [String: Any])?["format"] as? String == "homeward-export")

        let again = try p.cli.run(["export", "--format", "json", "-o", target])
        #expect(again.status == 73 && again.stderr.hasPrefix("error: ") && again.stderr.contains("already exists"), "\(again.stderr)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: target)) == contents)

        let summary = try p.cli.ok("export", "--format", "json", "-o", p.cli.path("second.json"), "--json").stdout
        let object = try #require(try JSONSerialization.jsonObject(with: Data(summary.utf8)) as? [String: Any])
        #expect(object["schema_version"] as? String == "0006_import" && (object["rows"] as? Int ?? 0) > 0)
    }

    @Test func coordinatorsAndVolunteersMayNotExport() throws {
        let p = try prepared()
        for name in ["olena", "vera"] {
            try login(p.cli, name)
            let refused = try p.cli.run(["export", "--format", "json", "-o", p.cli.path("\(name).json")])
            #expect(refused.status == 77 && refused.stderr.contains("may not export the whole database"), "\(refused.stderr)")
            #expect(!FileManager.default.fileExists(atPath: p.cli.path("\(name).json")))
            let piped = try p.cli.run(["export", "--format", "json"])
            #expect(piped.status == 77 && piped.stdout.isEmpty)
        }
        #expect(try sqlite(p.cli, "SELECT count(*) FROM audit_event WHERE action = 'export.json' AND outcome = 'denied'") == "4")
        let usage = try p.cli.run(["export", "--format", "xml"])
        #expect(usage.status == 64)
    }
}
