import Foundation
import Testing

/// Issue 8 items 6–8 through the built binary: identification status, four-eyes confirmation,
/// history, volunteers' scope, and real processes racing on one record.
@Suite(.serialized) struct IdentificationEndToEndTests {
    static let manifest = """
        tag,kind,name,service_number,sex,age_min,age_max,recovery_region,recovery_place,recovery_date,effects,notes
        R-1,remains,Ткаченко Дмитро,ЗСУ-5520981,male,25,35,Donetsk,near Bakhmut,2025-05-02,,
        R-2,remains,,,,30,45,UA-14,,,,

        """

    struct Prepared {
        let cli: CLIHarness
        let reference: String
        let code: String
        var r1: String { "\(code)/R-1" }
    }

    /// Coordinators olena (logged in) and petro, volunteer vera; an inquiry whose person is the
    /// named R-1 of a remains batch; matching saved, nothing confirmed yet.
    func prepared() throws -> Prepared {
        let cli = try CLIHarness.initialised()
        for (name, role) in [("petro", "coordinator"), ("vera", "volunteer")] {
            try cli.ok("user", "add", name, "--role", role, "--password-stdin", stdin: CLIHarness.staffPassword + "\n")
        }
        try cli.addAndLogin("olena", role: "coordinator")
        let reference = try cli.ok(
            "inquiry", "add", "--family-name", "Ткаченко", "--given-name", "Дмитро", "--region", "UA-14", "--last-seen", "2025-03",
            "--service-number", "ЗСУ-5520981", "--inquirer-name", "Ткаченко Ольга", "--relationship", "мати",
            "--phone", "0671234567", "--consent-tracing", "yes").stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let code = try cli.ok("batch", "add", "--date", "2025-06-14", "--kind", "remains", "--received", "2",
                              "--regions", "Donetsk,Luhansk").stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        try cli.ok("batch", "import-manifest", code, try cli.write("manifest.csv", Self.manifest))
        try cli.ok("match", "--batch", code, "--save")
        return Prepared(cli: cli, reference: reference, code: code)
    }

    func json(_ text: String) throws -> Any {
        try JSONSerialization.jsonObject(with: Data(text.utf8))
    }

    func login(_ cli: CLIHarness, _ name: String) throws {
        try cli.ok("login", name, "--password-stdin", stdin: (name == "alice" ? CLIHarness.adminPassword : CLIHarness.staffPassword) + "\n")
    }

    /// The id of the candidate link of `record`.
    func linkID(_ cli: CLIHarness, _ record: String) throws -> String {
        let links = try #require(try json(try cli.ok("link", "list", "--json").stdout) as? [[String: Any]])
        let link = try #require(links.first { $0["record"] as? String == record })
        return "\(try #require(link["id"] as? Int))"
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

    @Test func eightProcessesSettingOneRecordAtOnceLeaveExactlyOneChange() throws {
        let p = try prepared()
        let outcomes = try p.cli.runSimultaneously(Array(
            repeating: (["ident", "set", p.r1, "examination", "--expect", "received"], ""), count: 8))
        let statuses = outcomes.map(\.status)
        #expect(statuses.filter { $0 == 0 }.count == 1, "\(statuses)")
        #expect(statuses.filter { $0 == 65 }.count == 7, "\(statuses): \(outcomes.map(\.stderr))")
        for outcome in outcomes where outcome.status != 0 {
            #expect(outcome.stderr.hasPrefix("error: changed meanwhile: \(p.r1) is examination (set by olena at "), "\(outcome.stderr)")
            #expect(outcome.stderr.split(separator: "\n").count == 1 && !outcome.stderr.contains("locked"))
        }
        #expect(try sqlite(p.cli, "SELECT group_concat(kind || ':' || status) FROM identification_event") == "change:examination")
        try login(p.cli, "alice")
        let events = try p.cli.auditEvents(action: "ident.set")
        #expect(events.filter { $0["outcome"] as? String == "ok" }.count == 1)
        #expect(events.filter { $0["outcome"] as? String == "failed" }.count == 7)
        try p.cli.ok("audit", "verify")
    }

    @Test func theWholeWorkflowThroughTheCommandLine() throws {
        let p = try prepared()
        let cli = p.cli
        let link = try linkID(cli, p.r1)
        try cli.ok("link", "confirm", link)
        try cli.ok("ident", "set", p.r1, "examination", "--expect", "received")
        try cli.ok("ident", "set", p.r1, "dna_sampled", "--evidence", "LAB-2025-114")
        try cli.ok("ident", "set", p.r1, "match_candidate")
        let proposed = try #require(try json(try cli.ok(
            "ident", "set", p.r1, "identified", "--method", "dna", "--evidence", "LAB-2025-114", "--note", "profile match",
            "--expect", "match_candidate", "--json").stdout) as? [String: Any])
        #expect(proposed["kind"] as? String == "proposal" && proposed["status"] as? String == "match_candidate")
        #expect(proposed["needed"] as? Int == 1)

        // The proposer cannot confirm: 77, nothing written.
        let own = try cli.run(["ident", "confirm", p.r1])
        #expect(own.status == 77 && own.stderr.contains("four-eyes") && own.stderr.contains("you proposed"))
        let shown = try cli.ok("batch", "show", p.r1).stdout
        #expect(shown.contains("Status       match_candidate"))
        #expect(shown.contains("0 of 1 confirmations"))
        #expect(shown.contains("confirmed  \(p.reference)"))

        try login(cli, "petro")
        let confirmed = try cli.ok("ident", "confirm", p.r1)
        #expect(confirmed.stderr.contains("identified is in effect; \(p.reference) is resolved"))
        let inquiry = try #require(try json(try cli.ok("inquiry", "show", p.reference, "--json").stdout) as? [String: Any])
        #expect(inquiry["status"] as? String == "resolved")

        let history = try #require(try json(try cli.ok("ident", "history", p.r1, "--json").stdout) as? [[String: Any]])
        #expect(history.map { $0["kind"] as? String } == ["change", "change", "change", "proposal", "confirmation", "change"])
        #expect(history.map { $0["status"] as? String }
            == ["examination", "dna_sampled", "match_candidate", "identified", "identified", "identified"])
        #expect(history.map { $0["by"] as? String } == ["olena", "olena", "olena", "olena", "petro", "petro"])
        #expect(history[3]["method"] as? String == "dna" && history[3]["evidence"] as? String == "LAB-2025-114")
        #expect(history[3]["note"] as? String == "profile match")
        let fields: Set<String> = ["id", "record", "at", "by", "kind", "status", "method", "evidence", "note", "via",
                                   "proposal_id", "link_id"]
        #expect(history.allSatisfy { Set($0.keys) == fields })
        let text = try cli.ok("ident", "history", p.r1).stdout
        #expect(text.contains("petro  confirmation  identified") && text.contains("profile match"))

        let record = try #require(try json(try cli.ok("batch", "show", p.r1, "--json").stdout) as? [String: Any])
        #expect(record["status"] as? String == "identified")
        #expect(record["next_statuses"] as? [String] == ["family_notified", "revoked"])
        #expect(record["pending_proposal"] is NSNull)
        let links = try #require(record["links"] as? [[String: Any]])
        #expect(links.first?["state"] as? String == "confirmed" && links.first?["reference"] as? String == p.reference)

        // Identified through it, the link cannot be rejected; notified needs --via; revoke needs a note.
        #expect(try cli.run(["link", "reject", link, "--reason", "doubt"]).status == 65)
        let noVia = try cli.run(["ident", "set", p.r1, "family_notified"])
        #expect(noVia.status == 65 && noVia.stderr.contains("via: required for family_notified"))
        try cli.ok("ident", "set", p.r1, "family_notified", "--via", "in_person", "--note", "told at the centre")
        let noNote = try cli.run(["ident", "set", p.r1, "revoked"])
        #expect(noNote.status == 65 && noNote.stderr.contains("note: required for revoked"))
        let revoked = try cli.ok("ident", "set", p.r1, "revoked", "--note", "lab reported a mix-up")
        #expect(revoked.stderr.contains("(now examination)") && revoked.stderr.contains("\(p.reference) is linked"))
        let batch = try cli.ok("batch", "show", p.code).stdout
        #expect(batch.contains("\(p.r1)  remains  examination"))

        // The trail: statuses and methods, never notes, evidence or the family's details.
        try login(cli, "alice")
        let trail = try cli.ok("audit", "log", "--action", "ident.", "--json").stdout
        #expect(trail.contains("ident.propose") && trail.contains("ident.confirm") && trail.contains("ident.revoke"))
        for secret in ["profile match", "LAB-2025-114", "mix-up", "told at the centre", "Ольга", "671234567"] {
            #expect(!trail.contains(secret), "\(secret) in the trail")
        }
        try cli.ok("audit", "verify")
    }

    @Test func documentsNeedTwoOtherCoordinators() throws {
        let p = try prepared()
        let cli = p.cli
        try login(cli, "alice")
        try cli.ok("user", "add", "ivan", "--role", "coordinator", "--password-stdin", stdin: CLIHarness.staffPassword + "\n")
        try login(cli, "olena")
        try cli.ok("link", "confirm", try linkID(cli, p.r1))
        try cli.ok("ident", "set", p.r1, "examination")
        try cli.ok("ident", "set", p.r1, "identified", "--method", "documents")
        try login(cli, "petro")
        #expect(try cli.ok("ident", "confirm", p.r1).stderr.contains("confirmation 1 of 2"))
        let twice = try cli.run(["ident", "confirm", p.r1])
        #expect(twice.status == 77 && twice.stderr.contains("already confirmed"))
        try login(cli, "ivan")
        #expect(try cli.ok("ident", "confirm", p.r1, "--json").stdout.contains("\"in_effect\" : true"))
    }

    @Test func badInputIsOneLineNamingTheFieldAndChangesNothing() throws {
        let p = try prepared()
        let cli = p.cli
        let count = "SELECT count(*) FROM identification_event"
        for (arguments, code, words) in [
            (["ident", "set", p.r1, "found"], Int32(64), "'found' is invalid"),
            (["ident", "set", p.r1, "examination", "--method", "xray"], 64, "'xray' is invalid"),
            (["ident", "set", p.r1, "examination", "--expect", "sure"], 64, "'sure' is invalid"),
            (["ident", "set", p.r1, "examination", "--via", "phone"], 65, "via: phone is only for family_notified"),
            (["ident", "set", p.r1, "identified", "--method", "dna"], 65, "it can become examination, on_hold or unidentifiable, not identified"),
            (["ident", "set", p.r1, "identified"], 65, "method: required for identified"),
            (["ident", "set", p.r1, "released_to_family"], 65, "is received; it can become examination, on_hold or unidentifiable"),
            (["ident", "set", "\(p.code)/R-9", "examination"], 65, "no returned record"),
            (["ident", "set", "R-1", "examination"], 65, "use CODE/TAG"),
            (["ident", "confirm", p.r1], 65, "has no identification proposal"),
        ] {
            let outcome = try cli.run(arguments)
            #expect(outcome.status == code, "\(arguments): \(outcome.stderr)")
            #expect(outcome.stderr.hasPrefix("error: ") && outcome.stderr.split(separator: "\n").count == 1, "\(outcome.stderr)")
            #expect(outcome.stderr.contains(words), "\(arguments): \(outcome.stderr)")
        }
        let values = try cli.run(["ident", "set", p.r1, "found"]).stderr
        #expect(values.contains("received, examination, dna_sampled"), "the allowed words stay on the one line: \(values)")
        #expect(try sqlite(cli, count) == "0")
    }

    @Test func aVolunteerWorksOnlyOnAssignedBatchesAndUpToMatchCandidate() throws {
        let p = try prepared()
        let cli = p.cli
        try cli.ok("link", "confirm", try linkID(cli, p.r1))
        let other = try cli.ok("batch", "add", "--date", "2025-06-01", "--kind", "remains", "--regions", "Kharkiv").stdout
            .trimmingCharacters(in: .whitespacesAndNewlines)
        try cli.ok("batch", "import-manifest", other, try cli.write("other.csv", "tag,kind\nX-1,remains\n"))
        try login(cli, "alice")
        try cli.ok("user", "assign", "vera", "--batch", p.code)
        try login(cli, "vera")
        try cli.ok("ident", "set", p.r1, "examination")
        try cli.ok("ident", "set", p.r1, "match_candidate", "--expect", "examination")
        let beyond = try cli.run(["ident", "set", p.r1, "identified", "--method", "dna"])
        #expect(beyond.status == 77 && beyond.stderr.contains("a volunteer may set only"), "\(beyond.stderr)")
        #expect(try cli.run(["ident", "confirm", p.r1]).status == 77)
        let elsewhere = try cli.run(["ident", "set", "\(other)/X-1", "examination"])
        #expect(elsewhere.status == 77 && elsewhere.stderr.contains("not assigned to you"))
        #expect(try cli.run(["ident", "history", "\(other)/X-1"]).status == 77)
        // What a volunteer reads of their record: the linked person and reference, never the family's details.
        let shown = try cli.ok("batch", "show", p.r1).stdout + (try cli.ok("batch", "show", p.r1, "--json").stdout)
            + (try cli.ok("ident", "history", p.r1, "--json").stdout)
        #expect(shown.contains(p.reference) && shown.contains("Ткаченко Дмитро"))
        for secret in ["Ольга", "мати", "671234567"] { #expect(!shown.contains(secret), "\(secret) shown to a volunteer") }
        try login(cli, "alice")
        let denied = try cli.ok("audit", "log", "--actor", "vera", "--json").stdout
        let events = try #require(try json(denied) as? [[String: Any]])
        #expect(events.filter { $0["outcome"] as? String == "denied" }.count == 4)
    }
}
