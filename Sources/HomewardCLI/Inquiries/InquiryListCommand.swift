import ArgumentParser
import HomewardCore

struct InquiryListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List inquiries, newest received first.")

    @Option(help: "open, linked, resolved, withdrawn or merged.") var status: String?
    @Option(help: "Last known region (code or name).") var region: String?
    @Option(help: "Assigned coordinator.") var coordinator: String?
    @Option(help: ArgumentHelp("Received on or after this date.", valueName: "date")) var since: String?
    @Option(help: "At most N inquiries.") var limit: Int?
    @OptionGroup var options: GlobalOptions

    func validate() throws {
        if let limit, limit < 1 { throw ValidationError("--limit must be at least 1") }
    }

    func run() throws {
        let context = try CommandContext(options)
        let filter = InquiryFilter(status: status, region: region, coordinator: coordinator, receivedSince: since, limit: limit)
        let list = try context.homeward.inquiries(try context.actor(), filter: filter)
        if options.json { return try Output.json(list) }
        Output.table(
            ["REFERENCE", "STATUS", "NAME", "REGION", "LAST SEEN", "RECEIVED"],
            list.map { [$0.reference, $0.status, "\($0.familyName) \($0.givenName)", $0.lastKnownRegion, $0.lastSeen, $0.receivedOn] },
            keep: [0, 1, 3, 4, 5])
    }
}
