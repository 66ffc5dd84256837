import ArgumentParser
import HomewardCore

struct UserAddCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "add", abstract: "Add an account.")

    @Argument(help: ArgumentHelp("User name: \(UserName.rule).", valueName: "name"))
    var name: String

    @Option(help: "admin, coordinator, volunteer or auditor.")
    var role: Role

    @Flag(help: "Read the password from one line of standard input instead of the terminal.")
    var passwordStdin = false

    @OptionGroup var options: GlobalOptions

    func run() throws {
        let context = try CommandContext(options)
        let password = try PasswordInput(fromStandardInput: passwordStdin)
            .read(prompt: "New password for \(name) (at least 15 characters): ", confirm: true)
        try context.service.addUser(name: name, role: role, password: password)
        if options.json {
            try Output.json(["name": name, "role": role.rawValue])
        } else {
            Output.note("added \(name) (\(role.rawValue))", quiet: options.quiet)
        }
    }
}
