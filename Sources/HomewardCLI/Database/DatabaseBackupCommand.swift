import ArgumentParser
import HomewardCore

struct DatabaseBackupCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup", abstract: "Copy the database online into a new file (0600) and verify the copy.")

    @Argument(help: "The new backup file; must not exist.") var file: String
    @OptionGroup var options: GlobalOptions

    func run() throws {
        let context = try CommandContext(options)
        let check = try context.homeward.backup(try context.actor(), to: file)
        if options.json { return try Output.json(["file": file, "audit_events": String(check.auditEvents)]) }
        Output.note("backed up to \(file) (verified: integrity ok, \(check.auditEvents) audit events)", quiet: options.quiet)
    }
}
