import ArgumentParser
import Foundation
import HomewardCore

/// The options `report batch` and `report stats` share: format, language and output file.
struct CoordinatorReportOptions: ParsableArguments {
    @Option(help: "table (80 columns), csv, json or html (printable, with charts); default: from the extension of -o, else table.")
    var format: CoordinatorReportFormat?
    @Option(help: "uk, en or ru: the language of the labels.") var lang: ReportLanguage = .en
    @Option(name: [.short, .customLong("output")], help: ArgumentHelp("Write to this new file (mode 0600) instead of standard output.", valueName: "file"))
    var output: String?

    func validate() throws {
        if let output, output.allSatisfy(\.isWhitespace) { throw ValidationError("-o needs the name of a new file") }
    }

    /// The format asked for, or the one the output file's extension names.
    var chosenFormat: CoordinatorReportFormat {
        if let format { return format }
        switch output.map(ReportWritten.fileExtension) {
        case "html", "htm": return .html
        case "csv": return .csv
        case "json": return .json
        default: return .table
        }
    }

    /// Writes the report to standard output, or says where it went.
    func deliver(_ report: RenderedReport, _ what: String, _ options: GlobalOptions) throws {
        guard let output else { return FileHandle.standardOutput.write(report.data) }
        try ReportWritten.say(report, what, to: output, options)
    }
}

struct ReportBatchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "batch", abstract: "Report on one batch: records by identification status, confirmed links, counts.",
        discussion: """
            Records by identification status, confirmed links (record, inquiry, person, status), \
            counts received against records listed and identified, identifications waiting for a \
            second person, and days since the transfer. No family's contact details. CSV has one \
            row per live record. Admins, coordinators and auditors; every report is audited.
            """)

    @Argument(help: "The batch code, B-YYYY-NNNN.") var code: String
    @OptionGroup var report: CoordinatorReportOptions
    @OptionGroup var options: GlobalOptions

    func run() throws {
        let context = try CommandContext(options)
        let result = try context.homeward.batchReport(try context.actor(), code: code, format: report.chosenFormat,
                                                      language: report.lang, toFile: report.output)
        try report.deliver(result, "batch report", options)
    }
}

struct ReportStatsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stats", abstract: "Statistics: inquiries by region and status, identifications per month, open cases by age, batches by kind.",
        discussion: """
            Counts only, no personal data. The HTML page draws bar charts as inline SVG, labelled \
            in the chosen language and readable in greyscale print. CSV is one long table: \
            section, key, name, measure, value. Admins, coordinators and auditors; audited.
            """)

    @OptionGroup var report: CoordinatorReportOptions
    @OptionGroup var options: GlobalOptions

    func run() throws {
        let context = try CommandContext(options)
        let result = try context.homeward.statsReport(try context.actor(), format: report.chosenFormat,
                                                      language: report.lang, toFile: report.output)
        try report.deliver(result, "statistics report", options)
    }
}
