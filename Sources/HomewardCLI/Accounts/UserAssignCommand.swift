import ArgumentParser
import HomewardCore

struct UserAssignCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "assign", abstract: "Assign a volunteer to a batch they may read and work on.")

    @Argument(help: "User name.") var name: String
    @Argument(help: "Batch code.") var code: String
    @OptionGroup var options: GlobalOptions

    func run() throws {
        let context = try CommandContext(options)
        try context.homeward.assignBatch(try context.actor(), user: name, code: code)
        try Output.done(options, "\(name) assigned to \(code.uppercased())", json: ["name": name, "code": code.uppercased()])
    }
}
