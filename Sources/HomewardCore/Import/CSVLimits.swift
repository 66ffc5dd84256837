/// How much an import file may hold, checked before it is parsed, so that a wrong or hostile
/// file is refused in one pass over its bytes instead of filling memory.
public struct CSVLimits: Sendable, Equatable {
    /// The default largest file: 100,000 inquiries take about 25 MB.
    public static let defaultMaxBytes = 64 << 20
    /// The default most data rows; the largest batches so far list about 6,000 records.
    public static let defaultMaxRows = 200_000
    /// The most cells in a row: the widest import has 19 columns.
    public static let maxColumns = 64
    /// The longest cell, in UTF-8 bytes: free text holds at most 4,000 characters.
    public static let maxCellBytes = 16 << 10

    public var maxBytes: Int
    public var maxRows: Int

    public init(maxBytes: Int = Self.defaultMaxBytes, maxRows: Int = Self.defaultMaxRows) {
        self.maxBytes = maxBytes
        self.maxRows = maxRows
    }

    public static let standard = CSVLimits()

    /// Checks rows, cells per row and cell length in one pass over the bytes, tracking quotes
    /// as RFC 4180 and the parser do: a quote opens a quoted cell only as the cell's first byte
    /// (elsewhere it is a character), `""` inside one is a quote. It must never see a quoted
    /// cell where the parser sees commas and line breaks, or a file could pass with more cells
    /// than the limit (a fuzzer found `r"family_name,…` doing that). Allocates nothing. Counts
    /// every line that holds anything as a row.
    /// - Returns: how many such rows there are after the header (blank-celled rows included).
    @discardableResult
    func check(_ bytes: UnsafeBufferPointer<UInt8>) throws(CSVFileError) -> Int {
        let quote = UInt8(ascii: "\""), comma = UInt8(ascii: ","), lineFeed = UInt8(ascii: "\n"), carriageReturn = UInt8(ascii: "\r")
        var inQuotes = false
        var line = 1, recordLine = 1
        var cells = 1, cellBytes = 0, records = 0
        var recordHasBytes = false
        // Whether the next byte is the first of a cell (the parser skips a leading byte order mark).
        var atCellStart = true
        var index = bytes.startIndex
        if bytes.count >= 3, bytes[index] == 0xEF, bytes[index + 1] == 0xBB, bytes[index + 2] == 0xBF { index += 3 }
        while index < bytes.endIndex {
            let byte = bytes[index]
            index += 1
            let lineBreak = byte == lineFeed || byte == carriageReturn
            if lineBreak, byte == carriageReturn, index < bytes.endIndex, bytes[index] == lineFeed { index += 1 }
            let cellStart = atCellStart
            atCellStart = false
            if inQuotes {
                if byte == quote {
                    if index < bytes.endIndex, bytes[index] == quote {
                        index += 1
                        cellBytes += 1
                    } else {
                        inQuotes = false
                    }
                } else {
                    if lineBreak { line += 1 }
                    cellBytes += 1
                }
            } else if byte == quote, cellStart {
                inQuotes = true
                recordHasBytes = true
            } else if byte == comma {
                cells += 1
                cellBytes = 0
                recordHasBytes = true
                atCellStart = true
                if cells > Self.maxColumns { throw .tooManyColumns(line: recordLine, limit: Self.maxColumns) }
            } else if lineBreak {
                if recordHasBytes {
                    records += 1
                    // The header is not a data row.
                    if records > maxRows + 1 { throw .tooManyRows(limit: maxRows) }
                }
                line += 1
                recordLine = line
                cells = 1
                cellBytes = 0
                recordHasBytes = false
                atCellStart = true
            } else {
                cellBytes += 1
                recordHasBytes = true
            }
            if cellBytes > Self.maxCellBytes { throw .cellTooLong(line: line, limit: Self.maxCellBytes) }
        }
        if recordHasBytes {
            records += 1
            if records > maxRows + 1 { throw .tooManyRows(limit: maxRows) }
        }
        return max(0, records - 1)
    }
}
