import ArgumentParser
import HomewardCore

struct BatchStatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "status", abstract: "Change a batch's status, with a reason.")

    @Argument(help: "Batch code.") var code: String
    @Argument(help: "announced, completed, postponed or disputed.") var status: BatchStatus
    @Option(name: [.customLong("reason"), .customLong("note")], help: "What was announced or why (--note is the same).")
    var note: String
    @OptionGroup var options: GlobalOptions

    func run() throws {
        let context = try CommandContext(options)
        try context.service.setBatchStatus(code: code, status: status, note: note)
        try Output.done(options, "\(code.uppercased()) is now \(status.rawValue)",
                        json: ["code": code.uppercased(), "status": status.rawValue])
    }
}
