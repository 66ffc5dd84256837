import Foundation
import HomewardCore
import Testing

/// `homeward serve` started for real on a free loopback port, and the `homeward` CLI (or curl)
/// talking to it: the same results as against the file, the role matrix over HTTP, the
/// protocol's refusals, TLS and shutdown.
@Suite("Server end to end", .serialized)
struct ServerEndToEndTests {
    // MARK: The CLI through the server

    /// A database made the same way for each side: staff, three inquiries, a batch with a
    /// manifest and saved candidates (made on the file: the server does not offer accounts yet).
    static func prepared() throws -> CLIHarness {
        let cli = try CLIHarness.initialised()
        for (name, role) in [("vera", "volunteer"), ("artem", "auditor"), ("petro", "coordinator")] {
            try cli.ok("user", "add", name, "--role", role, "--password-stdin", stdin: CLIHarness.staffPassword + "\n")
        }
        try cli.addAndLogin("olena", role: "coordinator")
        for (family, given, born) in [("Шевченко", "Олексій", "1994-05-02"), ("Коваленко", "Андрій", "1988-11-23"), ("Бондар", "Іван", "1979-02-14")] {
            try cli.ok("inquiry", "add", "--family-name", family, "--given-name", given, "--date-of-birth", born, "--sex", "male",
                       "--region", "UA-14", "--last-seen", "2024-03-20", "--inquirer-name", "\(family) Марія", "--relationship", "мати",
                       "--phone", "0671234567", "--consent-tracing", "yes")
        }
        let code = try cli.ok("batch", "add", "--date", "2025-06-14", "--kind", "remains", "--received", "2", "--regions", "Donetsk")
            .stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        try cli.ok("batch", "import-manifest", code, try cli.write("manifest.csv", """
            tag,kind,name,sex,age_min,age_max,recovery_region,recovery_date
            R-1,remains,Shevchenko Oleksii,male,25,35,UA-14,2025-05-01
            R-2,remains,Kovalenko Andrii,male,30,40,UA-14,2025-05-03

            """))
        try cli.ok("match", "--batch", code, "--save")
        try cli.ok("logout")
        _ = try cli.write("form.json", """
            {"person": {"family_name": "Мельник", "given_name": "Петро", "last_known_region": "Donetsk", "last_seen": "2024-03",
                        "sex": "male", "date_of_birth": "1990"},
             "contact": {"inquirer_name": "Мельник Ольга", "relationship": "wife", "phone": "+380501234567"}, "consent_tracing": true}
            """)
        _ = try cli.write("bad.json", """
            {"person": {"family_name": "Мельник", "given_name": "", "last_known_region": "Atlantis", "last_seen": "someday"},
             "contact": {"inquirer_name": "Мельник Ольга", "relationship": "wife"}, "persn": 1}
            """)
        _ = try cli.write("clear.json", #"{"person": {"unit": null}}"#)
        _ = try cli.write("manifest-2.csv", """
            tag,kind,name,sex,age_min,age_max,recovery_region,recovery_date
            X-1,remains,Бондар І.,male,40,50,UA-14,2025-08-01
            X-2,remains,,male,20,30,Donetsk,
            X-3,remains,,unknown,,,,

            """)
        _ = try cli.write("bad-manifest.csv", """
            tag,kind,sex,age_min
            X-1,remains,male,30
            X-1,bogus,dragon,-4

            """)
        _ = try cli.write("import.csv", """
            family_name,given_name,date_of_birth,sex,last_known_region,date_last_seen,inquirer_name,relationship,phone,consent_tracing
            Гнатюк,Василь,1991,m,Zaporizhzhia,2023-08-01,Гнатюк Ірина,дружина,067 123 45 67,yes
            Гнатюк,Василь,1991,m,Zaporizhzhia,2023-08-01,Гнатюк Олена,сестра,067 123 45 66,yes

            """)
        _ = try cli.write("bad-import.csv", """
            family_name,given_name,date_of_birth,sex,last_known_region,date_last_seen,inquirer_name,relationship,phone,consent_tracing
            Гнатюк,Василь,1991,m,Atlantis,2023-08-01,Гнатюк Ірина,дружина,067 123 45 67,yes
            ,Петро,19xx,m,UA-14,someday,Гнатюк Ірина,дружина,,maybe

            """)
        return cli
    }

    /// One step: the command and what it gave, with times and hashes made comparable.
    struct Step: Equatable, CustomStringConvertible {
        let command: String
        let status: Int32
        let stdout: String
        let stderr: String

        var description: String { "homeward \(command) → \(status)\n\(stdout)\(stderr)" }
    }

    static func normalised(_ text: String, folder: String) -> String {
        var text = text.replacingOccurrences(of: folder, with: "<folder>")
        for (pattern, replacement) in [(#"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?"#, "<time>"),
                                       (#"[0-9a-f]{64}"#, "<hash>")] {
            text = text.replacingOccurrences(of: pattern, with: replacement, options: .regularExpression)
        }
        return text
    }

    /// The scenario, on whichever the harness's environment points at.
    static func scenario(_ cli: CLIHarness) throws -> [Step] {
        var steps: [Step] = []
        @discardableResult
        func step(_ arguments: String..., stdin: String? = nil) throws -> CLIHarness.Outcome {
            let outcome = try cli.run(arguments, stdin: stdin)
            steps.append(Step(command: arguments.joined(separator: " "), status: outcome.status,
                              stdout: normalised(outcome.stdout, folder: cli.folder.path),
                              stderr: normalised(outcome.stderr, folder: cli.folder.path)))
            return outcome
        }
        func login(_ name: String) throws { try step("login", name, "--password-stdin", stdin: CLIHarness.staffPassword + "\n") }
        try step("whoami")
        try login("olena")
        try step("whoami")
        try step("whoami", "--json")
        let added = try step("inquiry", "add", "--form", "form.json").stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        try step("inquiry", "add", "--form", "bad.json")
        try step("inquiry", "add", "--family-name", "Ткаченко", "--given-name", "Сергій", "--region", "Kharkiv", "--last-seen", "2023-09",
                 "--inquirer-name", "Ткаченко Ірина", "--relationship", "sister", "--email", "iryna@example.org", "--json")
        try step("inquiry", "add", "--family-name", "Шевченко", "--given-name", "Олексій", "--date-of-birth", "1994-05-02",
                 "--region", "UA-14", "--last-seen", "2024-03", "--inquirer-name", "Шевченко Петро", "--relationship", "брат",
                 "--phone", "0671234568")
        try step("inquiry", "import", "bad-import.csv")
        try step("inquiry", "import", "import.csv", "--dry-run")
        try step("inquiry", "import", "import.csv", "--json")
        try step("inquiry", "import", "import.csv", "--max-rows", "1")
        try step("inquiry", "list")
        let list = try step("inquiry", "list", "--json")
        let references = try #require(try JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as? [[String: Any]])
            .compactMap { $0["reference"] as? String }.sorted()
        try #require(references.count >= 5)
        let (first, second, third) = (references[0], references[1], references[2])
        try step("inquiry", "list", "--status", "open", "--region", "Donetsk", "--limit", "2", "--json")
        try step("inquiry", "list", "--since", "2099-01-01")
        try step("inquiry", "list", "--region", "Atlantis")
        try step("inquiry", "show", first)
        try step("inquiry", "show", added, "--json")
        try step("inquiry", "show", "HW-2026-000009-X")
        try step("inquiry", "show", "HW-2026-999999-Z")
        try step("inquiry", "show", "nonsense")
        try step("inquiry", "update", first, "--unit", "93 brigade")
        try step("inquiry", "update", first, "--unit", "93 brigade", "--json")
        try step("inquiry", "update", first, "--form", "clear.json")
        try step("inquiry", "update", first, "--region", "Atlantis")
        try step("inquiry", "contact", first, "--channel", "phone", "--note", "called, no news yet", "--outcome", "reached")
        try step("inquiry", "contact", first, "--channel", "letter", "--note", "sent the form", "--json")
        try step("inquiry", "contact", first, "--channel", "phone", "--note", "")
        try step("inquiry", "show", first, "--json")
        try step("search", "Shevchenko", "--json")
        try step("search", "Шевченко")
        try step("search", "+380501234567", "--json")
        try step("search", first)
        try step("batch", "list")
        try step("batch", "list", "--json")
        let links = try step("link", "list", "--json")
        let candidates = try #require(try JSONSerialization.jsonObject(with: Data(links.stdout.utf8)) as? [[String: Any]])
            .filter { $0["state"] as? String == "candidate" && $0["record"] is String }
        let ids = candidates.compactMap { ($0["id"] as? NSNumber)?.intValue }
        try #require(ids.count >= 2, "\(links.stdout)")
        let record = try #require(candidates[0]["record"] as? String)
        try step("link", "list", "--state", "candidate")
        try step("link", "confirm", String(ids[0]))
        try step("link", "confirm", String(ids[0]))
        try step("link", "reject", String(ids[1]), "--reason", "DNA exclusion, lab ref 2025-114", "--json")
        try step("link", "confirm", "99999")
        try step("link", "list", "--inquiry", first, "--json")
        try step("ident", "history", record)
        try step("ident", "set", record, "examination", "--note", "received at the lab")
        try step("ident", "set", record, "received")
        try step("ident", "set", record, "identified", "--method", "dna", "--evidence", "LAB-2025-114", "--json")
        try step("ident", "confirm", record)
        try step("ident", "set", "nonsense", "examination")
        try step("ident", "set", "B-2025-001/NOPE", "examination")
        try login("petro")
        try step("ident", "confirm", record, "--note", "checked the DNA report", "--json")
        try step("ident", "history", record, "--json")
        // Batches, records, matching, merges, history and the audit log.
        let batch = try step("batch", "add", "--date", "2025-09-18", "--kind", "remains", "--received", "3", "--regions", "UA-14, Kharkiv",
                             "--source", "OCCPW|2025-09-18|three returned").stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        try step("batch", "add", "--date", "2025-09-18", "--kind", "remains", "--regions", "Atlantis")
        try step("batch", "import-manifest", batch, "bad-manifest.csv")
        try step("batch", "import-manifest", batch, "manifest-2.csv", "--dry-run")
        try step("batch", "import-manifest", batch, "manifest-2.csv", "--json")
        try step("batch", "update", batch, "--received", "unknown", "--add-source", "recounted", "--reason", "recount")
        try step("batch", "update", batch, "--received", "2", "--json")
        try step("batch", "status", batch, "completed", "--note", "transfer done")
        try step("batch", "status", "B-2099-001", "completed", "--note", "x")
        try step("batch", "record", "update", batch + "/X-1", "--age-max", "45")
        try step("batch", "record", "update", batch + "/X-1", "--age-max", "forty")
        try step("batch", "record", "void", batch + "/X-3", "--reason", "entered twice", "--json")
        try step("batch", "show", batch)
        try step("batch", "show", batch, "--json")
        try step("batch", "show", batch + "/X-1", "--json")
        try step("batch", "show", batch + "/NOPE")
        try step("match", "--batch", batch)
        try step("match", "--batch", batch, "--save", "--json")
        try step("match", "--batch", batch, "--save")
        try step("match", "--inquiry", first, "--json")
        try step("match", "--inquiry", first, "--save", "--min-score", "-5")
        try step("match", "--inquiry", "HW-2026-999999-Z")
        try step("inquiry", "merge", references[3], references[4])
        try step("inquiry", "merge", references[3], references[4], "--force", "--json")
        try step("inquiry", "unmerge", references[3])
        try step("inquiry", "unmerge", references[3])
        try step("inquiry", "add", "--form", "form.json", "--dry-run")
        try step("inquiry", "add", "--form", "form.json", "--dry-run", "--json")
        try step("inquiry", "add", "--form", "bad.json", "--dry-run")
        try step("inquiry", "history", first)
        try step("inquiry", "history", first, "--json")
        try step("audit", "log", "--action", "batch.", "--limit", "4")
        try step("audit", "log", "--since", "2020-01-01T00:00:00+03:00", "--limit", "3", "--json")
        try step("audit", "log", "--since", "yesterday")
        try step("report", "family", first)
        try step("inquiry", "close", second, "--reason", "found alive in hospital")
        try step("inquiry", "close", second, "--reason", "again")
        try step("inquiry", "withdraw", third, "--reason", "the family asked", "--json")
        try step("inquiry", "reopen", third, "--reason", "the family wrote again")
        try step("inquiry", "reopen", third, "--reason", "twice")
        try step("inquiry", "list", "--status", "resolved", "--json")
        try step("audit", "verify")
        // Accounts, assignments and settings, as the admin.
        try step("login", "alice", "--password-stdin", stdin: CLIHarness.adminPassword + "\n")
        try step("user", "list")
        try step("user", "list", "--json")
        try step("user", "add", "nadia", "--role", "coordinator", "--password-stdin", stdin: CLIHarness.staffPassword + "\n")
        try step("user", "add", "nadia", "--role", "coordinator", "--password-stdin", stdin: CLIHarness.staffPassword + "\n")
        try step("user", "add", "bohdan", "--role", "volunteer", "--password-stdin", stdin: "short\n")
        try step("user", "role", "nadia", "auditor")
        try step("user", "role", "nadia", "auditor", "--json")
        try step("user", "disable", "nadia")
        try step("user", "enable", "nadia", "--json")
        try step("user", "disable", "nobody")
        try step("user", "revoke-sessions", "olena", "--json")
        try step("user", "assign", "vera", "--batch", batch)
        try step("user", "assign", "vera", "--batch", "B-2099-001")
        try step("user", "unassign", "vera", "--batch", batch, "--json")
        try step("user", "assign", "vera", batch)
        try step("user", "passwd", "nadia", "--password-stdin", stdin: "another long passphrase for nadia\n")
        try step("settings", "set", "centre.name", "Координаційний штаб")
        try step("settings", "set", "centre.phone", "+380 44 000 00 00", "--json")
        try step("settings", "set", "centre.nonsense", "x")
        try step("settings", "list")
        try step("settings", "unset", "centre.phone")
        try step("settings", "unset", "centre.phone", "--json")
        try step("settings", "list", "--json")
        try step("settings", "set", "centre.phone", "+380 44 000 00 01")
        try step("db", "backup", "backup.sqlite", "--json")
        try step("db", "check")
        try step("export", "--format", "json", "-o", "export.json")
        try login("olena")
        try step("user", "list")
        try step("settings", "set", "centre.name", "x")
        try step("settings", "list")
        try step("report", "family", first)
        try step("report", "family", first, "--format", "html", "--lang", "en")
        try step("report", "family", first, "--json")
        try step("report", "family", first, "-o", "family.html")
        try step("report", "family", "HW-2026-999999-Z", "-o", "never.html")
        try step("report", "batch", batch, "--lang", "uk")
        try step("report", "batch", batch, "--format", "csv", "-o", "batch.csv", "--json")
        try step("report", "stats", "--format", "json")
        try step("report", "stats", "--lang", "ru")
        try step("db", "check")
        try login("vera")
        try step("whoami")
        try step("inquiry", "list")
        try step("inquiry", "show", first)
        try step("inquiry", "add", "--form", "form.json")
        try step("batch", "list")
        try step("search", "Shevchenko")
        try step("link", "confirm", String(ids[0]))
        try step("ident", "set", record, "examination")
        try step("ident", "history", record)
        try step("batch", "show", record, "--json")
        try step("batch", "show", batch)
        try step("batch", "add", "--date", "2025-09-18", "--kind", "remains", "--regions", "UA-14")
        try step("match", "--inquiry", first)
        try step("audit", "log")
        try login("artem")
        try step("audit", "log", "--action", "match.", "--json")
        try step("batch", "show", record)
        try step("db", "check")
        try step("db", "check", "--json")
        try step("export", "--format", "json", "-o", "export-2.json", "--json")
        try step("db", "backup", "backup-2.sqlite")
        try step("report", "stats", "--format", "csv")
        try step("report", "family", first)
        try step("inquiry", "show", first, "--json")
        try step("inquiry", "contact", first, "--channel", "phone", "--note", "x")
        try step("audit", "verify", "--json")
        try step("audit", "verify", "--expect-head", "1:" + String(repeating: "0", count: 64))
        try step("user", "passwd", "--password-stdin", stdin: "wrong current password\nsome new long passphrase here\n")
        try step("user", "passwd", "--password-stdin",
                 stdin: CLIHarness.staffPassword + "\nartem's new long passphrase\n")
        try step("whoami")
        try step("login", "artem", "--password-stdin", stdin: "artem's new long passphrase\n")
        try step("logout")
        try step("whoami")
        try step("login", "olena", "--password-stdin", stdin: "wrong password, certainly\n")
        return steps
    }

    @Test("the CLI's scenario gives the same output and exit codes through a server as against the file")
    func sameResultsAsAgainstTheFile() throws {
        let local = try Self.prepared()
        let remote = try Self.prepared()
        let server = try ServedDatabase(remote)
        remote.environment["HOMEWARD_SERVER"] = server.url
        let onFile = try Self.scenario(local)
        let served = try Self.scenario(remote)
        #expect(onFile.count == served.count)
        // A report downloaded is the file written on the server's host, byte for byte.
        for file in ["family.html", "batch.csv"] {
            let written = onFile.first { $0.command.hasSuffix(file) || $0.command.contains(file + " ") }
            try #require(written?.status == 0, "\(String(describing: written))")
            let local = try Data(contentsOf: local.folder.appendingPathComponent(file))
            #expect(try Data(contentsOf: remote.folder.appendingPathComponent(file)) == local, "\(file)")
            #expect(try FileManager.default.attributesOfItem(atPath: remote.folder.appendingPathComponent(file).path)[.posixPermissions]
                    as? Int == 0o600)
        }
        #expect(!FileManager.default.fileExists(atPath: remote.folder.appendingPathComponent("never.html").path))
        for command in [["db", "backup", "backup.sqlite"], ["export", "--format", "json", "-o", "export.json"]] {
            let again = try remote.run(command)
            #expect(again.status == 73 && again.stderr.contains("already exists"), "\(again.stderr)")
        }
        // An existing file is refused before anything is asked of the server (so the server has
        // nothing to audit; on the file the core audits the failed export), with the same words.
        let exists = try remote.run(["report", "stats", "-o", "family.html"])
        #expect(exists.status == 73 && exists.stderr.contains("family.html already exists"), "\(exists.stderr)")
        for (file, http) in zip(onFile, served) {
            #expect(file == http, "against the file:\n\(file)\nthrough the server:\n\(http)")
        }
        // Refusals are the same ones too (exit 77 and 65 were part of the scenario).
        #expect(onFile.contains { $0.status == 77 } && onFile.contains { $0.status == 65 } && onFile.contains { $0.status == 64 })
        // What the server does not offer yet says so, in one line, exit 69, and leaves the file alone.
        // A backup downloaded is a database that passes its own checks, with its head beside it;
        // the export is the same document but for the database's own id, the time and who ran it.
        let head = try String(contentsOf: remote.folder.appendingPathComponent("backup.sqlite.head"), encoding: .utf8)
        let backup = remote.path("backup.sqlite")
        #expect(Self.sqlite(backup, "PRAGMA integrity_check") == "ok")
        #expect(Self.sqlite(backup, "SELECT max(seq) || ':' || lower(hex(hash)) FROM audit_event WHERE seq = (SELECT max(seq) FROM audit_event)")
                == head.trimmingCharacters(in: .newlines))
        #expect(try FileManager.default.attributesOfItem(atPath: backup)[.posixPermissions] as? Int == 0o600)
        for side in [local, remote] {
            let export = try JSONSerialization.jsonObject(with: Data(contentsOf: side.folder.appendingPathComponent("export.json"))) as? [String: Any]
            #expect(export?["format"] as? String == "homeward-export")
        }
        // A file the client cannot read is refused before anything is sent (the server has
        // nothing to audit), with the same words as on the file.
        for command in [["inquiry", "import", "missing.csv"], ["batch", "import-manifest", "B-2025-001", "missing.csv"]] {
            let missing = try remote.run(command)
            #expect(missing.status == 66 && missing.stderr.contains("missing.csv: check that the file exists"), "\(missing.stderr)")
        }
        #expect(server.stop() == 0)
        let log = server.stderr
        #expect(log.contains("route=/inquiries/{reference}"))
        for secret in [CLIHarness.staffPassword, "Мельник", "Shevchenko", "+380", "Bearer"] {
            #expect(!log.contains(secret), "the access log holds \(secret)")
        }
    }

    // MARK: The role matrix over HTTP

    /// One operation of the API, and the permission it needs (nil: every role, scoped).
    struct Operation: Sendable {
        let method: String
        let path: String
        let body: String?
        let permission: Permission?
    }

    static func operations(reference: String, closing: String, other: String, link: Int, batch: String) -> [Operation] {
        let form = #"{"person": {"family_name": "Лисенко", "given_name": "Олег", "last_known_region": "UA-14", "last_seen": "2024-01"}, "contact": {"inquirer_name": "Лисенко Ніна", "relationship": "mother", "phone": "0671234599"}}"#
        return [
            Operation(method: "GET", path: "/inquiries", body: nil, permission: .readInquiries),
            Operation(method: "POST", path: "/inquiries", body: form, permission: .editCases),
            Operation(method: "GET", path: "/inquiries/\(reference)", body: nil, permission: .readInquiries),
            Operation(method: "PATCH", path: "/inquiries/\(reference)", body: #"{"person": {"unit": "12"}}"#, permission: .editCases),
            Operation(method: "POST", path: "/inquiries/\(reference)/contacts", body: #"{"channel": "phone", "note": "n"}"#,
                      permission: .editCases),
            Operation(method: "POST", path: "/inquiries/\(closing)/closure", body: #"{"reason": "r"}"#, permission: .editCases),
            Operation(method: "GET", path: "/batches", body: nil, permission: .readBatches),
            Operation(method: "POST", path: "/links/\(link)/rejection", body: #"{"reason": "not him"}"#, permission: .runMatching),
            Operation(method: "GET", path: "/audit/verification", body: nil, permission: .verifyAudit),
            Operation(method: "GET", path: "/search?q=Shevchenko", body: nil, permission: nil),
            Operation(method: "GET", path: "/sessions/current", body: nil, permission: nil),
            Operation(method: "POST", path: "/inquiries/previews", body: form, permission: .editCases),
            Operation(method: "GET", path: "/inquiries/\(reference)/history", body: nil, permission: .readCaseHistory),
            Operation(method: "POST", path: "/inquiries/\(closing)/reopening", body: #"{"reason": "r"}"#, permission: .editCases),
            Operation(method: "PUT", path: "/inquiries/\(other)/merge", body: #"{"into": "\#(reference)", "force": true}"#,
                      permission: .editCases),
            Operation(method: "DELETE", path: "/inquiries/\(other)/merge", body: nil, permission: .editCases),
            Operation(method: "GET", path: "/inquiries/\(reference)/candidates", body: nil, permission: .runMatching),
            Operation(method: "POST", path: "/inquiries/\(reference)/candidates?top=2", body: nil, permission: .runMatching),
            Operation(method: "POST", path: "/batches", body: #"{"date": "2025-09-18", "kind": "remains", "regions": ["UA-14"]}"#,
                      permission: .recordBatches),
            Operation(method: "PATCH", path: "/batches/\(batch)", body: #"{"received": "unknown", "reason": "recount"}"#,
                      permission: .recordBatches),
            Operation(method: "PUT", path: "/batches/\(batch)/status", body: #"{"status": "completed", "note": "done"}"#,
                      permission: .recordBatches),
            Operation(method: "GET", path: "/batches/\(batch)/candidates", body: nil, permission: .runMatching),
            Operation(method: "POST", path: "/batches/\(batch)/candidates", body: nil, permission: .runMatching),
            Operation(method: "PATCH", path: "/batches/\(batch)/records/R-2", body: #"{"age_max": "45"}"#, permission: .recordBatches),
            Operation(method: "POST", path: "/batches/\(batch)/records/R-2/voiding", body: #"{"reason": "twice"}"#,
                      permission: .recordBatches),
            Operation(method: "GET", path: "/audit/events?limit=5", body: nil, permission: .readOwnAudit),
            Operation(method: "GET", path: "/inquiries/\(reference)/report?format=txt", body: nil, permission: .exportFamilyReports),
            Operation(method: "GET", path: "/batches/\(batch)/report?format=csv", body: nil, permission: .readReports),
            Operation(method: "GET", path: "/reports/statistics?format=json&lang=uk", body: nil, permission: .readReports),
            Operation(method: "GET", path: "/database/check", body: nil, permission: .checkDatabase),
            Operation(method: "GET", path: "/users", body: nil, permission: .manageUsers),
            Operation(method: "POST", path: "/users", body: #"{"name": "zoya", "role": "volunteer", "password": "a long enough passphrase, surely"}"#,
                      permission: .manageUsers),
            Operation(method: "PUT", path: "/users/zoya/role", body: #"{"role": "auditor"}"#, permission: .manageUsers),
            Operation(method: "PUT", path: "/users/zoya/status", body: #"{"status": "disabled"}"#, permission: .manageUsers),
            Operation(method: "PUT", path: "/users/zoya/password", body: #"{"new_password": "another long passphrase, surely"}"#,
                      permission: .manageUsers),
            Operation(method: "DELETE", path: "/users/zoya/sessions", body: nil, permission: .manageUsers),
            Operation(method: "PUT", path: "/users/vera/batches/\(batch)", body: nil, permission: .manageUsers),
            Operation(method: "DELETE", path: "/users/vera/batches/\(batch)", body: nil, permission: .manageUsers),
            Operation(method: "PUT", path: "/settings/centre.name", body: #"{"value": "Centre"}"#, permission: .manageSettings),
            Operation(method: "DELETE", path: "/settings/centre.name", body: nil, permission: .manageSettings),
            Operation(method: "GET", path: "/settings", body: nil, permission: nil),
            Operation(method: "GET", path: "/export?format=json", body: nil, permission: .exportDatabase),
            Operation(method: "POST", path: "/database/backups", body: nil, permission: .backUpDatabase),
        ]
    }

    @Test("every refused operation is 403, kind denied, and an audited denied event, for each role",
          arguments: [Role.admin, .coordinator, .volunteer, .auditor])
    func roleMatrixOverHTTP(role: Role) throws {
        let cli = try Self.prepared()
        let server = try ServedDatabase(cli)
        defer { server.stop() }
        let name = role == .admin ? "alice" : role == .coordinator ? "olena" : role == .volunteer ? "vera" : "artem"
        let token = try HTTPExchange.token(server.url, name, role == .admin ? CLIHarness.adminPassword : CLIHarness.staffPassword)
        let list = try HTTPExchange.send("GET", server.url + "/inquiries", token: try HTTPExchange.token(server.url, "olena", CLIHarness.staffPassword))
        let all = try #require(try JSONSerialization.jsonObject(with: Data(list.body.utf8)) as? [[String: Any]]).compactMap { $0["reference"] as? String }.sorted()
        let links = try HTTPExchange.send("GET", server.url + "/links", token: try HTTPExchange.token(server.url, "olena", CLIHarness.staffPassword))
        let link = try #require((try JSONSerialization.jsonObject(with: Data(links.body.utf8)) as? [[String: Any]])?.first?["id"] as? Int)
        let batches = try HTTPExchange.send("GET", server.url + "/batches", token: try HTTPExchange.token(server.url, "olena", CLIHarness.staffPassword))
        let batch = try #require((try JSONSerialization.jsonObject(with: Data(batches.body.utf8)) as? [[String: Any]])?.first?["code"] as? String)
        var refused = 0
        for operation in Self.operations(reference: all[0], closing: all[2], other: all[1], link: link, batch: batch) {
            let deniedBefore = try denied(cli)
            let reply = try HTTPExchange.send(operation.method, server.url + operation.path, token: token, json: operation.body)
            let expectRefusal = operation.permission.map { !role.may($0) } ?? false
            #expect((reply.status == 403) == expectRefusal, "\(role) \(operation.method) \(operation.path) → \(reply.status) \(reply.body)")
            #expect(reply.status < 500, "\(operation.method) \(operation.path) → \(reply.status) \(reply.body)")
            if reply.status == 403 {
                refused += 1
                #expect(reply.errorKind == "denied", "\(reply.body)")
                #expect(try denied(cli) > deniedBefore, "\(role) \(operation.method) \(operation.path): no denied event audited")
            }
        }
        #expect(refused > 0, "every role is refused something")
    }

    /// How many denied events the audit trail holds.
    func denied(_ cli: CLIHarness) throws -> Int {
        Int(Self.sqlite(cli.databasePath, "SELECT count(*) FROM audit_event WHERE outcome = 'denied'")) ?? -1
    }

    /// What the sqlite3 shell prints for `sql` on the database at `path`, trimmed.
    static func sqlite(_ path: String, _ sql: String) -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["sqlite3", path, sql]
        let pipe = Pipe()
        process.standardOutput = pipe
        guard (try? process.run()) != nil else { return "" }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    // MARK: The protocol

    @Test("tokens, limits, unknown routes, bad bodies, the login throttle and logout over HTTP")
    func protocolRefusals() throws {
        let cli = try Self.prepared()
        let server = try ServedDatabase(cli)
        let url = server.url
        let health = try HTTPExchange.send("GET", url + "/health")
        #expect(health.status == 200 && health.json?["status"] as? String == "ok", "\(health.body)")
        let anonymous = try HTTPExchange.send("GET", url + "/inquiries")
        #expect(anonymous.status == 401 && anonymous.errorKind == "unauthenticated", "\(anonymous.body)")
        let forged = try HTTPExchange.send("GET", url + "/inquiries", token: "hw1." + String(repeating: "a", count: 76))
        #expect(forged.status == 401 && forged.errorKind == "unauthenticated", "\(forged.body)")
        let token = try HTTPExchange.token(url, "olena", CLIHarness.staffPassword)
        // A negative limit trapped the server once (schemathesis found it): refused, and the server lives on.
        for path in ["/search?q=Shevchenko&limit=-446112084", "/inquiries?limit=0", "/search?q=" + String(repeating: "x", count: 600)] {
            let refused = try HTTPExchange.send("GET", url + path, token: token)
            #expect(refused.status == 422 || refused.status == 400, "\(path) → \(refused.status) \(refused.body)")
        }
        #expect(try HTTPExchange.send("GET", url + "/health").status == 200)
        let unknown = try HTTPExchange.send("GET", url + "/nowhere", token: token)
        #expect(unknown.status == 404 && unknown.errorKind == "not_found", "\(unknown.body)")
        let missing = try HTTPExchange.send("GET", url + "/inquiries/HW-2026-999999-Z", token: token)
        #expect(missing.status == 404 || missing.status == 422, "\(missing.body)")
        let broken = try HTTPExchange.send("POST", url + "/inquiries", token: token, json: "{not json")
        #expect(broken.status == 400 && broken.errorKind == "usage", "\(broken.body)")
        let invalid = try HTTPExchange.send("POST", url + "/inquiries", token: token, json: #"{"person": {"family_name": ""}}"#)
        #expect(invalid.status == 422 && invalid.errorKind == "bad_input" && invalid.json.map { _ in true } == true, "\(invalid.body)")
        let large = try cli.write("large.json", #"{"notes": ""# + String(repeating: "x", count: 2 << 20) + #""}"#)
        let tooLarge = try HTTPExchange.send("POST", url + "/inquiries", token: token, bodyFile: large)
        #expect(tooLarge.status == 413 && tooLarge.errorKind == "bad_input", "\(tooLarge.status) \(tooLarge.body.prefix(200))")
        // Downloads: the headers as the spec writes them, not percent-encoded.
        let reference = try #require((try JSONSerialization.jsonObject(with: Data(HTTPExchange.send("GET", url + "/inquiries", token: token)
            .body.utf8)) as? [[String: Any]])?.first?["reference"] as? String)
        let adminToken = try HTTPExchange.token(url, "alice", CLIHarness.adminPassword)
        for (key, value) in [("centre.name", "Centre"), ("centre.phone", "+380 44 000 00 00")] {
            let set = try cli.run(["settings", "set", key, value], extraEnvironment: ["HOMEWARD_SERVER": url, "HOMEWARD_TOKEN": adminToken])
            #expect(set.status == 0, "\(set.stderr)")
        }
        let report = try HTTPExchange.send("GET", url + "/inquiries/\(reference)/report?format=txt&lang=en", token: token)
        #expect(report.status == 200 && report.headers["content-disposition"] == "attachment; filename=\"\(reference)-en.txt\""
                && report.headers["content-language"] == "en", "\(report.headers)")
        let export = try HTTPExchange.send("GET", url + "/export?format=json&file=x.json", token: adminToken)
        #expect(export.status == 200 && export.headers["x-export-withheld"]?.contains(",") == true
                && export.headers["content-disposition"] == "attachment; filename=\"x.json\"", "\(export.headers)")
        // A name the header cannot quote as it is (a quote, a percent sign, Cyrillic) is made safe there.
        let quoted = try HTTPExchange.send("GET", url + "/export?format=json&file=a%22b%25%D1%84.json", token: adminToken)
        #expect(quoted.status == 200 && quoted.headers["content-disposition"] == "attachment; filename=\"a_b__.json\"", "\(quoted.headers)")
        let badName = try HTTPExchange.send("GET", url + "/export?format=json&file=..", token: adminToken)
        #expect(badName.status == 400, "\(badName.body)")
        let backup = try HTTPExchange.send("POST", url + "/database/backups", token: adminToken)
        #expect(backup.status == 200 && backup.headers["x-audit-head"]?.range(of: #"^[0-9]+:[0-9a-f]{64}$"#, options: .regularExpression) != nil,
                "\(backup.headers)")
        // An upload over the server's limit is refused by the client, with its size, not sent.
        let huge = cli.path("huge.csv")
        try #require(FileManager.default.createFile(atPath: huge, contents: Data(count: 65 << 20 + 100_000)))
        let oversize = try cli.run(["inquiry", "import", "huge.csv", "--max-bytes", "100000000"],
                                   extraEnvironment: ["HOMEWARD_SERVER": url, "HOMEWARD_TOKEN": token])
        #expect(oversize.status == 65 && oversize.stderr.contains("takes uploads of at most"), "\(oversize.stderr)")
        try FileManager.default.removeItem(atPath: huge)
        // Not logged in, to a server that is not there: unreachable (69), not "log in".
        let nowhere = try cli.run(["batch", "list"], extraEnvironment: ["HOMEWARD_SERVER": "http://127.0.0.1:9", "HOMEWARD_TOKEN": ""])
        #expect(nowhere.status == 69 && nowhere.stderr.contains("cannot reach"), "\(nowhere.stderr)")
        // Ten attempts a minute per account name: the eleventh is refused before any hashing.
        var statuses: [Int] = []
        for _ in 0..<12 {
            statuses.append(try HTTPExchange.send("POST", url + "/sessions", json: #"{"name": "vera", "password": "not the password at all"}"#).status)
        }
        #expect(statuses.prefix(3).allSatisfy { $0 == 401 }, "\(statuses)")
        #expect(statuses.last == 429, "\(statuses)")
        // Twenty-five logins at once on another account (real parallel clients): exactly ten
        // reach the password check, the rest are 429.
        let parallel = (0..<25).map { _ -> Process in
            let curl = Process()
            curl.executableURL = URL(fileURLWithPath: "/usr/bin/curl")
            curl.arguments = ["-s", "-o", "/dev/null", "-w", "%{http_code}\n", "-X", "POST", "-H", "Content-Type: application/json",
                              "--data-binary", #"{"name": "artem", "password": "not the password either"}"#, url + "/sessions"]
            curl.standardOutput = Pipe()
            return curl
        }
        for curl in parallel { try curl.run() }
        let codes = parallel.map { curl -> String in
            curl.waitUntilExit()
            let pipe = curl.standardOutput as? Pipe
            return String(decoding: pipe?.fileHandleForReading.readDataToEndOfFile() ?? Data(), as: UTF8.self)
                .trimmingCharacters(in: .whitespacesAndNewlines)
        }
        #expect(codes.filter { $0 == "429" }.count == 15, "\(codes)")
        #expect(codes.allSatisfy { $0 == "429" || $0 == "401" }, "\(codes)")
        // Logout ends the token for every later request.
        let ended = try HTTPExchange.send("DELETE", url + "/sessions/current", token: token)
        #expect(ended.status == 200 && ended.json?["session"] as? String == "ended", "\(ended.body)")
        let after = try HTTPExchange.send("GET", url + "/sessions/current", token: token)
        #expect(after.status == 401, "\(after.body)")
        #expect(server.stop() == 0, "SIGTERM ends the server cleanly")
        #expect(!server.stderr.contains(token))
        #expect(!server.stderr.contains("not the password"))
        try cli.ok("login", "alice", "--password-stdin", stdin: CLIHarness.adminPassword + "\n")
        let audit = try cli.run(["audit", "verify"])
        #expect(audit.status == 0, "\(audit.stderr)")
    }

    @Test("plain text only on loopback unless --insecure; TLS with a certificate the client trusts")
    func listeningAndTLS() throws {
        let cli = try Self.prepared()
        let refused = try cli.run(["serve", "--listen", "0.0.0.0:0"])
        #expect(refused.status == 64)
        #expect(refused.stderr.contains("--tls-cert"), "\(refused.stderr)")
        let half = try cli.run(["serve", "--tls-cert", "cert.pem"])
        #expect(half.status == 64)
        let badListen = try cli.run(["serve", "--listen", "localhost"])
        #expect(badListen.status == 64)
        // A self-signed certificate for 127.0.0.1, trusted by the client through HOMEWARD_SERVER_CA.
        let openssl = Process()
        openssl.executableURL = URL(fileURLWithPath: "/usr/bin/openssl")
        openssl.arguments = ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", cli.path("key.pem"), "-out", cli.path("cert.pem"),
                             "-days", "2", "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"]
        openssl.standardOutput = FileHandle.nullDevice
        openssl.standardError = FileHandle.nullDevice
        try openssl.run()
        openssl.waitUntilExit()
        try #require(openssl.terminationStatus == 0)
        // A key others can read is refused, as ssh refuses one.
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: cli.path("key.pem"))
        let readable = try cli.run(["serve", "--listen", "127.0.0.1:0", "--tls-cert", cli.path("cert.pem"), "--tls-key", cli.path("key.pem")])
        #expect(readable.status == 64 && readable.stderr.contains("readable by others"), "\(readable.stderr)")
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: cli.path("key.pem"))
        let server = try ServedDatabase(cli, arguments: ["--listen", "127.0.0.1:0", "--tls-cert", cli.path("cert.pem"),
                                                         "--tls-key", cli.path("key.pem")])
        #expect(server.url.hasPrefix("https://"))
        let untrusted = try cli.run(["login", "olena", "--password-stdin"], stdin: CLIHarness.staffPassword + "\n",
                                    extraEnvironment: ["HOMEWARD_SERVER": server.url])
        #expect(untrusted.status == 69, "\(untrusted.stderr)")
        #expect(untrusted.stderr.contains("TLS") || untrusted.stderr.contains("certificate"), "\(untrusted.stderr)")
        let trusted = ["HOMEWARD_SERVER": server.url, "HOMEWARD_SERVER_CA": cli.path("cert.pem")]
        let login = try cli.run(["login", "olena", "--password-stdin"], stdin: CLIHarness.staffPassword + "\n", extraEnvironment: trusted)
        #expect(login.status == 0, "\(login.stderr)")
        let whoami = try cli.run(["whoami"], extraEnvironment: trusted)
        #expect(whoami.stdout == "olena (coordinator)\n", "\(whoami.stderr)")
        #expect(server.stop() == 0)
    }
}
