import ArgumentParser
import HomewardCore

struct IdentHistoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history", abstract: "Show a record's identification history, oldest first.",
        discussion: "--json prints an array of events with id, record, at, by, kind, status, method, evidence, note, via, proposal_id and link_id.")

    @Argument(help: "The record, CODE/TAG.") var record: String
    @OptionGroup var options: GlobalOptions

    func run() throws {
        let context = try CommandContext(options)
        let events = try context.service.identificationHistory(record: record)
        try Output.list(events, options, empty: "no identification history yet", columns: IdentificationOutput.columns,
                        row: IdentificationOutput.row)
    }
}

/// How identification events read as a table (`ident history`, `batch show CODE/TAG`).
enum IdentificationOutput {
    static let columns: [TextTable.Column] = [
        .init("ID"), .init("AT"), .init("BY", .shrink), .init("KIND"), .init("STATUS"), .init("DETAILS", .wrap),
    ]

    /// Details one to a line, so that wrapping keeps each whole; a note's own lines are indented.
    /// Confirmations and the change they put into effect name the proposal instead of repeating it.
    static func row(_ event: IdentificationEventView) -> [String] {
        var details = [String]()
        if let proposal = event.proposalID {
            details.append(event.kind == "confirmation" ? "confirms proposal \(proposal)" : "proposal \(proposal) in effect")
        } else {
            if let method = event.method { details.append("method \(method)") }
            if let via = event.via { details.append("via \(via)") }
            if let evidence = event.evidence { details.append("evidence \(evidence)") }
            if let link = event.linkID, event.kind == "proposal" { details.append("link \(link)") }
        }
        if let note = event.note { details.append("note: " + Output.nested(note).replacingOccurrences(of: "\n    ", with: "\n  ")) }
        return [String(event.id), String(event.at.prefix(16)).replacingOccurrences(of: "T", with: " "), event.by, event.kind,
                event.status, details.joined(separator: "\n")]
    }

    /// The pending proposal in one line: what, by whom, confirmations so far and needed.
    static func proposal(_ proposal: PendingProposalView) -> String {
        var text = "\(proposal.status) by \(proposal.method) (proposal \(proposal.id)), proposed by \(proposal.proposedBy) "
            + "\(proposal.proposedAt.prefix(10)); \(proposal.confirmations) of \(proposal.needed) confirmations"
        if !proposal.confirmedBy.isEmpty { text += " (\(proposal.confirmedBy.joined(separator: ", ")))" }
        return text + ", each by a coordinator other than \(proposal.proposedBy)"
    }
}
