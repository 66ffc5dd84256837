import HomewardCore

/// A table laid out to a width: identifiers stay whole, lists wrap, free text is cut last.
struct TextTable {
    /// How a column gives way when the table is wider than the terminal.
    enum Fit {
        /// Identifiers, references, codes, dates, numbers and fixed words: never cut.
        case keep
        /// Lists of codes or words: wrapped onto continuation lines, nothing lost.
        case wrap
        /// Free text (names, places): cut with "…", but only once nothing else can give way.
        case shrink
    }

    struct Column {
        let header: String
        let fit: Fit

        init(_ header: String, _ fit: Fit = .keep) {
            self.header = header
            self.fit = fit
        }
    }

    let columns: [Column]
    let rows: [[String]]

    /// The narrowest a shrinking column gets: enough to tell names apart.
    static let shortestText = 8
    /// The longest word a wrapped column keeps whole; a longer one (a web address, a long
    /// run of characters) is broken across lines rather than pushing the table past its width.
    static let longestWholeWord = 32

    /// The printed lines; a cell with line breaks continues on the next lines, in its column.
    func lines(width: Int) -> [String] {
        let headers = columns.map { [$0.header] }
        let cells = rows.map { row in columns.indices.map { Self.cellLines(row.indices.contains($0) ? row[$0] : "") } }
        var widths = columns.indices.map { column in
            ([headers[column]] + cells.map { $0[column] }).joined().map(\.count).max() ?? 0
        }
        let floors = columns.indices.map { column -> Int in
            let header = columns[column].header.count
            switch columns[column].fit {
            case .keep: return widths[column]
            case .wrap:
                let words = cells.map { $0[column] }.joined().flatMap { $0.split(separator: " ") }
                return max(header, min(words.map(\.count).max() ?? 0, Self.longestWholeWord))
            case .shrink: return min(widths[column], max(header, Self.shortestText))
            }
        }
        let gaps = 2 * max(0, columns.count - 1)
        for fit in [Fit.wrap, .shrink] {
            while widths.reduce(0, +) + gaps > width,
                  let widest = columns.indices.filter({ columns[$0].fit == fit && widths[$0] > floors[$0] })
                      .max(by: { widths[$0] < widths[$1] }) {
                widths[widest] -= 1
            }
        }
        return ([headers] + cells).flatMap { row in render(row, widths: widths) }
    }

    private func render(_ row: [[String]], widths: [Int]) -> [String] {
        let fitted = columns.indices.map { column in Self.fit(row[column], width: widths[column], columns[column].fit) }
        let height = fitted.map(\.count).max() ?? 1
        return (0..<height).map { index in
            var line = ""
            for column in columns.indices {
                let cell = fitted[column].indices.contains(index) ? fitted[column][index] : ""
                if column > 0 { line += "  " }
                line += cell + String(repeating: " ", count: max(0, widths[column] - cell.count))
            }
            while line.last == " " { line.removeLast() }
            return line
        }
    }

    /// A cell's text as lines: safe to print, tabs expanded (they would break the columns).
    static func cellLines(_ value: String) -> [String] {
        Cell.printable(value, multiline: true).split(separator: "\n", omittingEmptySubsequences: false).map { line in
            var expanded = ""
            for character in line {
                if character == "\t" {
                    expanded += String(repeating: " ", count: 4 - expanded.count % 4)
                } else {
                    expanded.append(character)
                }
            }
            return expanded
        }
    }

    private static func fit(_ lines: [String], width: Int, _ fit: Fit) -> [String] {
        switch fit {
        case .keep: lines
        case .shrink: lines.map { $0.count > width ? cut($0, to: width) : $0 }
        case .wrap: lines.flatMap { wrapped($0, width: width) }
        }
    }

    /// The line shortened to `width` with "…", without a space before it ("Ткаченко…").
    private static func cut(_ line: String, to width: Int) -> String {
        var kept = line.prefix(max(0, width - 1))
        while kept.last == " " { kept = kept.dropLast() }
        return kept + "…"
    }

    /// Words on lines of at most `width`; a line's leading spaces (a continuation's indent) are kept on each.
    private static func wrapped(_ line: String, width: Int) -> [String] {
        let indent = String(line.prefix { $0 == " " })
        var result = [String]()
        var current = ""
        let room = max(1, width - indent.count)
        let words = line.split(separator: " ").flatMap { word in
            // A word longer than the line goes on in pieces; nothing of it is lost.
            stride(from: 0, to: word.count, by: room).map { start in
                word.dropFirst(start).prefix(room)
            }
        }
        for word in words {
            if current.isEmpty {
                current = indent + word
            } else if current.count + 1 + word.count <= width {
                current += " " + word
            } else {
                result.append(current)
                current = indent + word
            }
        }
        return result + [current]
    }
}
