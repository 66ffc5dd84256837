import ArgumentParser
import HomewardCore

struct InquiryListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List inquiries, newest received first.")

    @Option(help: "open, linked, resolved, withdrawn or merged.") var status: InquiryStatusArgument?
    @Option(help: "Last known region (code or name).") var region: String?
    @Option(help: "Assigned coordinator.") var coordinator: String?
    @Option(help: ArgumentHelp("Received on or after the day of this ISO 8601 date or date-time.", valueName: "date"),
            transform: ISODate.parse)
    var since: ISODate?
    @Option(parsing: .unconditional, help: "At most N inquiries.", transform: WholeNumber.parse) var limit: Int?
    @OptionGroup var options: GlobalOptions

    func validate() throws {
        if let limit, limit < 1 { throw ValidationError("--limit must be positive (1 or more)") }
        // An unknown region is a mistyped option, like an unknown status: usage, not data.
        if let region {
            do { _ = try RegionDirectory.standard.resolve(region) } catch { throw ValidationError("--region: \(error.localizedDescription)") }
        }
    }

    func run() throws {
        let context = try CommandContext(options)
        let filter = InquiryFilter(status: status?.rawValue, region: region, coordinator: coordinator,
                                   receivedSince: since?.day.description, limit: limit)
        let list = try context.service.inquiries(filter)
        try Output.list(list, options, empty: "no inquiries match",
                        columns: [.init("REFERENCE"), .init("STATUS"), .init("NAME", .shrink), .init("REGION"),
                                  .init("LAST SEEN"), .init("RECEIVED")]) { inquiry in
            [inquiry.reference, inquiry.status, "\(inquiry.familyName) \(inquiry.givenName)", inquiry.lastKnownRegion,
             Self.compact(inquiry.lastSeen), inquiry.receivedOn]
        }
    }

    /// A whole month or year as it is usually written (`2024-01`, not `2024-01-01..2024-01-31`),
    /// which leaves the names room in an 80-column table.
    static func compact(_ lastSeen: String) -> String {
        guard let range = DayRange(lastSeen) else { return lastSeen }
        let first = range.from.description
        for form in [String(first.prefix(4)), String(first.prefix(7))] where PartialDate(form)?.range == range {
            return form
        }
        return range.description
    }
}
