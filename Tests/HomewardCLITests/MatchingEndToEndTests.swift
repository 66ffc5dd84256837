import Foundation
import Testing

/// `match` and `link` through the built binary: text and JSON output, saved links and their
/// decisions, bad input, and real processes racing to confirm one record.
@Suite(.serialized) struct MatchingEndToEndTests {
    static let manifest = """
        tag,kind,name,service_number,sex,age_min,age_max,recovery_region,recovery_place,recovery_date,effects,notes
        R-1,remains,Шевченко Олексій,,male,25,35,Donetsk,near Bakhmut,2024-08-01,,
        R-2,remains,,,male,25,45,UA-14,,,,
        R-3,remains,Ковальчук-Мирошниченко Олександр,,male,30,40,Donetsk,,2024-09-15,,

        """

    /// Men whose families asked about them, all last known in Donetsk Oblast; the first is R-1.
    static let persons: [(family: String, given: String, patronymic: String, born: String)] = [
        ("Шевченко", "Олексій", "Петрович", "1994-03-12"),
        ("Шевченко", "Петро", "Іванович", "1990-02-01"),
        ("Шевчук", "Олексій", "Петрович", "1994-07-30"),
        ("Коваленко", "Олексій", "Миколайович", "1995-05-05"),
        ("Ковальчук-Мирошниченко", "Олександр", "Володимирович", "1988-10-10"),
        ("Мельник", "Іван", "Сергійович", "1993-01-01"),
        ("Бондаренко", "Андрій", "Олегович", "1996-06-06"),
        ("Ткаченко", "Дмитро", "Васильович", "1992-02-02"),
        ("Лисенко", "Роман", "Тарасович", "1991-09-09"),
    ]

    struct Prepared {
        let cli: CLIHarness
        let code: String
        /// Inquiry references in the order of ``persons``.
        let references: [String]
        var truth: String { references[0] }
        var r1: String { "\(code)/R-1" }
    }

    /// Coordinators olena (logged in) and petro, volunteer vera, auditor audra; the inquiries
    /// of ``persons``; a remains batch with ``manifest``. Nothing matched yet.
    func prepared() throws -> Prepared {
        let cli = try CLIHarness.initialised()
        for (name, role) in [("petro", "coordinator"), ("vera", "volunteer"), ("audra", "auditor")] {
            try cli.ok("user", "add", name, "--role", role, "--password-stdin", stdin: CLIHarness.staffPassword + "\n")
        }
        try cli.addAndLogin("olena", role: "coordinator")
        var references: [String] = []
        for (index, person) in Self.persons.enumerated() {
            var arguments = ["inquiry", "add", "--family-name", person.family, "--given-name", person.given,
                             "--patronymic", person.patronymic, "--date-of-birth", person.born, "--sex", "male",
                             "--region", "UA-14", "--last-seen", "2023-05-20", "--inquirer-name", "\(person.family) Марія",
                             "--relationship", "мати", "--phone", "067123456\(index)", "--consent-tracing", "yes"]
            if index == 0 { arguments += ["--service-number", "ЗСУ-4471203"] }
            let outcome = try cli.run(arguments)
            #expect(outcome.status == 0, "\(outcome.stderr)")
            references.append(outcome.stdout.trimmingCharacters(in: .whitespacesAndNewlines))
        }
        let code = try cli.ok("batch", "add", "--date", "2025-06-14", "--kind", "remains", "--received", "3",
                              "--regions", "Donetsk,Luhansk").stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        try cli.ok("batch", "import-manifest", code, try cli.write("manifest.csv", Self.manifest))
        return Prepared(cli: cli, code: code, references: references)
    }

    func json(_ text: String) throws -> Any {
        try JSONSerialization.jsonObject(with: Data(text.utf8))
    }

    func objects(_ outcome: CLIHarness.Outcome) throws -> [[String: Any]] {
        try #require(try json(outcome.stdout) as? [[String: Any]], "\(outcome.stdout)")
    }

    func login(_ cli: CLIHarness, _ name: String) throws {
        try cli.ok("login", name, "--password-stdin", stdin: (name == "alice" ? CLIHarness.adminPassword : CLIHarness.staffPassword) + "\n")
    }

    /// What sqlite3 prints for a query.
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

    /// Every row of every table a matching command could change, and the count of successful
    /// audit events (a refused command is itself audited, as failed or denied; logins and
    /// sessions are not what is compared).
    func snapshot(_ cli: CLIHarness) throws -> [String] {
        var rows: [String] = []
        for table in ["person", "inquiry", "batch", "batch_region", "returned_record", "returned_record_change", "link",
                      "identification_event"] {
            rows.append("\(table): " + (try sqlite(cli, "SELECT * FROM \(table) ORDER BY id")))
        }
        rows.append(try sqlite(cli, "SELECT count(*) FROM audit_event WHERE outcome = 'ok' AND action NOT LIKE 'auth.%'"))
        return rows
    }

    /// The candidate links of `record` as (id, reference), best first.
    func links(_ cli: CLIHarness, _ record: String) throws -> [(id: Int, reference: String)] {
        try objects(try cli.ok("link", "list", "--json")).filter { $0["record"] as? String == record }
            .compactMap { link in (link["id"] as? Int).map { ($0, link["reference"] as? String ?? "") } }
    }

    // MARK: Output

    @Test func textOutputFitsEightyColumnsAndShowsReasons() throws {
        let p = try prepared()
        let text = try p.cli.ok("match", "--batch", p.code).stdout
        let saved = try p.cli.ok("match", "--batch", p.code, "--save", "--min-score", "-99")
        #expect(saved.stderr.contains("saved candidate links: 15 new, 0 updated, 0 unchanged"), "\(saved.stderr)")
        let first = try #require(saved.stdout.split(separator: "\n").first { $0.hasPrefix("  1. \(p.truth)  ") })
        #expect(first.hasPrefix("  1. \(p.truth)  Шевченко Олексій Петрович  score ") && first.hasSuffix("  link 1 candidate"), "\(first)")
        for arguments in [["match", "--batch", p.code], ["match", "--batch", p.code, "--top", "8", "--save"],
                          ["match", "--batch", p.code, "--top", "8"], ["match", "--inquiry", p.truth],
                          ["match", "--inquiry", p.truth, "--save"], ["link", "list"]] {
            let outcome = try p.cli.run(arguments)
            #expect(outcome.status == 0, "\(outcome.stderr)")
            let lines = outcome.stdout.split(separator: "\n", omittingEmptySubsequences: false)
            for line in lines {
                #expect(line.count <= 80, "\(arguments.joined(separator: " ")): \(line.count) columns: \(line)")
                #expect(line.isEmpty || !line.allSatisfy(\.isWhitespace), "a blank line of spaces")
            }
        }
        #expect(text.hasPrefix("\(p.code): 3 records against 9 persons with tracing consent\n"))
        #expect(text.contains("\n\(p.r1)  \"Шевченко Олексій\"\n  1. \(p.truth)  Шевченко Олексій Петрович  score "), "\(text)")
        #expect(text.contains("\n\(p.code)/R-2  (no name)\n"))
        for reason in ["name: \"Шевченко Олексій\" ~ \"Шевченко Олексій Петрович\": family exact,",
                       "region: UA-14 Donetsk Oblast is the last known region", "sex: male on both", "age: estimated 25–35",
                       "date: recovered 439 days after last seen", "dna: no family reference sample: request one"] {
            #expect(text.contains("       " + reason), "missing \(reason) in\n\(text)")
        }
        // A long name and long reasons wrap instead of running past the edge; the score moves to a line of its own.
        #expect(text.contains("  Ковальчук-Мирошниченко Олександр Володимирович\n       score "), "\(text)")
        #expect(text.contains("family exact,\n         given exact (×"), "\(text)")
    }

    @Test func jsonIsBestFirstPerRecordAndTopAndMinScoreCut() throws {
        let p = try prepared()
        let all = try objects(try p.cli.ok("match", "--batch", p.code, "--json", "--top", "100"))
        #expect(all.allSatisfy { Set(["record", "reference", "score", "reasons", "rank", "name"]).isSubset(of: Set($0.keys)) })
        let records = all.compactMap { $0["record"] as? String }
        #expect(records == records.sorted(), "records in manifest order, each once in a run")
        #expect(Set(records) == ["\(p.code)/R-1", "\(p.code)/R-2", "\(p.code)/R-3"])
        for record in Set(records) {
            let list = all.filter { $0["record"] as? String == record }
            let scores = list.compactMap { $0["score"] as? Double }
            #expect(scores.count == list.count && scores == scores.sorted(by: >), "\(record): \(scores)")
            #expect(list.compactMap { $0["rank"] as? Int } == Array(1...list.count))
            #expect(list.allSatisfy { ($0["reasons"] as? [String])?.isEmpty == false })
        }
        #expect(all.first { $0["record"] as? String == p.r1 }?["reference"] as? String == p.truth)
        #expect(all.first { $0["record"] as? String == "\(p.code)/R-3" }?["reference"] as? String == p.references[4])
        let reasons = try #require(all.first?["reasons"] as? [String])
        #expect(reasons.contains { $0.hasPrefix("name: ") } && reasons.contains { $0.hasPrefix("date: ") })

        let top = try objects(try p.cli.ok("match", "--batch", p.code, "--json", "--top", "2"))
        #expect(Dictionary(grouping: top) { $0["record"] as? String ?? "" }.values.allSatisfy { $0.count == 2 })
        #expect(top.count == 6)
        let cut = try #require(all.first { $0["record"] as? String == p.r1 && $0["rank"] as? Int == 3 }?["score"] as? Double)
        let strong = try objects(try p.cli.ok("match", "--batch", p.code, "--json", "--top", "100", "--min-score", "\(cut)"))
        #expect(strong.allSatisfy { ($0["score"] as? Double ?? -.infinity) >= cut })
        #expect(strong.filter { $0["record"] as? String == p.r1 }.count >= 3)
        #expect(strong.count < all.count)
        let none = try p.cli.ok("match", "--batch", p.code, "--json", "--min-score", "1000")
        #expect(try objects(none).isEmpty)
    }

    @Test func matchingAnInquiryListsBatchesWithReasons() throws {
        let p = try prepared()
        let far = try p.cli.ok("batch", "add", "--date", "2025-06-14", "--kind", "remains", "--received", "1",
                               "--regions", "Lviv").stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let list = try objects(try p.cli.ok("match", "--inquiry", p.truth, "--json"))
        #expect(list.map { $0["batch"] as? String } == [p.code, far])
        #expect(list.allSatisfy { $0["score"] is Double && ($0["reasons"] as? [String])?.isEmpty == false })
        let best = try #require(list.first)
        #expect(best["best_record"] as? String == p.r1)
        let reasons = try #require(best["reasons"] as? [String])
        #expect(reasons.contains { $0.hasPrefix("region: UA-14 Donetsk Oblast is a recovery region of the batch") })
        #expect(reasons.contains { $0.hasPrefix("manifest: best of 3 records is \(p.r1)") })
        let text = try p.cli.ok("match", "--inquiry", p.truth).stdout
        #expect(text.hasPrefix("1. \(p.code)  remains 2025-06-14 "))
        #expect(try objects(try p.cli.ok("match", "--inquiry", p.truth, "--json", "--top", "1")).count == 1)
    }

    // MARK: Saved links

    @Test func savedLinksAreListedConfirmedAndRejected() throws {
        let p = try prepared()
        try p.cli.ok("match", "--batch", p.code, "--save", "--min-score", "-99")
        let listed = try objects(try p.cli.ok("link", "list", "--json"))
        #expect(listed.count == 15)
        for link in listed {
            for field in ["id", "record", "reference", "state", "score", "reasons"] {
                #expect(link[field] != nil && !(link[field] is NSNull), "\(field) in \(link)")
            }
            #expect(link["state"] as? String == "candidate")
            #expect((link["reasons"] as? [String])?.isEmpty == false)
        }
        // Saving again changes nothing.
        let again = try p.cli.ok("match", "--batch", p.code, "--save", "--min-score", "-99")
        #expect(again.stderr.contains("saved candidate links: 0 new, 0 updated, 15 unchanged"), "\(again.stderr)")
        #expect(try objects(try p.cli.ok("link", "list", "--json")).count == 15)

        let r1 = try links(p.cli, p.r1)
        let confirm = try p.cli.ok("link", "confirm", "\(r1[0].id)")
        #expect(confirm.stderr == "link \(r1[0].id) confirmed; \(p.truth) is linked\n", "\(confirm.stderr)")
        let rejected = try #require(try json(try p.cli.ok("link", "reject", "\(r1[1].id)", "--reason", "DNA exclusion", "--json").stdout)
            as? [String: Any])
        #expect(rejected["state"] as? String == "rejected" && rejected["inquiry_status"] as? String == "open")
        let confirmed = try objects(try p.cli.ok("link", "list", "--state", "confirmed", "--json"))
        #expect(confirmed.count == 1 && confirmed.first?["record"] as? String == p.r1 && confirmed.first?["decided_by"] as? String == "olena")
        let rejections = try objects(try p.cli.ok("link", "list", "--state", "rejected", "--json"))
        #expect(rejections.first?["decision_reason"] as? String == "DNA exclusion")
        let inquiry = try #require(try json(try p.cli.ok("inquiry", "show", p.truth, "--json").stdout) as? [String: Any])
        #expect(inquiry["status"] as? String == "linked")
        let table = try p.cli.ok("link", "list", "--batch", p.code).stdout
        #expect(table.split(separator: "\n").allSatisfy { $0.count <= 80 })
        #expect(table.contains("confirmed") && table.contains("rejected"))
    }

    // MARK: Refusals

    @Test func badInputIsOneLineWithItsExitCodeAndChangesNothing() throws {
        let p = try prepared()
        try p.cli.ok("match", "--batch", p.code, "--save")
        let link = try links(p.cli, p.r1)[0].id
        let before = try snapshot(p.cli)
        let cases: [([String], Int32, String)] = [
            (["match", "--batch", "B-2025-999"], 65, "error: no batch \"B-2025-999\"; see 'homeward batch list'"),
            (["match", "--batch", "B-2025-999", "--save"], 65, "error: no batch"),
            (["match", "--batch", p.code, "--top", "0"], 64, "error: --top must be positive"),
            (["match", "--batch", p.code, "--top", "-3", "--save"], 64, "error: "),
            (["match", "--batch", p.code, "--top", "many"], 64, "error: "),
            (["match", "--batch", "not-a-code"], 64, "error: "),
            (["match"], 64, "error: say what to match"),
            (["match", "--batch", p.code, "--inquiry", p.truth], 64, "error: give either --batch or --inquiry"),
            (["match", "--inquiry", "HW-2025-999999-X"], 65, "error: "),
            (["link", "reject", "\(link)"], 64, "error: missing"),
            (["link", "reject", "\(link)", "--reason", " "], 65, "error: reason: required"),
            (["link", "confirm", "99999"], 65, "error: no link 99999; see 'homeward link list'"),
            (["link", "reject", "99999", "--reason", "x"], 65, "error: no link 99999"),
            (["link", "confirm", "abc"], 64, "error: "),
            (["link", "list", "--state", "maybe"], 64, "error: "),
        ]
        for (arguments, code, prefix) in cases {
            let outcome = try p.cli.run(arguments)
            let line = arguments.joined(separator: " ")
            #expect(outcome.status == code, "\(line) → \(outcome.status): \(outcome.stderr)")
            #expect(outcome.stderr.hasPrefix(prefix), "\(line): \(outcome.stderr)")
            #expect(outcome.stderr.split(separator: "\n").count == 1 && outcome.stderr.hasSuffix("\n"), "\(line): \(outcome.stderr)")
            #expect(outcome.stdout.isEmpty, "\(line): \(outcome.stdout)")
        }
        #expect(try snapshot(p.cli) == before)
    }

    @Test func decidedLinksAndRolesAreRefused() throws {
        let p = try prepared()
        try p.cli.ok("match", "--batch", p.code, "--save")
        let r1 = try links(p.cli, p.r1)
        try p.cli.ok("link", "confirm", "\(r1[0].id)")
        let before = try snapshot(p.cli)
        let twice = try p.cli.run(["link", "confirm", "\(r1[0].id)"])
        #expect(twice.status == 65)
        #expect(twice.stderr.hasPrefix("error: changed meanwhile: link \(r1[0].id) is already confirmed by olena at "), "\(twice.stderr)")
        let second = try p.cli.run(["link", "confirm", "\(r1[1].id)"])
        #expect(second.status == 65)
        #expect(second.stderr == "error: \(p.r1) already has a confirmed link (\(r1[0].id), \(p.truth)); reject that one first\n",
                "\(second.stderr)")
        for user in ["vera", "audra"] {
            try login(p.cli, user)
            for arguments in [["link", "confirm", "\(r1[1].id)"], ["link", "reject", "\(r1[1].id)", "--reason", "no"],
                              ["match", "--batch", p.code, "--save"]] {
                let outcome = try p.cli.run(arguments)
                #expect(outcome.status == 77, "\(user) \(arguments): \(outcome.stderr)")
                #expect(outcome.stderr.hasPrefix("error: permission denied"), "\(outcome.stderr)")
            }
        }
        #expect(try snapshot(p.cli) == before)
        try login(p.cli, "alice")
        let denied = try p.cli.auditEvents(action: "link.").filter { $0["outcome"] as? String == "denied" }
        #expect(denied.count == 4 && Set(denied.compactMap { $0["actor"] as? String }) == ["vera", "audra"], "\(denied)")
    }

    // MARK: Concurrency

    @Test func eightProcessesConfirmingEightCandidatesOfOneRecordLeaveExactlyOne() throws {
        let p = try prepared()
        try p.cli.ok("match", "--batch", p.code, "--top", "8", "--save", "--min-score", "-99")
        let candidates = try links(p.cli, p.r1)
        #expect(candidates.count == 8)
        #expect(Set(candidates.map(\.reference)).count == 8)
        let outcomes = try p.cli.runSimultaneously(candidates.map { (["link", "confirm", "\($0.id)"], "") })
        let statuses = outcomes.map(\.status)
        #expect(statuses.filter { $0 == 0 }.count == 1, "\(statuses): \(outcomes.map(\.stderr))")
        #expect(statuses.filter { $0 == 65 }.count == 7, "\(statuses): \(outcomes.map(\.stderr))")
        let winner = try #require(zip(candidates, outcomes).first { $0.1.status == 0 }?.0)
        for outcome in outcomes where outcome.status != 0 {
            #expect(outcome.stderr == "error: \(p.r1) already has a confirmed link (\(winner.id), \(winner.reference)); reject that one first\n",
                    "\(outcome.stderr)")
        }
        #expect(try sqlite(p.cli, "SELECT count(*) FROM link WHERE state = 'confirmed'") == "1")
        #expect(try sqlite(p.cli, "SELECT id FROM link WHERE state = 'confirmed'") == "\(winner.id)")
        #expect(try sqlite(p.cli, "SELECT count(*) FROM link WHERE state = 'candidate' AND record_id = (SELECT record_id FROM link WHERE id = \(winner.id))") == "7")
        #expect(try sqlite(p.cli, "SELECT group_concat(reference) FROM inquiry WHERE status = 'linked'") == winner.reference)
        let confirmed = try objects(try p.cli.ok("link", "list", "--state", "confirmed", "--json"))
        #expect(confirmed.count == 1 && confirmed.first?["id"] as? Int == winner.id)
        try login(p.cli, "alice")
        let events = try p.cli.auditEvents(action: "link.confirm")
        #expect(events.filter { $0["outcome"] as? String == "ok" }.count == 1)
        #expect(events.filter { $0["outcome"] as? String == "failed" }.count == 7)
        try p.cli.ok("audit", "verify")
    }
}
