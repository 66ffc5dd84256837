/// Checks each row CSV.swift returns against the raw bytes of its record.
///
/// CSV.swift is lenient: a quote inside a quoted cell that is not doubled makes it drop the
/// next character and read on, so a cell whose closing quote is missing swallows the
/// following lines up to the next quote, silently. Well-formed quoting obeys an identity:
/// every raw byte that is not cell text or a separating comma is a quote, and every raw
/// quote either is such a byte or stands for a quote in the cell text. So
/// `raw quotes == (raw bytes - text bytes - commas) + quotes in the text`, whichever cells
/// were quoted; a dropped character breaks it.
struct CSVRowCheck {
    /// What a record's cells hold, counted in UTF-8 bytes.
    struct CellCounts {
        var bytes = 0
        var quotes = 0
        var lineBreaks = 0

        init(_ cell: String) {
            var cell = cell
            cell.withUTF8 { utf8 in
                bytes = utf8.count
                for index in utf8.indices {
                    switch utf8[index] {
                    case UInt8(ascii: "\""): quotes += 1
                    case UInt8(ascii: "\n"): lineBreaks += 1
                    case UInt8(ascii: "\r") where index + 1 == utf8.endIndex || utf8[index + 1] != UInt8(ascii: "\n"):
                        lineBreaks += 1
                    default: break
                    }
                }
            }
        }

        init(_ row: [String]) {
            for cell in row {
                let counts = CellCounts(cell)
                bytes += counts.bytes
                quotes += counts.quotes
                lineBreaks += counts.lineBreaks
            }
        }
    }

    private let raw: UnsafeBufferPointer<UInt8>
    private var position: Int

    /// Prepares to walk `raw` from its start, which must be the start of a record.
    init(raw: UnsafeBufferPointer<UInt8>) {
        self.raw = raw
        position = raw.startIndex
    }

    /// Consumes the raw record that `row` (starting at `line`) was read from, which spans
    /// `counts.lineBreaks + 1` lines; returns the error to report when the row does not
    /// account for all of it.
    mutating func consume(_ row: [String], counts: CellCounts, line: Int) -> CSVFileError? {
        let start = position
        var end = raw.endIndex
        var quotes = 0
        var lineBreaks = 0
        while position < raw.endIndex {
            let byte = raw[position]
            if byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") {
                let breakStart = position
                let crlf = byte == UInt8(ascii: "\r") && position + 1 < raw.endIndex && raw[position + 1] == UInt8(ascii: "\n")
                position += crlf ? 2 : 1
                if lineBreaks == counts.lineBreaks {
                    end = breakStart
                    break
                }
                lineBreaks += 1
            } else {
                if byte == UInt8(ascii: "\"") { quotes += 1 }
                position += 1
            }
        }
        let commas = max(row.count - 1, 0)
        guard quotes != (end - start - counts.bytes - commas) + counts.quotes else { return nil }
        if quotes.isMultiple(of: 2) {
            let reason = "a quote inside a quoted cell is not doubled, or text follows a closing quote; "
                + "write a quote inside a quoted cell as two quotes (\"\")"
            return .malformed(line: line, reason: reason)
        }
        return .unterminatedQuote(line: Self.lineOfLastMultilineCell(in: row, from: line))
    }

    /// The line where the last cell holding a line break starts: a cell that swallowed the
    /// lines after its missing closing quote. The record's first line when none does.
    static func lineOfLastMultilineCell(in row: [String], from line: Int) -> Int {
        let counts = row.map(CellCounts.init)
        guard let last = counts.lastIndex(where: { $0.lineBreaks > 0 }) else { return line }
        return line + counts[..<last].reduce(0) { $0 + $1.lineBreaks }
    }
}
