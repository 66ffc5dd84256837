import ArgumentParser
import Foundation
import HomewardCore

/// The limits an import file is checked against before it is parsed; the row and size
/// limits can be raised for a large file.
struct ImportLimitOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Refuse files larger than this many bytes (default \(CSVLimits.defaultMaxBytes)).",
                               valueName: "bytes"))
    var maxBytes: Int = CSVLimits.defaultMaxBytes
    @Option(help: ArgumentHelp("Refuse files with more data rows than this (default \(CSVLimits.defaultMaxRows)).",
                               valueName: "rows"))
    var maxRows: Int = CSVLimits.defaultMaxRows

    func validate() throws {
        if maxBytes < 1 { throw ValidationError("--max-bytes must be a positive number of bytes") }
        if maxRows < 1 { throw ValidationError("--max-rows must be a positive number of rows") }
    }

    var limits: CSVLimits { CSVLimits(maxBytes: maxBytes, maxRows: maxRows) }
}

/// Prints an import's warnings on stderr: every listed one, then how many more there were.
enum ImportWarningReport {
    static func print(_ summary: ImportSummary) {
        for warning in summary.warnings { Output.warning("\(warning)") }
        if summary.moreWarnings > 0 {
            Output.warning("\(summary.moreWarnings) more warning(s) not listed; check the file or import it in parts")
        }
    }
}

/// Prints every listed row problem on its own line before the summary error.
enum ImportReport {
    static func run<T>(options: GlobalOptions, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let ImportError.invalidRows(problems, badRows, total) {
            for problem in problems { Output.error("\(problem)") }
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
