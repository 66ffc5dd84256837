import Foundation
import Testing

/// Issue 9 through the built binary: settings, the family report, the batch and statistics
/// reports, their formats, files, exit codes and roles.
@Suite(.serialized) struct ReportsEndToEndTests {
    static let manifest = """
        tag,kind,name,service_number,sex,age_min,age_max,recovery_region,recovery_place,recovery_date,effects,notes
        R-1,remains,Ткаченко Дмитро,ЗСУ-5520981,male,25,35,Donetsk,near Bakhmut,2025-05-02,,
        R-2,remains,,,,30,45,UA-14,,,,

        """

    struct Prepared {
        let cli: CLIHarness
        let reference: String
        let code: String
    }

    /// Admin alice set the centre's contacts; coordinator olena (logged in) has an inquiry
    /// matched to R-1 of a remains batch, and volunteer vera exists.
    func prepared() throws -> Prepared {
        let cli = try CLIHarness.initialised()
        try cli.ok("settings", "set", "centre.name", "Test centre (fictional)")
        try cli.ok("settings", "set", "centre.phone", "+380 44 000 00 00")
        try cli.ok("user", "add", "vera", "--role", "volunteer", "--password-stdin", stdin: CLIHarness.staffPassword + "\n")
        try cli.addAndLogin("olena", role: "coordinator")
        let reference = try cli.ok(
            "inquiry", "add", "--family-name", "Ткаченко", "--given-name", "Дмитро", "--region", "UA-14", "--last-seen", "2025-03",
            "--service-number", "ЗСУ-5520981", "--inquirer-name", "Ткаченко Ольга", "--relationship", "мати",
            "--phone", "0671234567", "--consent-tracing", "yes").stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let code = try cli.ok("batch", "add", "--date", "2025-06-14", "--kind", "remains", "--received", "5",
                              "--regions", "Donetsk,Luhansk").stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        try cli.ok("batch", "import-manifest", code, try cli.write("manifest.csv", Self.manifest))
        try cli.ok("match", "--batch", code, "--save")
        return Prepared(cli: cli, reference: reference, code: code)
    }

    func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test func theBatchReportInEveryFormat() throws {
        let p = try prepared()
        let table = try p.cli.ok("report", "batch", p.code).stdout
        #expect(table.contains("Batch \(p.code)"))
        #expect(table.contains("Received but not yet listed: 3"))
        #expect(table.contains("Candidate links to review: 1"))
        #expect(table.split(separator: "\n").allSatisfy { $0.count <= 80 })
        let document = try json(try p.cli.ok("report", "batch", p.code.lowercased(), "--format", "json").stdout)
        let batch = try #require(document["batch"] as? [String: Any])
        #expect(batch["records_listed"] as? Int == 2)
        #expect(batch["received_count"] as? Int == 5)
        let csv = try p.cli.ok("report", "batch", p.code, "--format", "csv").stdout
        #expect(csv.hasPrefix("record,kind,status,"))
        #expect(csv.contains("\(p.code)/R-2,remains,received,unknown,30,45,UA-14,,\r\n"))
        let ukrainian = try p.cli.ok("report", "batch", p.code, "--lang", "uk").stdout
        #expect(ukrainian.contains("Партія \(p.code)"))
    }

    @Test func theStatisticsPageIsWrittenToANewPrivateFile() throws {
        let p = try prepared()
        let target = p.cli.path("stats.html")
        let note = try p.cli.ok("report", "stats", "-o", target, "--lang", "ru")
        #expect(note.stderr.contains("wrote the ru html statistics report to \(target) (mode 0600)"))
        let attributes = try FileManager.default.attributesOfItem(atPath: target)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        let html = try String(contentsOfFile: target, encoding: .utf8)
        #expect(html.contains("<svg") && html.contains("Донецкая область") && html.contains("<html lang=\"ru\">"))
        #expect(!html.contains("0671234567") && !html.contains("+38067") && !html.contains("Ольга"))
        let again = try p.cli.run(["report", "stats", "-o", target])
        #expect(again.status == 73, "an existing file is never overwritten: \(again.stderr)")
        #expect(try String(contentsOfFile: target, encoding: .utf8) == html)
        let written = try json(try p.cli.ok("report", "stats", "-o", p.cli.path("stats.csv"), "--json").stdout)
        #expect(written["format"] as? String == "csv", "the format follows the file's extension")
        let csv = try String(contentsOfFile: p.cli.path("stats.csv"), encoding: .utf8)
        #expect(csv.contains("inquiries_by_region,UA-14,Donetsk Oblast,linked,") || csv.contains("inquiries_by_region,UA-14,Donetsk Oblast,open,1"))
    }

    @Test func theFamilyReportEndToEnd() throws {
        let p = try prepared()
        let text = try p.cli.ok("report", "family", p.reference, "--lang", "en").stdout
        #expect(text.contains(p.reference))
        #expect(text.contains("Test centre (fictional)"))
        #expect(text.contains("ЗСУ-5520981"), "the family's own details, to check")
        #expect(!text.contains("olena") && !text.contains("R-1") && !text.contains(p.code))
        let file = p.cli.path("family.html")
        try p.cli.ok("report", "family", p.reference, "-o", file)
        let html = try String(contentsOfFile: file, encoding: .utf8)
        #expect(html.contains("<html lang=\"uk\">"), "the inquiry's preferred language by default")
        try p.cli.ok("login", "alice", "--password-stdin", stdin: CLIHarness.adminPassword + "\n")
        let audit = try p.cli.ok("audit", "log", "--action", "report.family", "--json").stdout
        let events = try #require(try JSONSerialization.jsonObject(with: Data(audit.utf8)) as? [[String: Any]])
        #expect(events.count == 2, "both exports audited")
        #expect(events.allSatisfy { $0["outcome"] as? String == "ok" })
    }

    @Test func badValuesAndWrongRolesGetTheirExitCodes() throws {
        let p = try prepared()
        let unknown = try p.cli.run(["report", "batch", "B-2025-9999"])
        #expect(unknown.status == 65, "an unknown batch is bad input data: \(unknown.stderr)")
        #expect(unknown.stderr.contains("B-2025-9999"))
        let malformed = try p.cli.run(["report", "batch", "2025-1"])
        #expect([64, 65].contains(malformed.status), "\(malformed.status) \(malformed.stderr)")
        #expect(try p.cli.run(["report", "stats", "--format", "pdf"]).status == 64)
        #expect(try p.cli.run(["report", "stats", "--lang", "de"]).status == 64)
        #expect(try p.cli.run(["report", "stats", "-o", " "]).status == 64)
        let missingFolder = try p.cli.run(["report", "stats", "-o", p.cli.path("no/such/folder/x.html")])
        #expect(missingFolder.status != 0)
        try p.cli.ok("login", "vera", "--password-stdin", stdin: CLIHarness.staffPassword + "\n")
        for arguments in [["report", "batch", p.code], ["report", "stats"], ["report", "family", p.reference]] {
            let refused = try p.cli.run(arguments)
            #expect(refused.status == 77, "volunteer: \(arguments) → \(refused.status) \(refused.stderr)")
        }
        try p.cli.ok("login", "alice", "--password-stdin", stdin: CLIHarness.adminPassword + "\n")
        try p.cli.ok("report", "stats")
        #expect(try p.cli.run(["report", "family", p.reference]).status == 77, "admins do not hand families reports")
    }

    @Test func settingsAreForAdminsAndAFamilyReportNeedsThem() throws {
        let cli = try CLIHarness.initialised()
        try cli.addAndLogin("olena", role: "coordinator")
        let reference = try cli.ok(
            "inquiry", "add", "--family-name", "Ткаченко", "--given-name", "Дмитро", "--region", "UA-14", "--last-seen", "2025-03",
            "--inquirer-name", "Ткаченко Ольга", "--relationship", "мати", "--phone", "0671234567",
            "--consent-tracing", "yes").stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let missing = try cli.run(["report", "family", reference])
        #expect(missing.status == 65)
        #expect(missing.stderr.contains("centre.name") && missing.stderr.contains("settings set"))
        #expect(try cli.run(["settings", "set", "centre.name", "X"]).status == 77)
        try cli.ok("login", "alice", "--password-stdin", stdin: CLIHarness.adminPassword + "\n")
        let badKey = try cli.run(["settings", "set", "centre.fax", "1"])
        #expect(badKey.status == 64 || badKey.status == 65)
        #expect(badKey.stderr.contains("centre.fax"))
        try cli.ok("settings", "set", "centre.name", "Centre")
        try cli.ok("settings", "set", "centre.phone", "+380 44 000 00 00")
        #expect(try cli.ok("settings", "list").stdout.contains("centre.name"))
        // A value with one long word (a web address) is broken across lines within 80 columns, whole.
        let address = "https://example.org/" + String(repeating: "centre-contacts-", count: 8) + "page"
        try cli.ok("settings", "set", "centre.address", "See \(address) for directions")
        let listed = try cli.ok("settings", "list").stdout
        #expect(listed.split(separator: "\n").allSatisfy { $0.count <= 80 }, "\(listed)")
        let valueColumn = listed.split(separator: "\n").compactMap { line -> String? in
            guard let start = line.range(of: "https://")?.lowerBound ?? (line.hasPrefix(" ") ? line.firstIndex { $0 != " " } : nil)
            else { return nil }
            return String(line[start...].prefix { $0 != " " })
        }.joined()
        #expect(valueColumn.contains(address))
    }
}
