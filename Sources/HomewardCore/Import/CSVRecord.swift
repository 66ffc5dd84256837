/// One record of a CSV file: its cells and the physical line where it starts.
public struct CSVRecord: Sendable, Equatable {
    /// The 1-based line where the record starts, counting the line breaks inside quoted
    /// cells of earlier records, as a text editor shows it.
    public let line: Int
    /// The cells, unquoted, in file order; their count may differ from the header's.
    public let fields: [String]

    /// Creates a record.
    public init(line: Int, fields: [String]) {
        self.line = line
        self.fields = fields
    }
}
