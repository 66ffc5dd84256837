import ArgumentParser
import HomewardCore

struct BatchAddCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "add", abstract: "Record a batch; prints its code.")

    @Option(help: ArgumentHelp("Date of the transfer, YYYY-MM-DD.", valueName: "date")) var date: String
    @Option(help: "remains, pow_exchange, wounded_exchange or civilians.") var kind: BatchKind
    @Option(help: "How many were received (if known).", transform: WholeNumber.parse) var received: Int?
    @Option(help: "How many were handed over (if known).", transform: WholeNumber.parse) var handedOver: Int?
    @Option(help: "Recovery regions, comma-separated codes or names.") var regions: String
    @Option(help: "Where the transfer took place.") var transferPoint: String?
    @Option(help: "Agreement reference.") var agreement: String?
    @Option(help: ArgumentHelp("An announcement: TEXT or WHO|YYYY-MM-DD|TEXT (repeatable).", valueName: "source"))
    var source: [String] = []
    @OptionGroup var options: GlobalOptions

    func run() throws {
        let context = try CommandContext(options)
        let form = BatchForm(date: date, kind: kind.rawValue, received: received, handedOver: handedOver, regions: [regions],
                             transferPoint: transferPoint, agreement: agreement, sources: source)
        let added = try context.service.addBatch(form)
        if options.json { return try Output.json(added) }
        Output.line(added.code)
    }
}
