import ArgumentParser

struct DatabaseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "db", abstract: "Check and back up the database (admins).",
        subcommands: [DatabaseCheckCommand.self, DatabaseBackupCommand.self])
}
