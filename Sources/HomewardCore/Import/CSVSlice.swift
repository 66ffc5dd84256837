import CSV

/// One slice of the input, starting at a record, parsed by CSV.swift and checked against
/// its raw bytes.
struct CSVSlice: Sendable {
    /// Every row CSV.swift returned up to the first problem, blank rows included.
    var rows: [[String]] = []
    /// For each row, the line where it starts, counted from 0 at the slice's first line.
    var lines: [Int] = []
    /// The number of lines the rows span.
    var lineCount = 0
    /// False when the slice ends inside a quoted cell. For the last slice that cell never
    /// closes; for another one, the split fell inside a cell.
    var endsOutsideQuotes = true
    /// The offset in the whole input of the slice's first byte that is not UTF-8.
    var invalidUTF8Offset: Int?
    /// The first quoting problem in the slice, its line counted from 0 at the slice's first line.
    var problem: CSVFileError?

    /// A record appended to every slice. CSV.swift ends a quoted cell silently at the end of
    /// its input, so the slice is known to end outside quotes only when this record comes
    /// back on its own: inside a quoted cell it would be swallowed into that cell.
    private static let endMarker = "homeward:end-of-slice"

    /// Parses `input[range]`, which must start at the start of a record.
    init(parsing input: UnsafeBufferPointer<UInt8>, range: Range<Int>) {
        let bytes = UnsafeBufferPointer(rebasing: input[range])
        guard var text = String(validating: bytes, as: UTF8.self) else {
            invalidUTF8Offset = range.lowerBound + (CSVBytes.firstInvalidUTF8Offset(in: bytes) ?? 0)
            return
        }
        let endsWithLineBreak = bytes.last == UInt8(ascii: "\n") || bytes.last == UInt8(ascii: "\r")
        text += (endsWithLineBreak ? "" : "\n") + "\"\(Self.endMarker)\"\n"
        var parsed: [[String]] = []
        // With no header row, CSVReader's initialiser has nothing that can fail.
        if let reader = try? CSVReader(string: text) {
            while let row = reader.next() {
                parsed.append(row)
            }
        }
        endsOutsideQuotes = parsed.last == [Self.endMarker]
        if endsOutsideQuotes {
            parsed.removeLast()
        }
        check(parsed, against: bytes)
    }

    private mutating func check(_ parsed: [[String]], against bytes: UnsafeBufferPointer<UInt8>) {
        var check = CSVRowCheck(raw: bytes)
        rows.reserveCapacity(parsed.count)
        lines.reserveCapacity(parsed.count)
        for (index, row) in parsed.enumerated() {
            if !endsOutsideQuotes && index == parsed.count - 1 {
                problem = .unterminatedQuote(line: CSVRowCheck.lineOfLastMultilineCell(in: row, from: lineCount))
                return
            }
            let counts = CSVRowCheck.CellCounts(row)
            if let error = check.consume(row, counts: counts, line: lineCount) {
                problem = error
                return
            }
            rows.append(row)
            lines.append(lineCount)
            lineCount += 1 + counts.lineBreaks
        }
    }
}
