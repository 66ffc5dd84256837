import ArgumentParser
import HomewardCore

struct WhoamiCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "whoami", abstract: "Show the logged-in user and role.")

    @OptionGroup var options: GlobalOptions

    func run() throws {
        let actor = try CommandContext(options).actor()
        if options.json {
            try Output.json(["user": actor.name, "role": actor.role.rawValue])
        } else {
            print("\(actor.name) (\(actor.role.rawValue))")
        }
    }
}
