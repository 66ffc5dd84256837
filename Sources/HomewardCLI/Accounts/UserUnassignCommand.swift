import ArgumentParser
import HomewardCore

struct UserUnassignCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "unassign", abstract: "End a volunteer's assignment to a batch.")

    @Argument(help: "User name.") var name: String
    @Option(help: "Batch code.") var batch: String
    @OptionGroup var options: GlobalOptions

    func run() throws {
        let context = try CommandContext(options)
        try context.service.unassignBatch(user: name, code: batch)
        try Output.done(options, "\(name) no longer assigned to \(batch.uppercased())", json: ["name": name, "code": batch.uppercased()])
    }
}
