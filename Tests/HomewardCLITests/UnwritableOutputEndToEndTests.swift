import Foundation
import Testing

/// Output that cannot be written — stdout on a full disk (/dev/full) or a pipe closed by its
/// reader — is an error (exit 74, one `error:` line), and what is audited is audited as failed.
@Suite(.serialized) struct UnwritableOutputEndToEndTests {
    /// Runs the binary with stdout on /dev/full.
    static let toFullDisk = ["/bin/sh", "-c", "exec \"$0\" \"$@\" > /dev/full"]
    /// Runs the binary with stdout on a pipe whose reader has already gone; the shell exits
    /// with homeward's status.
    static let toClosedPipe = ["/bin/bash", "-c", "\"$0\" \"$@\" | true; exit ${PIPESTATUS[0]}"]

    func sqlite(_ cli: CLIHarness, _ sql: String) throws -> String {
        try HistoryExportEndToEndTests().sqlite(cli, sql)
    }

    func outcomes(_ cli: CLIHarness, _ action: String) throws -> [String] {
        try sqlite(cli, "SELECT outcome FROM audit_event WHERE action = '\(action)' ORDER BY seq").split(separator: "\n").map(String.init)
    }

    func expectFailure(_ outcome: CLIHarness.Outcome, _ what: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(outcome.status == 74, "\(what) → \(outcome.status): \(outcome.stderr.prefix(300))", sourceLocation: sourceLocation)
        #expect(outcome.stderr.hasPrefix("error: cannot write to standard output: "), "\(outcome.stderr.prefix(300))",
                sourceLocation: sourceLocation)
        #expect(outcome.stderr.split(separator: "\n").count == 1, "one line: \(outcome.stderr.prefix(300))", sourceLocation: sourceLocation)
        #expect(!outcome.stderr.contains("Fatal error") && !outcome.stderr.contains("crashed"), sourceLocation: sourceLocation)
    }

    @Test func aFamilyReportToAFullDiskExits74AndIsAuditedAsFailed() throws {
        let p = try ReportsEndToEndTests().prepared()
        for format in ["txt", "json", "html"] {
            let outcome = try p.cli.run(["report", "family", p.reference, "--format", format], launcher: Self.toFullDisk)
            expectFailure(outcome, "report family --format \(format) > /dev/full")
        }
        #expect(try outcomes(p.cli, "report.family") == ["failed", "failed", "failed"])
        try p.cli.ok("report", "family", p.reference)
        #expect(try outcomes(p.cli, "report.family").last == "ok")
    }

    @Test func coordinatorReportsToAFullDiskExit74AndAreAuditedAsFailed() throws {
        let p = try ReportsEndToEndTests().prepared()
        expectFailure(try p.cli.run(["report", "stats"], launcher: Self.toFullDisk), "report stats")
        expectFailure(try p.cli.run(["report", "stats", "--format", "json"], launcher: Self.toFullDisk), "report stats json")
        expectFailure(try p.cli.run(["report", "batch", p.code], launcher: Self.toFullDisk), "report batch")
        #expect(try outcomes(p.cli, "report.stats") == ["failed", "failed"])
        #expect(try outcomes(p.cli, "report.batch") == ["failed"])
        let reason = try sqlite(p.cli, "SELECT details FROM audit_event WHERE action = 'report.batch'")
        #expect(reason.contains("io_error"))
        // A failed report records what was asked for, as a delivered one does.
        #expect(reason.contains("\"format\"") && reason.contains("table") && reason.contains("\"lang\""))
    }

    @Test func anExportCutOffByAClosedPipeIsAuditedAsFailed() throws {
        let p = try ReportsEndToEndTests().prepared()
        try p.cli.ok("login", "alice", "--password-stdin", stdin: CLIHarness.adminPassword + "\n")
        let outcome = try p.cli.run(["export", "--format", "json"], launcher: Self.toClosedPipe)
        expectFailure(outcome, "export | (closed)")
        #expect(outcome.stderr.contains("pipe was closed"))
        #expect(try outcomes(p.cli, "export.json") == ["failed"])
        expectFailure(try p.cli.run(["report", "stats"], launcher: Self.toClosedPipe), "report stats | (closed)")
        #expect(try outcomes(p.cli, "report.stats") == ["failed"])
    }

    @Test func listsThatCannotBeWrittenExit74() throws {
        let p = try ReportsEndToEndTests().prepared()
        expectFailure(try p.cli.run(["settings", "list"], launcher: Self.toFullDisk), "settings list")
        expectFailure(try p.cli.run(["settings", "list", "--json"], launcher: Self.toFullDisk), "settings list --json")
        expectFailure(try p.cli.run(["inquiry", "history", p.reference], launcher: Self.toFullDisk), "inquiry history")
        expectFailure(try p.cli.run(["inquiry", "history", p.reference, "--json"], launcher: Self.toFullDisk), "inquiry history --json")
    }

    @Test func dashMeansStandardOutput() throws {
        let p = try ReportsEndToEndTests().prepared()
        let family = try p.cli.ok("report", "family", p.reference, "-o", "-", "--lang", "en")
        #expect(family.stdout.contains(p.reference) && !FileManager.default.fileExists(atPath: p.cli.path("-")))
        let stats = try p.cli.ok("report", "stats", "-o", "-", "--format", "csv")
        #expect(stats.stdout.hasPrefix("section,key,name,measure,value"))
        try p.cli.ok("login", "alice", "--password-stdin", stdin: CLIHarness.adminPassword + "\n")
        let export = try p.cli.ok("export", "--format", "json", "-o", "-")
        #expect(export.stdout.contains("homeward-export") && !FileManager.default.fileExists(atPath: p.cli.path("-")))
    }

    @Test func jsonOnAReportIsTheReportAsJSONOrAUsageError() throws {
        let p = try ReportsEndToEndTests().prepared()
        let family = try p.cli.ok("report", "family", p.reference, "--json")
        #expect((try JSONSerialization.jsonObject(with: Data(family.stdout.utf8)) as? [String: Any]) != nil, "\(family.stdout.prefix(200))")
        let stats = try p.cli.ok("report", "stats", "--json")
        #expect((try JSONSerialization.jsonObject(with: Data(stats.stdout.utf8)) as? [String: Any])?["report"] as? String == "stats")
        #expect(try p.cli.ok("report", "stats", "--format", "txt").stdout == (try p.cli.ok("report", "stats").stdout),
                "txt is the table, as for the family report")
        let clash = try p.cli.run(["report", "batch", p.code, "--json", "--format", "csv"])
        #expect(clash.status == 64 && clash.stderr.contains("--format json"), "\(clash.stderr)")
        let familyClash = try p.cli.run(["report", "family", p.reference, "--json", "--format", "html"])
        #expect(familyClash.status == 64, "\(familyClash.stderr)")
    }

    @Test func theDemoRefusesAMissingFolderAndMakesNone() throws {
        let cli = try CLIHarness()
        let target = cli.path("no/such/folder/demo.sqlite")
        let refused = try cli.run(["demo", "--small", "--db", target])
        #expect(refused.status == 73 && refused.stderr.contains("the folder does not exist"), "\(refused.stderr)")
        #expect(refused.stderr.split(separator: "\n").count == 1)
        #expect(!FileManager.default.fileExists(atPath: cli.path("no")), "no folder made")
    }

    @Test func aFolderGivenAsTheReportFileIsNamedAsOne() throws {
        let p = try ReportsEndToEndTests().prepared()
        try FileManager.default.createDirectory(atPath: p.cli.path("fr"), withIntermediateDirectories: false)
        let refused = try p.cli.run(["report", "family", p.reference, "-o", p.cli.path("fr")])
        #expect(refused.status == 73 && refused.stderr.contains("is a folder") && !refused.stderr.contains("export"), "\(refused.stderr)")
    }

    @Test func usageErrorsNameTheFix() throws {
        let cli = try CLIHarness.initialised()
        let get = try cli.run(["settings", "get", "centre.name"])
        #expect(get.status == 64 && get.stderr == "error: \"get\" is not a subcommand of 'settings'; use list, set or unset "
                + "(see 'homeward help settings')\n", "\(get.stderr)")
        let csv = try cli.run(["export", "--format", "csv"])
        #expect(csv.status == 64 && csv.stderr.contains("; use 'json'") && !csv.stderr.contains("Please provide"), "\(csv.stderr)")
        let denied = try cli.run(["report", "family", "HW-2025-000001-D"])
        #expect(denied.status == 77 && denied.stderr.contains("only coordinator accounts may"), "\(denied.stderr)")
    }
}
