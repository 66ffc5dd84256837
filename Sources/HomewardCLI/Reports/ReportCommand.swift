import ArgumentParser
import Foundation
import HomewardCore

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report", abstract: "Reports: for a family about its inquiry; for coordinators about batches and statistics.",
        subcommands: [ReportFamilyCommand.self, ReportBatchCommand.self, ReportStatsCommand.self])
}

extension FamilyReportFormat: ExpressibleByArgument {}
extension ReportLanguage: ExpressibleByArgument {}
extension CoordinatorReportFormat: ExpressibleByArgument {
    /// `txt` is taken for `table` too: the family report calls its text format txt, and the
    /// same word should not be a usage error one command over.
    public init?(argument: String) {
        self.init(rawValue: argument == "txt" ? "table" : argument)
    }
}

/// What `report … -o FILE --json` prints: where the report went.
struct ReportWritten: Encodable {
    let file: String
    let format: String
    let language: String

    /// Prints where a report written with -o went: a note, or this object with --json.
    static func say(_ report: RenderedReport, _ what: String, to file: String, _ options: GlobalOptions) throws {
        let written = ReportWritten(file: file, format: report.format, language: report.language.rawValue)
        if options.json { return try Output.json(written) }
        Output.note("wrote the \(written.language) \(written.format) \(what) to \(file) (mode 0600)", quiet: options.quiet)
    }

    /// `--json` without `-o` asks for the report itself as JSON: it agrees with `--format json`
    /// and is refused beside another format rather than ignored.
    static func checkJSON(_ options: GlobalOptions, format: String?, toFile file: String?) throws {
        guard options.json, file == nil, let format, format != "json" else { return }
        throw ValidationError("--json prints the report as JSON, but --format is \(format); drop --json, or use --format json")
    }

    /// Refuses an output file whose extension names a format this report does not have
    /// (`-o report.pdf`) when no --format says which to write: it would get text under a
    /// name that promises something else.
    static func checkExtension(_ path: String, known: Set<String>, formats: String) throws {
        let suffix = fileExtension(path)
        guard suffix.isEmpty || known.contains(suffix) else {
            throw ValidationError("-o \(path): .\(suffix) is not a format of this report; give --format (\(formats)) or a file name ending in one")
        }
    }

    /// The file name extension of a path, lower-case.
    static func fileExtension(_ path: String) -> String {
        URL(fileURLWithPath: path).pathExtension.lowercased()
    }
}

struct ReportFamilyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "family", abstract: "Write the report a family receives about its inquiry.",
        discussion: """
            The report says only what is confirmed: the inquiry's reference and date, the person's \
            details as recorded (for the family to check), the status in plain words (search \
            ongoing, returned alive, identified with the date and whom to contact, withdrawn), what \
            happens next and how to reach the centre (from 'homeward settings'). Never candidates, \
            scores, internal notes, staff names or other families' data. Every export is audited.

            The format defaults to the extension of -o (.html, .txt, .json), else txt; the \
            language to the inquiry's preferred language.
            """)

    @Argument(help: "The inquiry reference, HW-YYYY-NNNNNN-C.") var reference: String
    @Option(help: "html (printable, one self-contained file), txt (80 columns) or json.") var format: FamilyReportFormat?
    @Option(help: "uk, en or ru; default: the inquiry's preferred language.") var lang: ReportLanguage?
    @Option(name: [.short, .customLong("output")], help: ArgumentHelp("Write to this new file (mode 0600) instead of standard output (- for standard output).", valueName: "file"))
    var output: String?
    @OptionGroup var options: GlobalOptions

    func validate() throws {
        try OutputFile.validate(output)
        try ReportWritten.checkJSON(options, format: format?.rawValue, toFile: OutputFile.path(output))
        if format == nil, let file = OutputFile.path(output) {
            try ReportWritten.checkExtension(file, known: ["html", "htm", "txt", "text", "json"], formats: "html, txt or json")
        }
    }

    func run() throws {
        let context = try CommandContext(options)
        let file = OutputFile.path(output)
        let format = format ?? file.flatMap(Self.format(ofFile:)) ?? (options.json ? .json : .txt)
        var sink: ((Data) throws -> Void)?
        if file == nil { sink = Output.standardOutput }
        let report = try context.service.familyReport(reference: reference, format: format, language: lang, toFile: file,
                                                      writing: sink)
        guard let file else { return }
        try ReportWritten.say(report, "family report", to: file, options)
    }

    /// The format a file name asks for by its extension.
    static func format(ofFile path: String) -> FamilyReportFormat? {
        switch ReportWritten.fileExtension(path) {
        case "html", "htm": .html
        case "txt", "text": .txt
        case "json": .json
        default: nil
        }
    }
}
