import ArgumentParser
import HomewardCore

struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init", abstract: "Create the database and its first admin.")

    @Option(help: ArgumentHelp("Name of the first admin account.", valueName: "name"))
    var admin: String

    @Flag(help: "Read the password from one line of standard input instead of the terminal.")
    var passwordStdin = false

    @OptionGroup var options: GlobalOptions

    func run() throws {
        try options.requireDatabaseFile(for: "init")
        let password = try PasswordInput(fromStandardInput: passwordStdin)
            .read(prompt: "New password for \(admin) (at least 15 characters): ", confirm: true)
        let homeward = try Homeward.create(path: options.databasePath, adminName: admin, password: password,
                                           environment: CommandContext.environment)
        if options.json {
            try Output.json(["database": homeward.path, "admin": admin])
        } else {
            Output.note("""
                created \(homeward.path) with admin \(admin)
                next: homeward login \(admin)   then: homeward user add NAME --role coordinator
                """, quiet: options.quiet)
        }
    }
}
