import ArgumentParser
import HomewardCore

struct UserListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List accounts.")

    @OptionGroup var options: GlobalOptions

    func run() throws {
        let context = try CommandContext(options)
        let users = try context.service.users()
        try Output.list(users, options, empty: "no accounts",
                        columns: [.init("NAME"), .init("ROLE"), .init("STATUS"), .init("SESSIONS"), .init("CREATED")]) { user in
            [user.name, user.role.rawValue, user.lockedUntil.map { "locked until \($0)" } ?? user.status,
             String(user.activeSessions), String(user.createdAt.prefix(10))]
        }
    }
}
