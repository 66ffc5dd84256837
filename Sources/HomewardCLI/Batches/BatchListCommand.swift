import ArgumentParser
import HomewardCore

struct BatchListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List batches, newest first.")

    @OptionGroup var options: GlobalOptions

    func run() throws {
        let context = try CommandContext(options)
        let list = try context.service.batches()
        // Volunteers see only the batches assigned to them.
        try Output.list(list, options, empty: try list.isEmpty && context.service.whoami().role == .volunteer ? "no batches are assigned to you (an admin assigns them)" : "no batches recorded",
                        columns: BatchTable.columns, row: BatchTable.row)
    }
}
