import ArgumentParser
import Foundation
import HomewardDemo

struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo", abstract: "Build a demo database: the 2025 exchanges, fictional cases, one account per role.",
        discussion: """
            Creates a new database (--db, else $HOMEWARD_DB, else ./homeward-demo.sqlite) that tells \
            the story of the 2025 transfers and exchanges from public reports, with fictional \
            manifests, inquiries and staff: candidates matched, identifications confirmed by two \
            coordinators, and a family report in each language written beside the database. \
            Every account gets a fresh random passphrase, printed once at the end and stored \
            nowhere. An existing file is never touched (exit 73).
            """)

    /// The same story with fewer records, for the end-to-end tests.
    @Flag(help: .private) var small = false

    @OptionGroup var options: GlobalOptions

    func run() throws {
        try options.requireDatabaseFile(for: "demo")
        let path = URL(fileURLWithPath: options.databasePath(else: "homeward-demo.sqlite")).standardizedFileURL.path
        let story = DemoStory(databasePath: path, scale: small ? .small : .full, environment: CommandContext.environment)
        let showProgress = !options.quiet && !options.json && isatty(STDERR_FILENO) == 1
        let outcome = try story.tell { step in
            if showProgress { Output.note(step + " …", quiet: false) }
        }
        if options.json { return try Output.json(outcome) }
        DemoOutput(outcome: outcome, program: Self.program).print()
    }

    /// How to call this binary in the printed commands: `homeward` when it was found on PATH,
    /// else its absolute path (for an alias).
    static var program: String? {
        let invoked = CommandLine.arguments.first ?? "homeward"
        guard invoked.contains("/") else { return nil }
        return URL(fileURLWithPath: invoked).standardizedFileURL.path
    }
}
