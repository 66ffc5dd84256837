import Foundation
import Testing

/// Issue 6.11: a malformed or unknown command-line value is 64; a well-formed value the data
/// refuses is 65.
@Suite(.serialized) struct ExitCodeRuleEndToEndTests {
    func coordinator() throws -> CLIHarness {
        let cli = try CLIHarness.initialised()
        try cli.addAndLogin("olena", role: "coordinator")
        return cli
    }

    @Test func malformedOrUnknownOptionValuesAreUsageErrors() throws {
        let cli = try coordinator()
        for arguments in [["inquiry", "list", "--status", "closed"], ["inquiry", "list", "--since", "2025-13-01"],
                          ["inquiry", "list", "--since", "yesterday"], ["audit", "log", "--since", "yesterday"],
                          ["inquiry", "list", "--region", "Narnia"], ["user", "add", "bob", "--role", "superuser"],
                          ["batch", "add", "--date", "2025-06-14", "--kind", "bodies", "--regions", "UA-14"],
                          ["search", "Шевченко", "--limit", "many"]] {
            let outcome = try cli.run(arguments)
            #expect(outcome.status == 64, "\(arguments): \(outcome.stderr)")
            #expect(outcome.stderr.hasPrefix("error: ") && outcome.stderr.split(separator: "\n").count == 1)
        }
    }

    @Test func wellFormedValuesTheDataRefusesAreBadData() throws {
        let cli = try coordinator()
        #expect(try cli.run(["batch", "show", "B-1999-999"]).status == 65)
        #expect(try cli.run(["inquiry", "show", "HW-2025-000001-K"]).status == 65)
    }

    @Test func sinceTakesFullDateTimes() throws {
        let cli = try coordinator()
        for since in ["2025-06-02", "2025-06-02T10:00:00Z", "2025-06-02T10:00:00+03:00", "2025-06-02T10:00:00.250-05:00",
                      "2025-06-02T10:00Z", "2025-06-02 10:00:00+0300"] {
            try cli.ok("audit", "log", "--since", since)
            try cli.ok("inquiry", "list", "--since", since)
        }
        #expect(try cli.run(["audit", "log", "--since", "2025-06-02T25:00:00Z"]).status == 64)
        #expect(try cli.run(["audit", "log", "--since", "2025-02-30"]).status == 64)
    }

    @Test func aNegativeLimitMustBePositive() throws {
        let cli = try coordinator()
        for command in [["inquiry", "list"], ["audit", "log"], ["search", "Шевченко"]] {
            let outcome = try cli.run(command + ["--limit", "-3"])
            #expect(outcome.status == 64)
            #expect(outcome.stderr.contains("--limit must be positive"), "\(command): \(outcome.stderr)")
        }
    }

    @Test func aNumberWithSeparatorsGetsAHint() throws {
        let cli = try coordinator()
        let outcome = try cli.run(["batch", "add", "--date", "2025-06-14", "--kind", "remains", "--regions", "UA-14",
                                   "--received", "1,212"])
        #expect(outcome.status == 64)
        #expect(outcome.stderr.contains("write 1212"))
    }

    @Test func helpOnAnUnknownTopicIsAUsageError() throws {
        let outcome = try CLIHarness().run(["help", "nonsense"])
        #expect(outcome.status == 64)
        #expect(outcome.stderr.hasPrefix("error: ") && outcome.stdout.isEmpty)
        #expect(try CLIHarness().run(["help", "inquiry", "list"]).status == 0)
    }

    @Test func theRuleIsInHelp() throws {
        let help = try CLIHarness().run(["--help"]).stdout
        #expect(help.contains("malformed") && help.contains("refuses"))
    }
}
