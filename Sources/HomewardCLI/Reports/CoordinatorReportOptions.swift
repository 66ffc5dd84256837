import ArgumentParser
import Foundation
import HomewardCore

/// The options `report batch` and `report stats` share: format, language and output file.
struct CoordinatorReportOptions: ParsableArguments {
    @Option(help: "table (80 columns), csv, json or html (printable, with charts); default: from the extension of -o, else table.")
    var format: CoordinatorReportFormat?
    @Option(help: "uk, en or ru: the language of the table's and page's labels (csv and json keep codes and English names).")
    var lang: ReportLanguage = .en
    @Option(name: [.short, .customLong("output")], help: ArgumentHelp("Write to this new file (mode 0600) instead of standard output (- for standard output).", valueName: "file"))
    var output: String?

    func validate() throws {
        try OutputFile.validate(output)
        if format == nil, let file {
            try ReportWritten.checkExtension(file, known: ["html", "htm", "csv", "json", "txt", "text"], formats: "table, csv, json or html")
        }
    }

    /// The new file to write, or nil for standard output.
    var file: String? { OutputFile.path(output) }

    /// The format asked for, or the one the output file's extension names; with `--json` and
    /// no file, json.
    func chosenFormat(_ options: GlobalOptions) -> CoordinatorReportFormat {
        if let format { return format }
        switch file.map(ReportWritten.fileExtension) {
        case "html", "htm": return .html
        case "csv": return .csv
        case "json": return .json
        case nil where options.json: return .json
        default: return .table
        }
    }

    /// Standard output when there is no file: the core writes the report there and audits
    /// a write that fails as failed.
    var sink: ((Data) throws -> Void)? {
        guard file == nil else { return nil }
        return Output.standardOutput
    }

    /// Says where a report written to a file went.
    func deliver(_ report: RenderedReport, _ what: String, _ options: GlobalOptions) throws {
        guard let file else { return }
        try ReportWritten.say(report, what, to: file, options)
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

    @Argument(help: "The batch code, e.g. B-2025-014.") var code: String
    @OptionGroup var report: CoordinatorReportOptions
    @OptionGroup var options: GlobalOptions

    func validate() throws {
        try ReportWritten.checkJSON(options, format: report.format?.rawValue, toFile: report.file)
    }

    func run() throws {
        let context = try CommandContext(options)
        let result = try context.service.batchReport(code: code, format: report.chosenFormat(options),
                                                      language: report.lang, toFile: report.file,
                                                      writing: report.sink)
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

    func validate() throws {
        try ReportWritten.checkJSON(options, format: report.format?.rawValue, toFile: report.file)
    }

    func run() throws {
        let context = try CommandContext(options)
        let result = try context.service.statsReport(format: report.chosenFormat(options),
                                                      language: report.lang, toFile: report.file,
                                                      writing: report.sink)
        try report.deliver(result, "statistics report", options)
    }
}
