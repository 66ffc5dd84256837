import ArgumentParser
import HomewardCore

struct DatabaseCheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Integrity and foreign-key checks, schema version, audit chain; exit 65 if unhealthy.")

    @OptionGroup var options: GlobalOptions

    func run() throws {
        let context = try CommandContext(options)
        let check = try context.service.checkDatabase()
        if options.json {
            try Output.json(check)
        } else {
            Output.fields([
                ("integrity:", check.integrity.joined(separator: "\n")),
                ("foreign keys:", check.foreignKeyViolations.isEmpty ? "ok" : check.foreignKeyViolations.joined(separator: "\n")),
                ("migrations:", "\(check.appliedMigrations.last ?? "none") (this homeward knows up to \(check.latestKnownMigration))"),
                ("schema:", check.schemaProblems.isEmpty ? "as the migrations create it" : check.schemaProblems.joined(separator: "\n")),
                ("permissions:", check.filePermissions),
                ("audit trail:", "\(check.auditIntact ? "intact" : "BROKEN, run 'homeward audit verify'") (\(check.auditEvents) events)"),
            ])
        }
        if !check.isHealthy { throw CLIError.badData("database check failed; see the report above") }
    }
}
