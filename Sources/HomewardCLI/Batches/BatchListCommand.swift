import ArgumentParser
import HomewardCore

struct BatchListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List batches, newest first.")

    @OptionGroup var options: GlobalOptions

    func run() throws {
        let context = try CommandContext(options)
        let list = try context.homeward.batches(try context.actor())
        if options.json { return try Output.json(list) }
        Output.table(
            ["CODE", "DATE", "KIND", "STATUS", "RECEIVED", "LISTED", "REGIONS"],
            list.map { [$0.code, $0.date, $0.kind, $0.status, $0.received.map(String.init) ?? "?", String($0.manifestRecords),
                        $0.regions.joined(separator: ",")] })
    }
}
