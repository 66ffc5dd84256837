import ArgumentParser
import HomewardCore

struct BatchRecordVoidCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "void", abstract: "Void a returned record entered by mistake, with a reason.",
        discussion: """
            The record is kept with its history ('homeward batch show CODE/TAG') but leaves the \
            batch's list, counts and search, and its tag may be used again. (Once records can be \
            linked to persons, a record that was ever linked keeps its tag.)
            """)

    @Argument(help: "The record, CODE/TAG.") var record: String
    @Option(name: [.customLong("reason"), .customLong("note")], help: "Why the record is void (--note is the same).")
    var reason: String
    @OptionGroup var options: GlobalOptions

    func run() throws {
        let context = try CommandContext(options)
        let address = try context.service.voidRecord(address: record, reason: reason)
        try Output.done(options, "\(address) voided; it stays in its history and its tag is free",
                        json: ["record": address, "status": "voided"])
    }
}
