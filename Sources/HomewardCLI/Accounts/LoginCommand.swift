import ArgumentParser
import HomewardCore

struct LoginCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "login", abstract: "Log in and keep the session token for this database.")

    @Argument(help: "User name.")
    var name: String

    @Flag(help: "Read the password from one line of standard input instead of the terminal.")
    var passwordStdin = false

    @OptionGroup var options: GlobalOptions

    func run() throws {
        let context = try CommandContext(options)
        let password = try PasswordInput(fromStandardInput: passwordStdin).read(prompt: "Password for \(name): ")
        let session = try context.homeward.login(name: name, password: password)
        try TokenStore.write(session.token, databaseID: session.databaseID)
        if options.json {
            try Output.json(["name": session.actor.name, "role": session.actor.role.rawValue, "expires_at": session.expiresAt])
        } else {
            Output.note("logged in as \(session.actor.name) (\(session.actor.role.rawValue)) until \(session.expiresAt)",
                        quiet: options.quiet)
        }
    }
}
