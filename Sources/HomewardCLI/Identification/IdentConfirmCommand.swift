import ArgumentParser
import HomewardCore

struct IdentConfirmCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "confirm", abstract: "Confirm a record's pending identification (coordinators other than the proposer).",
        discussion: """
            dna, fingerprints and dental need one confirmation, documents and visual two, each \
            by a different coordinator who is not the proposer (refused with exit 77). The \
            last confirmation puts the identification into effect and resolves the linked \
            inquiry. A proposal whose record changed status or confirmed link since is stale \
            (exit 65, "changed meanwhile").
            """)

    @Argument(help: "The record, CODE/TAG.") var record: String
    @Option(help: "The proposal you reviewed (its id in 'homeward ident history'); refused if another is pending now.",
            transform: WholeNumber.parse)
    var proposal: Int?
    @Option(help: "A note on what you checked.") var note: String?
    @OptionGroup var options: GlobalOptions

    func run() throws {
        let context = try CommandContext(options)
        let confirmed = try context.service.confirmIdentification(record: record, proposal: proposal.map(Int64.init), note: note)
        if options.json { return try Output.json(confirmed) }
        var message = "\(confirmed.record): confirmation \(confirmed.confirmations) of \(confirmed.needed)"
        if confirmed.inEffect {
            message += "; \(confirmed.status) is in effect"
            if let inquiry = confirmed.inquiry, let status = confirmed.inquiryStatus { message += "; \(inquiry) is \(status)" }
        } else {
            message += "; it needs a confirmation by one more coordinator"
        }
        Output.note(message, quiet: options.quiet)
    }
}
