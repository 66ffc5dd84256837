import ArgumentParser
import HomewardCore

struct BackupOutput: Encodable {
    let file: String
    let auditEvents: Int

    enum CodingKeys: String, CodingKey {
        case file
        case auditEvents = "audit_events"
    }
}

struct DatabaseBackupCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup", abstract: "Copy the database online into a new file (0600) and verify the copy.")

    @Argument(help: "The new backup file; must not exist.") var file: String
    @OptionGroup var options: GlobalOptions

    func run() throws {
        let context = try CommandContext(options)
        let check = try context.homeward.backup(try context.actor(), to: file)
        if options.json { return try Output.json(BackupOutput(file: file, auditEvents: check.auditEvents)) }
        Output.note("backed up to \(file) (verified: integrity ok, \(check.auditEvents) audit events)", quiet: options.quiet)
    }
}
