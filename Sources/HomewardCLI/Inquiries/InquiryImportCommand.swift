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
            consent_tracing, received_on, notes. RFC 4180, UTF-8 with or without BOM.
            """)

    @Argument(help: "The CSV file.") var file: String
    @Flag(help: "Validate only; write nothing.") var dryRun = false
    @OptionGroup var options: GlobalOptions

    func run() throws {
        let context = try CommandContext(options)
        let actor = try context.actor()
        let table = try CSVInput.read(file)
        let summary = try ImportReport.run(options: options) {
            try context.homeward.importInquiries(actor, table: table, dryRun: dryRun, progress: Progress.reporter(options))
        }
        if options.json { return try Output.json(summary) }
        let range = summary.firstReference.map { ": \($0) … \(summary.lastReference ?? $0)" } ?? ""
        if !options.quiet {
            print(summary.dryRun ? "\(summary.rows) \(summary.rows == 1 ? "row" : "rows") valid; nothing written (dry run)"
                             : "imported \(summary.rows) \(summary.rows == 1 ? "inquiry" : "inquiries")\(range)")
        }
        for warning in summary.warnings { Output.note("warning: \(warning)", quiet: false) }
    }
}

/// Reads an import file, mapping failures to the documented exit codes.
enum CSVInput {
    static func read(_ path: String) throws -> CSVTable {
        do {
            return try CSVTable(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw ImportError.file(error)
        }
    }
}

/// Prints every listed row problem on its own line before the summary error.
enum ImportReport {
    static func run<T>(options: GlobalOptions, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let ImportError.invalidRows(problems, badRows, total) {
            for problem in problems {
                FileHandle.standardError.write(Data("error: \(problem)\n".utf8))
            }
            let more = badRows > problems.count ? " (the first \(problems.count) listed)" : ""
            throw CLIError.badData("\(badRows) of \(total) \(total == 1 ? "row is" : "rows are") invalid\(more); nothing was imported")
        }
    }
}

/// Progress on stderr, only when stderr is a terminal.
enum Progress {
    static func reporter(_ options: GlobalOptions) -> ((Int, Int) -> Void)? {
        guard !options.quiet, isatty(STDERR_FILENO) == 1 else { return nil }
        return { done, total in
            let end = done == total ? "\n" : ""
            FileHandle.standardError.write(Data("\rwriting \(done)/\(total)\(end)".utf8))
        }
    }
}
