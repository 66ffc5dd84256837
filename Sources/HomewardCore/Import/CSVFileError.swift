import Foundation

/// Why a CSV file could not be read. Messages name lines and header names, never cell
/// contents, which can be personal data.
public enum CSVFileError: Error, Equatable, LocalizedError {
    /// The file is missing or unreadable.
    case cannotOpen(path: String)
    /// The path names a folder, a pipe or a device, not a file that can be read twice over.
    case notAFile(path: String)
    /// The file has no header row: it is empty, or holds only a byte order mark or blank lines.
    case empty(path: String)
    /// The line holds bytes that are not UTF-8.
    case invalidUTF8(line: Int)
    /// A quoted cell that opens on this line never closes.
    case unterminatedQuote(line: Int)
    /// The record starting on this line is not usable, for the given reason.
    case malformed(line: Int, reason: String)
    /// The file is larger than ``CSVLimits/maxBytes``.
    case tooLarge(bytes: Int, limit: Int)
    /// The file has more data rows than ``CSVLimits/maxRows``.
    case tooManyRows(limit: Int)
    /// The record starting on this line has more cells than ``CSVLimits/maxColumns``.
    case tooManyColumns(line: Int, limit: Int)
    /// A cell on this line is longer than ``CSVLimits/maxCellBytes``.
    case cellTooLong(line: Int, limit: Int)

    /// The line at fault, for the errors that have one.
    public var line: Int? {
        switch self {
        case let .invalidUTF8(line), let .unterminatedQuote(line), let .malformed(line, _), let .tooManyColumns(line, _),
             let .cellTooLong(line, _): line
        default: nil
        }
    }

    public var errorDescription: String? {
        switch self {
        case .cannotOpen(let path):
            "cannot open \(path): check that the file exists and is readable"
        case .notAFile(let path):
            "\(path) is not a regular file (a folder, a pipe or standard input): save the CSV as a file and import that"
        case .empty(let path):
            "\(path) is empty: expected a header row followed by one row per record"
        case .invalidUTF8(let line):
            "line \(line): bytes that are not valid UTF-8; save the file as UTF-8 (\"CSV UTF-8\" in Excel) and import again"
        case .unterminatedQuote(let line):
            "line \(line): unterminated quoted field (a cell opened with \" never closes); check the quotes on that line"
        case .malformed(let line, let reason):
            "line \(line): \(reason)"
        case .tooLarge(let bytes, let limit):
            "the file is \(bytes) bytes, over the limit of \(limit); split it, or raise the limit with --max-bytes"
        case .tooManyRows(let limit):
            "the file has more than \(limit) data rows; split it, or raise the limit with --max-rows"
        case .tooManyColumns(let line, let limit):
            "line \(line): more than \(limit) cells; an import file has one column per field (see --help)"
        case .cellTooLong(let line, let limit):
            "line \(line): a cell is longer than \(limit) bytes; no field holds that much (a quote may be missing)"
        }
    }
}
