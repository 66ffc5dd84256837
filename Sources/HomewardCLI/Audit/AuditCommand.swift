import ArgumentParser

struct AuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit", abstract: "Read and verify the audit trail.",
        subcommands: [AuditLogCommand.self, AuditVerifyCommand.self])
}
