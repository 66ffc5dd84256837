import Foundation
import HomewardCore

/// Prints results as JSON or as plain text that fits an 80-column terminal.
enum Output {
    static func json(_ value: some Encodable) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data = try encoder.encode(value)
        print(String(decoding: data, as: UTF8.self))
    }

    /// A table whose widest columns are shortened (with "…") until it fits `width`;
    /// identifiers, dates and codes (`keep`) are never shortened.
    static func table(_ headers: [String], _ rows: [[String]], width: Int = 80, keep: Set<Int> = [0]) {
        var widths = headers.indices.map { column in
            ([headers[column]] + rows.map { $0[column] }).map(\.count).max() ?? 0
        }
        let gaps = 2 * (headers.count - 1)
        while widths.reduce(0, +) + gaps > width,
              let widest = widths.indices.filter({ !keep.contains($0) }).max(by: { widths[$0] < widths[$1] }),
              widths[widest] > 6 {
            widths[widest] -= 1
        }
        for row in [headers] + rows {
            let cells = row.indices.map { column -> String in
                let cell = Cell.printable(row[column])
                let fitted = cell.count > widths[column] ? String(cell.prefix(widths[column] - 1)) + "…" : cell
                return column == row.count - 1 ? fitted : fitted.padding(toLength: widths[column], withPad: " ", startingAt: 0)
            }
            print(cells.joined(separator: "  "))
        }
    }

    /// Confirms a change: a JSON object with --json, else a note on stderr (unless --quiet).
    static func done(_ options: GlobalOptions, _ message: String, json fields: [String: String]) throws {
        if options.json { return try Self.json(fields) }
        note(message, quiet: options.quiet)
    }

    /// One line on stdout, with control characters made visible.
    static func line(_ text: String) {
        print(Cell.printable(text))
    }

    static func note(_ message: String, quiet: Bool) {
        if !quiet { FileHandle.standardError.write(Data((Cell.printable(message) + "\n").utf8)) }
    }
}
