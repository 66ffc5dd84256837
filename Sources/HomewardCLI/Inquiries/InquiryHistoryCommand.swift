import ArgumentParser
import HomewardCore

struct InquiryHistoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history", abstract: "Show everything that happened to an inquiry, oldest first (coordinators, auditors).",
        discussion: """
            Received, edits (field names), status changes, merges, contacts (channel and outcome), matching, \
            candidate links and decisions, identification steps of the records its person was confirmed as, \
            family reports exported. No contact details and no notes. --json prints an array of objects with \
            at, by, kind, summary, details (an object of text values) and audit_seq.
            """)

    @Argument(help: "Inquiry reference, e.g. HW-2025-000123-K.") var reference: String
    @OptionGroup var options: GlobalOptions

    func run() throws {
        let context = try CommandContext(options)
        let entries = try context.service.inquiryHistory(reference: reference)
        try Output.list(entries, options, empty: "no history", columns: InquiryHistoryOutput.columns, row: InquiryHistoryOutput.row)
    }
}

/// How history entries read as a table.
enum InquiryHistoryOutput {
    static let columns: [TextTable.Column] = [.init("AT"), .init("BY", .shrink), .init("KIND"), .init("WHAT", .wrap)]

    static func row(_ entry: InquiryHistoryEntry) -> [String] {
        [String(entry.at.prefix(16)).replacingOccurrences(of: "T", with: " "), entry.by ?? "-", entry.kind.rawValue, entry.summary]
    }
}
