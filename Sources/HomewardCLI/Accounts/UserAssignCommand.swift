import ArgumentParser
import HomewardCore

struct UserAssignCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "assign", abstract: "Assign a volunteer to a batch they may read and work on.")

    @Argument(help: "User name.") var name: String
    @Argument(help: "Batch code (or give it as --batch CODE, as 'user unassign' takes it).") var batchCode: String?
    @Option(help: "Batch code.") var batch: String?
    @OptionGroup var options: GlobalOptions

    var code: String { batch ?? batchCode ?? "" }

    func validate() throws {
        if (batch == nil) == (batchCode == nil) { throw ValidationError("give the batch code once, e.g. 'homeward user assign vera --batch B-2025-014'") }
    }

    func run() throws {
        let context = try CommandContext(options)
        try context.service.assignBatch(user: name, code: code)
        try Output.done(options, "\(name) assigned to \(code.uppercased())", json: ["name": name, "code": code.uppercased()])
    }
}
