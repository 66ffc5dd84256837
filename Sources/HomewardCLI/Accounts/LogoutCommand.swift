import ArgumentParser
import HomewardCore

struct LogoutCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "logout", abstract: "End this session.")

    @OptionGroup var options: GlobalOptions

    func run() throws {
        let context = try CommandContext(options)
        let databaseID = try context.homeward.databaseID()
        defer { TokenStore.remove(databaseID: databaseID) }
        try context.homeward.logout(token: try context.token())
        Output.note("logged out", quiet: options.quiet)
    }
}
