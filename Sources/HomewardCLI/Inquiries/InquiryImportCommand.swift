import ArgumentParser
import Foundation
import HomewardCore

struct InquiryImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import", abstract: "Import inquiries from a CSV file: all rows or none.",
        discussion: """
            Header (any order; required marked *): family_name*, given_name*, patronymic, date_of_birth, \
            sex, service_number, unit, rank, last_known_region*, last_known_place, date_last_seen*, \
            inquirer_name*, relationship*, phone, email (phone or email in every row), language, \
            consent_tracing, received_on, notes. RFC 4180, UTF-8 with or without BOM. Limits, checked \
            before the file is read: \(CSVLimits.defaultMaxBytes) bytes and \(CSVLimits.defaultMaxRows) rows \
            (raise with --max-bytes, --max-rows), \(CSVLimits.maxColumns) cells per row, \
            \(CSVLimits.maxCellBytes) bytes per cell.
            """)

    @Argument(help: "The CSV file.") var file: String
    @Flag(help: "Validate only; write nothing.") var dryRun = false
    @OptionGroup var limits: ImportLimitOptions
    @OptionGroup var options: GlobalOptions

    func run() throws {
        let context = try CommandContext(options)
        let summary = try ImportReport.run(options: options) {
            try context.service.importInquiries(file: URL(fileURLWithPath: file), limits: limits.limits, dryRun: dryRun,
                                                progress: Progress.reporter(options))
        }
        if options.json { return try Output.json(summary) }
        if !options.quiet {
            Output.line(summary.dryRun ? "\(summary.rows) \(summary.rows == 1 ? "row" : "rows") valid; nothing written (dry run)"
                                       : "imported \(summary.rows) \(summary.rows == 1 ? "inquiry" : "inquiries")\(Self.range(summary))")
        }
        ImportWarningReport.print(summary)
    }

    /// ": FIRST … LAST", or ": REF" for a single inquiry.
    static func range(_ summary: ImportSummary) -> String {
        guard let first = summary.firstReference else { return "" }
        guard let last = summary.lastReference, last != first else { return ": \(first)" }
        return ": \(first) … \(last)"
    }
}
