import Foundation
import Testing

/// Issue "Prove it", item 5: every case of `Tests/Hostile/index.json` through the built binary.
/// Each must give one `error:` line per problem naming the row, field or value, its documented
/// exit code, no personal data on stderr or stdout, and a database unchanged but for the
/// refusal's own audit events. New cases are data: a file and a line in the index.
@Suite(.serialized) struct HostileCorpusEndToEndTests {
    struct Case: Decodable {
        let name: String
        let args: [String]
        let `as`: String
        let exit: Int32
        let stderr: [String]
    }

    /// The database every case runs against, one token per role (each from its own state
    /// folder, so no login replaces another's session) and the values placeholders stand for.
    struct Stage {
        let cli: CLIHarness
        var tokens: [String: String] = [:]
        var values: [String: String] = [:]
    }

    func token(_ cli: CLIHarness, state: String) throws -> String {
        let folder = cli.path(state) + "/homeward"
        let file = try #require(try FileManager.default.contentsOfDirectory(atPath: folder).first { $0.hasSuffix(".token") })
        return try String(contentsOfFile: folder + "/" + file, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    func login(_ cli: CLIHarness, _ name: String, state: String) throws -> String {
        let outcome = try cli.run(["login", name, "--password-stdin"], stdin: CLIHarness.staffPassword + "\n",
                                  extraEnvironment: ["XDG_STATE_HOME": cli.path(state)])
        #expect(outcome.status == 0, "login \(name): \(outcome.stderr)")
        return try token(cli, state: state)
    }

    func stage() throws -> Stage {
        let cli = try CLIHarness.initialised()
        var stage = Stage(cli: cli)
        stage.tokens["admin"] = try token(cli, state: "state")
        for (name, role) in [("olena", "coordinator"), ("vera", "volunteer"), ("audrey", "auditor")] {
            try cli.ok("user", "add", name, "--role", role, "--password-stdin", stdin: CLIHarness.staffPassword + "\n")
        }
        stage.tokens["coordinator"] = try login(cli, "olena", state: "state-coordinator")
        stage.tokens["volunteer"] = try login(cli, "vera", state: "state-volunteer")
        stage.tokens["auditor"] = try login(cli, "audrey", state: "state-auditor")
        let coordinator = ["HOMEWARD_TOKEN": try #require(stage.tokens["coordinator"])]
        func asCoordinator(_ arguments: [String]) throws -> String {
            let outcome = try cli.run(arguments, extraEnvironment: coordinator)
            #expect(outcome.status == 0, "\(arguments): \(outcome.stderr)")
            return outcome.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        stage.values["batch"] = try asCoordinator(["batch", "add", "--date", "2025-06-14", "--kind", "remains", "--received", "10",
                                                   "--regions", "Donetsk"])
        let reference = try asCoordinator(["inquiry", "add", "--family-name", "Гострук", "--given-name", "Тарас", "--region", "UA-14",
                                           "--last-seen", "2024-02", "--inquirer-name", "Гострук Зоряна", "--relationship", "мати",
                                           "--phone", "+380675550123"])
        stage.values["reference"] = reference
        // The same reference with another check letter, and a well-formed one that names nothing.
        let last = try #require(reference.last)
        stage.values["badcheck"] = reference.dropLast() + (last == "A" ? "B" : "A")
        stage.values["unknownreference"] = try referenceNamingNothing(reference, cli: cli, environment: coordinator)

        // A session that ended, one past its expiry (set in the file as a clock would leave
        // it), a forged secret, another database's token and one that is not a token at all.
        let revoked = try login(cli, "olena", state: "state-revoked")
        let logout = try cli.run(["logout"], extraEnvironment: ["XDG_STATE_HOME": cli.path("state-revoked")])
        #expect(logout.status == 0, "\(logout.stderr)")
        stage.tokens["revoked"] = revoked
        stage.tokens["expired"] = try login(cli, "olena", state: "state-expired")
        let expire = try Hostile.tool(["sqlite3", cli.databasePath,
                                       "UPDATE session SET expires_at = '2020-01-01T00:00:00.000Z' WHERE id = (SELECT max(id) FROM session)"])
        #expect(expire.status == 0, "\(expire.stderr)")
        let genuine = try #require(stage.tokens["coordinator"])
        stage.tokens["forged"] = genuine.dropLast() + (genuine.last == "A" ? "B" : "A")
        let parts = genuine.split(separator: "_", maxSplits: 2)
        stage.tokens["other-database"] = "hw1_" + String(repeating: "0f", count: 16) + "_" + (parts.count == 3 ? parts[2] : "")
        stage.tokens["injection"] = "'; DROP TABLE session;--"

        stage.values["work"] = cli.folder.path
        stage.values["corpus"] = Hostile.corpus.path
        stage.values["existing"] = try cli.write("existing.html", "kept\n")
        stage.values["generated:ten-megabyte-cell.csv"] = try generatedCell(cli)
        stage.values["generated:ten-megabyte-form.json"] = try generatedForm(cli)
        return stage
    }

    /// A reference of the right form and check letter that no inquiry has: of the letters
    /// after a far number, the one the binary does not call mistyped.
    func referenceNamingNothing(_ reference: String, cli: CLIHarness, environment: [String: String]) throws -> String {
        let stem = String(reference.prefix(8)) + "999999-"
        for letter in "ABCDEFGHIJKLMNOPQRSTUVWXYZ" {
            let outcome = try cli.run(["inquiry", "show", stem + String(letter)], extraEnvironment: environment)
            if outcome.status == 65 && !outcome.stderr.contains("check letter") { return stem + String(letter) }
        }
        Issue.record("no check letter fits \(stem)")
        return stem + "A"
    }

    /// A 10 MB name in an otherwise valid row, made here rather than committed.
    func generatedCell(_ cli: CLIHarness) throws -> String {
        let header = try String(contentsOf: Hostile.corpus.appendingPathComponent("inquiries/header-only.csv"), encoding: .utf8)
        let name = "Гострук" + String(repeating: "Т", count: 5_000_000)
        return try cli.write("ten-megabyte-cell.csv", header + name
            + ",Тарас,,1994,m,,,,UA-14,,2024-02,Гострук Зоряна,мати,+380675550123,,uk,yes,2025-03-01,\n")
    }

    /// A form whose notes are 10 MB.
    func generatedForm(_ cli: CLIHarness) throws -> String {
        let notes = String(repeating: "Гострук Зоряна ", count: 400_000)
        return try cli.write("ten-megabyte-form.json", """
            {"person": {"family_name": "Гострук", "given_name": "Тарас", "last_known_region": "UA-14", "last_seen": "2024-02"},
             "contact": {"inquirer_name": "Гострук Зоряна", "relationship": "мати", "phone": "+380675550123"},
             "notes": "\(notes)"}
            """)
    }

    func substitute(_ text: String, _ values: [String: String]) -> String {
        var text = text
        for (key, value) in values { text = text.replacingOccurrences(of: "{\(key)}", with: value) }
        return text
    }

    @Test func everyCorpusCaseIsRefusedCleanly() throws {
        let data = try Data(contentsOf: Hostile.corpus.appendingPathComponent("index.json"))
        let cases = try JSONDecoder().decode([Case].self, from: data)
        #expect(cases.count >= 80)
        let stage = try stage()
        let cli = stage.cli
        // Every listed file exists: a typo in the index must not pass as "refused".
        for item in cases {
            for argument in item.args where argument.hasPrefix("{corpus}/") {
                #expect(FileManager.default.fileExists(atPath: substitute(argument, stage.values)), "\(item.name): \(argument)")
            }
        }
        let existing = try #require(stage.values["existing"])
        for item in cases {
            let arguments = item.args.map { substitute($0, stage.values) }
            var environment = ["XDG_STATE_HOME": cli.path("state-none")]
            if let token = stage.tokens[item.as] { environment["HOMEWARD_TOKEN"] = token }
            let before = try Hostile.fingerprint(cli.databasePath)
            let outcome = try cli.run(arguments, stdin: "", extraEnvironment: environment)
            let after = try Hostile.fingerprint(cli.databasePath)
            let label = "\(item.name) (homeward \(item.args.joined(separator: " ")))"
            #expect(outcome.status == item.exit, "\(label): exit \(outcome.status), stderr \(outcome.stderr)")
            #expect(!outcome.stderr.isEmpty && Hostile.strayLines(outcome.stderr).isEmpty, "\(label): \(outcome.stderr)")
            #expect(outcome.stderr.split(separator: "\n").allSatisfy { $0.count < 600 }, "\(label): a line too long")
            for expected in item.stderr.map({ substitute($0, stage.values) }) {
                #expect(outcome.stderr.contains(expected), "\(label): no \"\(expected)\" in \(outcome.stderr)")
            }
            for value in Hostile.personal {
                #expect(!outcome.stderr.contains(value), "\(label): \(value) on stderr: \(outcome.stderr)")
                #expect(!outcome.stdout.contains(value), "\(label): \(value) on stdout")
            }
            #expect(before.onlyRefusalsAppended(in: after), "\(label): database changed: \(before) → \(after)")
        }
        #expect(try String(contentsOfFile: existing, encoding: .utf8) == "kept\n")
        #expect(try Hostile.tool(["sqlite3", cli.databasePath, "SELECT count(*) FROM inquiry"]).stdout == "1\n")
    }
}
