import ArgumentParser
import HomewardCore

struct WhoamiCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "whoami", abstract: "Show the logged-in user and role.")

    @OptionGroup var options: GlobalOptions

    func run() throws {
        let actor = try CommandContext(options).service.whoami()
        if options.json {
            try Output.json(["name": actor.name, "role": actor.role.rawValue])
        } else {
            Output.line("\(actor.name) (\(actor.role.rawValue))")
        }
    }
}
