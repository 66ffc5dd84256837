import Foundation

/// One bad row of an import file.
public struct RowProblem: Sendable, Equatable, CustomStringConvertible {
    /// Physical line where the row starts in the file (the header is line 1).
    public let line: Int
    /// The column at fault, or nil when the row as a whole is (e.g. wrong cell count).
    public let column: String?
    public let message: String

    public init(line: Int, column: String?, message: String) {
        self.line = line
        self.column = column
        self.message = message
    }

    public var description: String {
        column.map { "line \(line), column \($0): \(message)" } ?? "line \(line): \(message)"
    }
}

/// Failures of CSV imports. Nothing is written when one is thrown.
public enum ImportError: HomewardFailure, Equatable {
    case file(CSVFileError)
    case header(String)
    /// The first problems (up to ``ImportLimits/reportedProblems``), how many rows were bad, of how many.
    case invalidRows([RowProblem], badRows: Int, totalRows: Int)
    case countMismatch(String)

    public var kind: FailureKind {
        if case let .file(error) = self {
            switch error {
            case .cannotOpen, .notAFile: return .missingInput
            default: break
            }
        }
        return .badInput
    }

    public var errorDescription: String? {
        switch self {
        case let .file(error):
            error.errorDescription
        case let .header(message):
            message
        case let .invalidRows(problems, bad, total):
            "\(bad) of \(total) rows are invalid, nothing was imported; first: \(problems.first?.description ?? "?")"
        case let .countMismatch(message):
            message
        }
    }
}

enum ImportLimits {
    /// How many problems an error lists; the count of bad rows is always complete.
    static let reportedProblems = 100
}

/// Maps a file's header to form fields: exact names, any order, extras refused by name.
///
/// Unchecked `Sendable` because key paths, though immutable, are not marked `Sendable`.
struct ColumnMap<Form>: @unchecked Sendable {
    let fields: [(index: Int, keyPath: WritableKeyPath<Form, String?>)]

    init(header: [String], columns: [(name: String, keyPath: WritableKeyPath<Form, String?>)],
         required: Set<String>, oneOf: Set<String> = []) throws(ImportError) {
        let known = Dictionary(uniqueKeysWithValues: columns.map { ($0.name, $0.keyPath) })
        var seen = Set<String>()
        var fields = [(index: Int, keyPath: WritableKeyPath<Form, String?>)]()
        var unknown = [String]()
        for (index, name) in header.enumerated() {
            guard let keyPath = known[name] else {
                unknown.append(name)
                continue
            }
            guard seen.insert(name).inserted else { throw .header("column \"\(name)\" appears twice in the header") }
            fields.append((index, keyPath))
        }
        if !unknown.isEmpty {
            throw .header(Self.unknownColumns(unknown, of: header.count, allowed: columns.map(\.name)))
        }
        let missing = required.subtracting(seen)
        if !missing.isEmpty {
            let ordered = columns.map(\.name).filter(missing.contains)
            throw .header("missing required column(s): \(ordered.joined(separator: ", "))")
        }
        if !oneOf.isEmpty && seen.isDisjoint(with: oneOf) {
            throw .header("the header needs at least one of the columns \(oneOf.sorted().joined(separator: ", "))")
        }
        self.fields = fields
    }

    /// Names a few unknown columns, as ``QuotedValue`` allows: a file without a header row
    /// has its first row of personal data where the header should be.
    private static func unknownColumns(_ unknown: [String], of count: Int, allowed: [String]) -> String {
        let shown = 3
        var names = unknown.prefix(shown).map { QuotedValue.quoted($0) ?? "(\(ValueShape($0).phrase))" }.joined(separator: ", ")
        if unknown.count > shown { names += " and \(unknown.count - shown) more" }
        let hint = unknown.count == count
            ? "the first line is not a header; add the header row first: "
            : "allowed: "
        return "unknown column(s) \(names); \(hint)\(allowed.joined(separator: ","))"
    }

    func form(from cells: [String], into form: Form) -> Form {
        var form = form
        for field in fields { form[keyPath: field.keyPath] = cells[field.index] }
        return form
    }
}
