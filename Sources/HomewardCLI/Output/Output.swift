import Foundation
import HomewardCore
#if canImport(Glibc)
import Glibc
private let systemWrite = Glibc.write
#else
import Darwin
private let systemWrite = Darwin.write
#endif

/// Everything a command prints goes through here, so that one rule holds everywhere:
/// - data (JSON, tables, `show` blocks, references) goes to stdout; confirmations, warnings,
///   empty-list notes and errors go to stderr;
/// - `--quiet` hides confirmations and empty-list notes, never warnings or errors;
/// - text is made safe with `Cell.printable`: characters that could forge output are written
///   as `U+001B`; line breaks in multi-line fields print as real lines, indented, so that no
///   value can start a line of its own at the left margin;
/// - JSON has every declared field, `null` when unknown, keys sorted.
enum Output {
    // MARK: JSON

    /// One JSON document on stdout: an array for lists, an object for `show` and `add`.
    static func json(_ value: some Encodable) throws {
        write(try JSONTreeEncoder.encode(value).rendered)
    }

    // MARK: Data as text

    /// A list: JSON array with `json`, else a table fitted to the terminal, or `empty` (e.g.
    /// "no inquiries match") on stderr instead of a bare header.
    static func list<Item: Encodable>(_ items: [Item], json: Bool, quiet: Bool, empty: String,
                                      columns: [TextTable.Column], row: (Item) -> [String]) throws {
        if json { return try Self.json(items) }
        guard !items.isEmpty else { return note(empty, quiet: quiet) }
        table(TextTable(columns: columns, rows: items.map(row)))
    }

    /// ``list(_:json:quiet:empty:columns:row:)`` with the global options.
    static func list<Item: Encodable>(_ items: [Item], _ options: GlobalOptions, empty: String,
                                      columns: [TextTable.Column], row: (Item) -> [String]) throws {
        try list(items, json: options.json, quiet: options.quiet, empty: empty, columns: columns, row: row)
    }

    /// A table on stdout at the terminal's width (80 when piped).
    static func table(_ table: TextTable, width: Int = Terminal.width) {
        write(table.lines(width: width).joined(separator: "\n"))
    }

    /// The short form: columns in `keep` are never cut, the others are free text that shrinks.
    static func table(_ headers: [String], _ rows: [[String]], keep: Set<Int> = [0]) {
        table(TextTable(columns: headers.indices.map { TextTable.Column(headers[$0], keep.contains($0) ? .keep : .shrink) },
                        rows: rows))
    }

    /// A `show` block: labels in a column, values beside them; a value's further lines are
    /// indented under its first; fields without a value are left out.
    static func fields(_ fields: [(label: String, value: String?)]) {
        let present = fields.compactMap { field in field.value.map { (field.label, $0) } }
        let width = (present.map(\.0.count).max() ?? 0) + 2
        let indent = String(repeating: " ", count: width)
        for (label, value) in present {
            let lines = Cell.printable(value, multiline: true).split(separator: "\n", omittingEmptySubsequences: false)
            let head = label + String(repeating: " ", count: width - label.count)
            write(head + lines.map(String.init).joined(separator: "\n" + indent))
        }
    }

    /// One line of data on stdout (a reference, a code, a transliteration); a line break in it
    /// is escaped, since the line stands for one value.
    static func line(_ text: String) {
        write(Cell.printable(text))
    }

    /// A chunk of a document streamed to stdout (the full export, a report), after what was
    /// printed before it. A failed write (a full disk, a closed pipe) throws, so that the core
    /// audits the export as failed and the command exits 74.
    static func stream(_ data: Data) throws {
        fflush(nil)
        var rest = data[...]
        while !rest.isEmpty {
            let written = rest.withUnsafeBytes { systemWrite(STDOUT_FILENO, $0.baseAddress, $0.count) }
            if written < 0 && errno == EINTR { continue }
            guard written > 0 else { throw standardOutputFailure(errno) }
            rest = rest.dropFirst(written)
        }
    }

    /// Writes out what is still buffered for stdout (and the other streams); called once a command has run, so that
    /// output lost to a full disk or a closed pipe is an error (exit 74), not a silent exit 0.
    static func finish() throws {
        if fflush(nil) != 0 { throw standardOutputFailure(errno) }
    }

    /// ``stream(_:)`` as the sink a core use case writes a document to.
    static let standardOutput: @Sendable (Data) throws -> Void = { try stream($0) }

    /// The one error for every failed write to stdout.
    static func standardOutputFailure(_ code: Int32) -> CLIError {
        let reason = code == EPIPE ? "the pipe was closed before the output was complete" : String(cString: strerror(code))
        // A change the command made was already committed: say so, or a script that runs it
        // again would make it twice.
        return CLIError.io("cannot write to standard output: \(reason); the output is lost, but any change the command "
                           + "made is kept: check `homeward audit log` before running it again")
    }

    // MARK: Messages on stderr

    /// Confirms a change: a JSON object with --json, else a note on stderr (unless --quiet).
    static func done(_ options: GlobalOptions, _ message: String, json fields: [String: String]) throws {
        if options.json { return try Self.json(fields) }
        note(message, quiet: options.quiet)
    }

    /// A confirmation or note on stderr, hidden by --quiet.
    static func note(_ message: String, quiet: Bool) {
        if !quiet { writeError(indented(message)) }
    }

    /// Something the user should act on; shown even with --quiet.
    static func warning(_ message: String) {
        writeError(indented("warning: " + message))
    }

    /// One `error: …` line on stderr.
    static func error(_ message: String) {
        writeError("error: " + Cell.printable(message.replacingOccurrences(of: "\n", with: " ")))
    }

    // MARK: Writing

    /// Text that sits inside one entry of a multi-line field (a contact's note, a history
    /// line's reason): its own line breaks are indented four more spaces, so a typed line can
    /// never pass for another entry of the list.
    static func nested(_ text: String) -> String {
        text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\n", with: "\n    ")
    }

    /// Safe text whose continuation lines are indented, so they cannot pass for lines of their own.
    static func indented(_ text: String) -> String {
        Cell.printable(text, multiline: true).replacingOccurrences(of: "\n", with: "\n  ")
    }

    private static func write(_ text: String) {
        print(text)
    }

    private static func writeError(_ text: String) {
        fflush(nil)  // stdout first, so that what a terminal shows keeps its order
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }
}
