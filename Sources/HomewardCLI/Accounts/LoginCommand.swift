import ArgumentParser
import HomewardCore

struct LoginCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "login", abstract: "Log in and keep the session token for this database.",
        discussion: "A login replaces the stored token of this database and ends the session it held.")

    @Argument(help: "User name.")
    var name: String

    @Flag(help: "Read the password from one line of standard input instead of the terminal.")
    var passwordStdin = false

    @OptionGroup var options: GlobalOptions

    func run() throws {
        let context = try CommandContext(options)
        // Refuse an unsafe token folder before a session exists that could not be kept.
        let store = try TokenStore.creating(databaseID: try context.service.sessionKey())
        let password = try PasswordInput(fromStandardInput: passwordStdin).read(prompt: "Password for \(name): ")
        let session = try context.service.login(name: name, password: password)
        let replaced: [String]
        do {
            replaced = try store.replace(with: session.token)
        } catch {
            _ = try? context.service.endSession(token: session.token, reason: .logout)
            throw error
        }
        for replaced in replaced where replaced != session.token {
            do {
                _ = try context.service.endSession(token: replaced, reason: .replaced)
            } catch let error as AccessError where error == .malformedToken || error == .tokenFromOtherDatabase {
                // Not a session of this database: nothing to end.
            }
        }
        if options.json {
            try Output.json(["name": session.name, "role": session.role.rawValue, "expires_at": session.expiresAt])
        } else {
            Output.note("logged in as \(session.name) (\(session.role.rawValue)) until \(session.expiresAt)",
                        quiet: options.quiet)
        }
    }
}
