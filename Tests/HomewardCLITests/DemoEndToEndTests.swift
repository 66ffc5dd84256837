import Foundation
import Testing

@Suite(.serialized) struct DemoEndToEndTests {
    @Test func demoBuildsAPrivateDatabaseWithReportsAndPrintsPasswordsOnce() throws {
        let cli = try CLIHarness()
        let database = cli.path("x.sqlite")
        // --small: the same story with fewer records, so that the test stays quick.
        let run = try cli.ok("demo", "--db", database, "--small")
        #expect(try FileManager.default.attributesOfItem(atPath: database)[.posixPermissions] as? Int == 0o600)
        for page in ["family-report-uk", "family-report-en", "family-report-ru", "stats-report-uk", "batch-report-uk"] {
            let report = cli.path("x-\(page).html")
            #expect(try FileManager.default.attributesOfItem(atPath: report)[.posixPermissions] as? Int == 0o600)
            #expect(run.stdout.contains(report))
        }
        for role in ["# admin", "# coordinator", "# volunteer", "# auditor"] { #expect(run.stdout.contains(role)) }
        for step in ["Try next:", "export HOMEWARD_DB=\(database)", "homeward search ", "homeward inquiry show HW-",
                     "homeward match --inquiry HW-", "homeward report family HW-", "homeward report stats", "homeward report batch B-", "homeward audit verify"] {
            #expect(run.stdout.contains(step), "missing: \(step)")
        }
        // 80 columns, but for the length of the paths this machine gives (a temporary folder, the binary).
        let shortened = run.stdout.replacingOccurrences(of: cli.folder.path, with: "/tmp/demo")
            .replacingOccurrences(of: CLIHarness.binary.standardizedFileURL.path, with: "/usr/bin/homeward")
        for line in shortened.split(separator: "\n") {
            #expect(line.count <= 80 && !line.contains("\u{1B}"), "too wide or escaped: \(line)")
        }
        #expect(run.stderr.isEmpty)

        let passwords = Self.passwords(run.stdout)
        #expect(passwords.keys.sorted() == ["admin", "iryna", "mykola", "olena", "taras"])
        // Shown once, stored nowhere: not in the output twice, not in any file.
        for password in passwords.values {
            #expect(run.stdout.components(separatedBy: password).count == 2)
            for file in try FileManager.default.subpathsOfDirectory(atPath: cli.folder.path) {
                let bytes = FileManager.default.contents(atPath: cli.path(file)) ?? Data()
                #expect(bytes.range(of: Data(password.utf8)) == nil, "\(file) holds a password")
            }
        }

        cli.environment["HOMEWARD_DB"] = database
        try cli.ok("login", "iryna", "--password-stdin", stdin: (passwords["iryna"] ?? "") + "\n")
        #expect(try cli.ok("audit", "verify").status == 0)
        try cli.ok("login", "olena", "--password-stdin", stdin: (passwords["olena"] ?? "") + "\n")
        #expect(try cli.ok("link", "list", "--state", "confirmed").stdout.contains("B-2025-002/"))
    }

    @Test func demoRefusesAnExistingFileWithExit73AndLeavesItUnchanged() throws {
        let cli = try CLIHarness()
        let database = cli.path("x.sqlite")
        try cli.ok("demo", "--db", database, "--small")
        let before = try Data(contentsOf: URL(fileURLWithPath: database))
        // HOMEWARD_DB names the file when --db is left out.
        let again = try cli.run(["demo", "--small"], extraEnvironment: ["HOMEWARD_DB": database])
        #expect(again.status == 73)
        #expect(again.stdout.isEmpty)
        #expect(again.stderr == "error: \(database) already exists; the demo only creates a new database: remove it or give --db a new file name\n")
        #expect(try Data(contentsOf: URL(fileURLWithPath: database)) == before)
    }

    /// User name → password, from the accounts block at the end of the output.
    static func passwords(_ output: String) -> [String: String] {
        var passwords: [String: String] = [:]
        var name: String?
        for line in output.split(separator: "\n").map({ $0.trimmingCharacters(in: .whitespaces) }) {
            if line.hasPrefix("homeward login "), line.contains("# ") {
                name = line.dropFirst("homeward login ".count).split(separator: " ").first.map(String.init)
            } else if line.hasPrefix("password: "), let current = name {
                passwords[current] = String(line.dropFirst("password: ".count))
                name = nil
            }
        }
        return passwords
    }
}
