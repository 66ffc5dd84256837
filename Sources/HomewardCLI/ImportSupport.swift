import Foundation
import HomewardCore

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
