import ArgumentParser
import HomewardCore

struct BackupOutput: Encodable {
    let file: String
    let auditEvents: Int
    let head: String
    let headFile: String

    enum CodingKeys: String, CodingKey {
        case file, head
        case auditEvents = "audit_events"
        case headFile = "head_file"
    }
}

struct DatabaseBackupCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup", abstract: "Copy the database online into a new file (0600) and verify the copy.",
        discussion: """
            Also writes the copy's audit head (SEQ:HASH) to FILE.head, a new 0600 file. Keep it \
            apart from the backup: 'audit verify --expect-head' or scripts/verify-audit.py \
            --expect-head checks a copy against it.
            """)

    @Argument(help: "The new backup file; must not exist.") var file: String
    @OptionGroup var options: GlobalOptions

    func validate() throws {
        if file.trimmingCharacters(in: .whitespaces).isEmpty {
            throw ValidationError("give the new backup file's name, e.g. homeward-2026-12-08.sqlite")
        }
    }

    func run() throws {
        let context = try CommandContext(options)
        let backup = try context.service.backup(to: file)
        if options.json {
            return try Output.json(BackupOutput(file: file, auditEvents: backup.auditEvents, head: backup.head, headFile: backup.headFile))
        }
        Output.note("backed up to \(file) (verified: integrity ok, \(backup.auditEvents) audit events; head \(backup.head) in \(backup.headFile))",
                    quiet: options.quiet)
    }
}
