import Foundation

/// A coordinators' report as its templates see it (one HTML and one text template serve both
/// the batch and the statistics reports): a title, a few facts, then sections, each with an
/// optional chart and a table, every word in the report's language and every value printable.
struct CoordinatorPage {
    struct Fact {
        let label: String
        let value: String
        /// `label: value` for plain text.
        let line: String
    }

    struct TableCell {
        let text: String
        let numeric: Bool
    }

    struct Row {
        let cells: [TableCell]
    }

    struct Section {
        let id: String
        let heading: String
        let chart: ReportChart?
        let header: [TableCell]
        let rows: [Row]
        /// Said instead of an empty table.
        let empty: String?
        /// The table laid out in columns, for plain text.
        let lines: [String]
    }

    let lang: String
    let htmlTitle: String
    let title: String
    let rule: String
    let facts: [Fact]
    let sections: [Section]
    let footer: String

    /// Plain-text reports fit this many columns.
    static let textWidth = 80

    init(language: ReportLanguage, htmlTitle: String, title: String, facts: [(String, String)], sections: [Section], footer: String) {
        lang = language.tag
        self.htmlTitle = Self.clean(htmlTitle)
        self.title = Self.clean(title)
        rule = String(repeating: "=", count: min(Self.textWidth, self.title.count))
        self.facts = facts.map { label, value in
            let value = Self.clean(value)
            return Fact(label: label, value: value, line: TextWrap.text("\(label): \(value)", width: Self.textWidth, rest: "    "))
        }
        self.sections = sections
        self.footer = TextWrap.text(Self.clean(footer), width: Self.textWidth)
    }

    /// A section of a table; `numeric` columns align right and are never cut, `fits` says how
    /// the others give way in plain text (free text by default). A chart only when there is
    /// something to draw.
    static func section(_ id: String, _ heading: String, chart: ReportChart? = nil, header: [String], rows: [[String]],
                        numeric: Set<Int>, fits: [Int: TextColumns.Fit] = [:], empty: String) -> Section {
        let rows = rows.map { $0.map(clean) }
        return Section(
            id: id, heading: heading, chart: rows.isEmpty ? nil : chart,
            header: header.enumerated().map { TableCell(text: $1, numeric: numeric.contains($0)) },
            rows: rows.map { Row(cells: $0.enumerated().map { TableCell(text: $1, numeric: numeric.contains($0)) }) },
            empty: rows.isEmpty ? empty : nil,
            lines: rows.isEmpty ? [TextWrap.text(empty, width: textWidth)]
                : TextColumns.lines(header: header, rows: rows, numeric: numeric, fits: fits, width: textWidth))
    }

    /// Any stored text on one line, control and bidi characters shown rather than obeyed.
    static func clean(_ text: String) -> String { Cell.printable(text) }
}
