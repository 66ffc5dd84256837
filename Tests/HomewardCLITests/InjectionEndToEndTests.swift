import Foundation
import Testing

/// Issue "Prove it", item 5: SQL and HTML/template injection strings that are valid data are
/// stored as they are, come out escaped in every HTML report, quoted or formula-safe in CSV,
/// as plain data in JSON, and never run as SQL or as a template.
@Suite(.serialized) struct InjectionEndToEndTests {
    static let sql = "'; DROP TABLE inquiry;--"
    static let html = "<script>alert(1)</script>"
    static let template = "{{x}}"
    static let triple = "{{{y}}}"
    static let all = [sql, html, template, triple]

    struct Stage {
        let cli: CLIHarness
        let reference: String
        let code: String
    }

    /// Every text field of an inquiry, a batch, its manifest and the centre's settings carries
    /// an injection string; the record is linked and identified so every report shows them.
    func stage() throws -> Stage {
        let cli = try CLIHarness.initialised()
        try cli.ok("settings", "set", "centre.name", "Centre \(Self.html) \(Self.template)")
        try cli.ok("settings", "set", "centre.phone", "+380 44 000 00 00")
        try cli.ok("settings", "set", "centre.address", Self.sql + " " + Self.triple)
        try cli.ok("user", "add", "petro", "--role", "coordinator", "--password-stdin", stdin: CLIHarness.staffPassword + "\n")
        try cli.addAndLogin("olena", role: "coordinator")
        let reference = try cli.ok(
            "inquiry", "add", "--family-name", Self.sql, "--given-name", Self.html, "--patronymic", Self.template,
            "--region", "UA-14", "--place", Self.triple, "--last-seen", "2025-03", "--date-of-birth", "1994-03",
            "--service-number", "ЗСУ-5550123", "--unit", Self.html, "--rank", Self.template, "--circumstances", Self.sql, "--distinguishing-features", Self.triple,
            "--inquirer-name", Self.html, "--relationship", Self.template, "--phone", "0671234567",
            "--notes", Self.sql, "--consent-tracing", "yes").stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let code = try cli.ok("batch", "add", "--date", "2025-06-14", "--kind", "remains", "--received", "2", "--regions", "Donetsk",
                              "--transfer-point", Self.html, "--agreement", Self.template)
            .stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let manifest = "tag,kind,name,service_number,sex,age_min,age_max,recovery_region,recovery_place,recovery_date,effects,notes\n"
            + "R-1,remains,,ЗСУ-5550123,male,25,35,Donetsk,\"\(Self.html)\",2025-05-02,\"\(Self.template)\",\"\(Self.sql)\"\n"
            + "=HYPERLINK(1),remains,,,male,25,35,Donetsk,,2025-05-02,,\n"
        try cli.ok("batch", "import-manifest", code, try cli.write("manifest.csv", manifest))
        try cli.ok("match", "--batch", code, "--save")
        let listed = try cli.ok("link", "list", "--json").stdout
        let links = try #require(try JSONSerialization.jsonObject(with: Data(listed.utf8)) as? [[String: Any]], "\(listed)")
        let link = try #require(links.first { ($0["record"] as? String) == "\(code)/R-1" }?["id"] as? Int, "\(listed)")
        try cli.ok("link", "confirm", String(link))
        try cli.ok("ident", "set", "\(code)/R-1", "examination", "--note", Self.triple)
        try cli.ok("ident", "set", "\(code)/R-1", "identified", "--method", "dna", "--evidence", Self.html, "--note", Self.template)
        try cli.ok("login", "petro", "--password-stdin", stdin: CLIHarness.staffPassword + "\n")
        try cli.ok("ident", "confirm", "\(code)/R-1", "--note", Self.sql)
        return Stage(cli: cli, reference: reference, code: code)
    }

    func expectEscaped(_ html: String, _ label: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(!html.contains("<script"), "\(label): raw <script>", sourceLocation: sourceLocation)
        #expect(!html.contains("'; DROP"), "\(label): raw quote", sourceLocation: sourceLocation)
    }

    @Test func injectionStringsAreDataEverywhere() throws {
        let stage = try stage()
        let cli = stage.cli
        // Stored and read back exactly, as JSON data.
        let shown = try cli.ok("inquiry", "show", stage.reference, "--json").stdout
        let object = try #require(try JSONSerialization.jsonObject(with: Data(shown.utf8)) as? [String: Any])
        let person = try #require(object["person"] as? [String: Any])
        #expect(person["family_name"] as? String == Self.sql)
        #expect(person["given_name"] as? String == Self.html)
        #expect(person["patronymic"] as? String == Self.template)
        #expect(person["last_known_place"] as? String == Self.triple)
        let contact = try #require(object["contact"] as? [String: Any])
        #expect(contact["inquirer_name"] as? String == Self.html)
        #expect(contact["relationship"] as? String == Self.template)
        #expect(object["notes"] as? String == Self.sql)

        // The family report: escaped in HTML, as written in text and JSON; templates not run.
        let family = try cli.ok("report", "family", stage.reference, "--format", "html", "--lang", "en").stdout
        expectEscaped(family, "family html")
        #expect(family.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "family html escapes the name")
        #expect(family.contains("DROP TABLE inquiry;--"))
        #expect(family.contains(Self.template) && family.contains(Self.triple), "template markers stay text")
        let text = try cli.ok("report", "family", stage.reference, "--format", "txt", "--lang", "en").stdout
        #expect(text.contains(Self.sql) && text.contains(Self.html))
        let json = try cli.ok("report", "family", stage.reference, "--format", "json", "--lang", "en").stdout
        let document = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(String(describing: document).contains(Self.sql))

        // The batch report: the confirmed person's name and the record's fields.
        let batch = try cli.ok("report", "batch", stage.code, "--format", "html").stdout
        expectEscaped(batch, "batch html")
        #expect(batch.contains("&lt;script&gt;") || batch.contains("DROP TABLE inquiry;--"), "the linked person is named")
        let csv = try cli.ok("report", "batch", stage.code, "--format", "csv").stdout
        let cells = csv.split(whereSeparator: { $0 == "," || $0 == "\r\n" })
        #expect(csv.contains("\(stage.code)/=HYPERLINK(1)"), "\(csv)")
        #expect(!cells.contains { $0.hasPrefix("=") || $0.hasPrefix("+") || $0.hasPrefix("@") }, "no cell a spreadsheet would run: \(csv)")
        let batchJSON = try cli.ok("report", "batch", stage.code, "--format", "json").stdout
        #expect((try? JSONSerialization.jsonObject(with: Data(batchJSON.utf8))) != nil)

        // Statistics: nothing typed reaches it but it must still be a clean page.
        let stats = try cli.ok("report", "stats", "--format", "html").stdout
        expectEscaped(stats, "stats html")
        #expect(try cli.ok("report", "stats", "--format", "csv").stdout.hasPrefix("section,key,name,measure,value"))
        let table = try cli.ok("report", "stats").stdout
        #expect(!table.contains("<script"))

        // Nothing ran as SQL: the table is there with its row.
        #expect(try Hostile.tool(["sqlite3", cli.databasePath, "SELECT count(*) FROM inquiry"]).stdout == "1\n")
        try cli.ok("login", "alice", "--password-stdin", stdin: CLIHarness.adminPassword + "\n")
        try cli.ok("audit", "verify")
    }
}
