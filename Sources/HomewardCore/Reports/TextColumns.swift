/// Rows of cells aligned in columns for plain text: numbers to the right, words to the left,
/// two spaces between columns, the whole no wider than a given width (the widest text column
/// gives way first, its cells cut with "…").
enum TextColumns {
    static func lines(header: [String], rows: [[String]], numeric: Set<Int>, width: Int) -> [String] {
        let all = [header] + rows
        let count = header.count
        var widths = (0..<count).map { column in all.map { column < $0.count ? $0[column].count : 0 }.max() ?? 0 }
        let gaps = 2 * max(0, count - 1)
        while widths.reduce(0, +) + gaps > width {
            let text = (0..<count).filter { !numeric.contains($0) && widths[$0] > 4 }
            guard let widest = text.max(by: { widths[$0] < widths[$1] }) else { break }
            widths[widest] -= 1
        }
        func line(_ cells: [String]) -> String {
            var parts: [String] = []
            for column in 0..<count {
                let cell = column < cells.count ? cells[column] : ""
                let shown = cell.count > widths[column] ? String(cell.prefix(max(0, widths[column] - 1))) + "…" : cell
                let pad = String(repeating: " ", count: max(0, widths[column] - shown.count))
                parts.append(numeric.contains(column) ? pad + shown : shown + pad)
            }
            return String(parts.joined(separator: "  ").reversed().drop { $0 == " " }.reversed())
        }
        let rule = widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")
        return [line(header), rule] + rows.map(line)
    }
}
