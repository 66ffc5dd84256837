import ArgumentParser

struct UserCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user", abstract: "Manage accounts, roles and sessions (admins).",
        subcommands: [
            UserAddCommand.self, UserListCommand.self, UserDisableCommand.self, UserEnableCommand.self,
            UserPasswordCommand.self, UserRoleCommand.self, UserRevokeSessionsCommand.self, UserAssignCommand.self,
            UserUnassignCommand.self,
        ])
}
