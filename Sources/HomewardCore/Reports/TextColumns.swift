/// Rows of cells aligned in columns for plain text: numbers to the right, words to the left,
/// two spaces between columns, the whole no wider than a given width.
///
/// Identifiers, references, codes and numbers are never cut (README, Output: Tables). When
/// the row is too wide the widest column that may give way does, one character at a time: a
/// column of words (status words, dates) wraps onto continuation lines down to its longest
/// word; free text (a name) is cut with "…", never below ``minimumFreeText`` characters.
enum TextColumns {
    /// How a column gives way when the table is too wide.
    enum Fit {
        /// Never narrower than its widest cell: identifiers, references, codes, numbers.
        case keep
        /// Wraps at spaces onto continuation lines, never narrower than its longest word.
        case wrap
        /// Free text, cut with "…".
        case shrink
    }

    /// Free text is never cut below this many characters.
    static let minimumFreeText = 8

    static func lines(header: [String], rows: [[String]], numeric: Set<Int>, fits: [Int: Fit] = [:], width: Int) -> [String] {
        let all = [header] + rows
        let count = header.count
        let fit = (0..<count).map { numeric.contains($0) ? .keep : fits[$0] ?? .shrink }
        var widths = (0..<count).map { column in all.map { column < $0.count ? $0[column].count : 0 }.max() ?? 0 }
        let floors = (0..<count).map { column -> Int in
            switch fit[column] {
            case .keep: widths[column]
            case .wrap: all.map { column < $0.count ? longestWord($0[column]) : 0 }.max() ?? 0
            case .shrink: min(widths[column], minimumFreeText)
            }
        }
        let gaps = 2 * max(0, count - 1)
        while widths.reduce(0, +) + gaps > width {
            guard let widest = (0..<count).filter({ widths[$0] > floors[$0] }).max(by: { widths[$0] < widths[$1] }) else { break }
            widths[widest] -= 1
        }
        func lines(_ cells: [String]) -> [String] {
            let parts = (0..<count).map { column -> [String] in
                let cell = column < cells.count ? cells[column] : ""
                guard cell.count > widths[column] else { return [cell] }
                switch fit[column] {
                case .keep: return [cell]
                case .wrap: return TextWrap.lines(cell, width: widths[column])
                case .shrink: return [String(cell.prefix(max(0, widths[column] - 1))) + "…"]
                }
            }
            let height = parts.map(\.count).max() ?? 1
            return (0..<height).map { index in
                let line = (0..<count).map { column in
                    let shown = index < parts[column].count ? parts[column][index] : ""
                    let pad = String(repeating: " ", count: max(0, widths[column] - shown.count))
                    return numeric.contains(column) ? pad + shown : shown + pad
                }
                return String(line.joined(separator: "  ").reversed().drop { $0 == " " }.reversed())
            }
        }
        let rule = widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")
        return lines(header) + [rule] + rows.flatMap(lines)
    }

    static func longestWord(_ text: String) -> Int {
        text.split(separator: " ").map(\.count).max() ?? 0
    }
}
