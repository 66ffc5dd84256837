import ArgumentParser
import HomewardCore

struct LinkCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "link", abstract: "List, confirm and reject links between persons and batches or records.",
        discussion: """
            Links are proposed by 'homeward match --save' (state candidate) and decided by a \
            person: confirm when the evidence was checked, reject with a reason (a DNA \
            exclusion, a different date of birth). A rejected pair is never proposed again.
            """,
        subcommands: [LinkListCommand.self, LinkConfirmCommand.self, LinkRejectCommand.self])
}

enum LinkState: String, ExpressibleByArgument, CaseIterable {
    case candidate, confirmed, rejected
}

struct LinkListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List links: newest batch first, best score first within each record; with --inquiry, best first.")

    @Option(help: "Only links of this batch.") var batch: String?
    @Option(help: "Only links of this inquiry's person.") var inquiry: String?
    @Option(help: "Only links in this state: candidate, confirmed or rejected.") var state: LinkState?
    @OptionGroup var options: GlobalOptions

    func run() throws {
        let context = try CommandContext(options)
        let links = try context.service.links(batch: batch, inquiry: inquiry, state: state?.rawValue)
        try Output.list(links, options, empty: "no links match",
                        columns: [.init("ID"), .init("RECORD/BATCH"), .init("REFERENCE"), .init("NAME", .shrink),
                                  .init("STATE"), .init("SCORE"), .init("DECIDED BY", .shrink)]) { link in
            [String(link.id), link.record ?? link.batch, link.reference, link.name, link.state,
             MatchOutput.format(link.score), link.decidedBy ?? ""]
        }
    }
}

struct LinkConfirmCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "confirm", abstract: "Confirm a candidate link; its inquiry becomes linked.",
        discussion: """
            A record-level link says the record is this person; a batch-level one (from 'match --inquiry \
            --save') that the batch concerns the person. Either moves an open inquiry to linked. A record \
            has at most one confirmed link, and a person is confirmed as at most one record.
            """)

    @Argument(help: "The link id (see 'homeward link list').", transform: WholeNumber.parse) var id: Int
    @OptionGroup var options: GlobalOptions

    func run() throws {
        let context = try CommandContext(options)
        let decided = try context.service.confirmLink(id: Int64(id))
        if options.json { return try Output.json(decided) }
        Output.note("link \(decided.id) confirmed; \(decided.reference) is \(decided.inquiryStatus)", quiet: options.quiet)
    }
}

struct LinkRejectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reject", abstract: "Reject a link with a reason; matching never proposes the pair again.",
        discussion: "Rejecting a confirmed link undoes it: the inquiry goes back to open when its person has no other confirmed link.")

    @Argument(help: "The link id (see 'homeward link list').", transform: WholeNumber.parse) var id: Int
    @Option(name: [.customLong("reason"), .customLong("note")], help: "Why the link is wrong, e.g. \"DNA exclusion, lab ref 2025-114\".")
    var reason: String
    @OptionGroup var options: GlobalOptions

    func run() throws {
        let context = try CommandContext(options)
        let decided = try context.service.rejectLink(id: Int64(id), reason: reason)
        if options.json { return try Output.json(decided) }
        Output.note("link \(decided.id) rejected; \(decided.reference) is \(decided.inquiryStatus)", quiet: options.quiet)
    }
}
