/// Records in slices that worker threads can parse and check on their own: a ``CSVTable``
/// already in memory, or a ``CSVStream`` read from its file as the import goes.
///
/// Line numbers are relative to a slice's *base*: the record lines and problem lines a
/// slice gives are the file's own lines minus the number of lines in all earlier slices.
/// A table knows its lines already (every slice spans 0 lines, so each base is 0); a stream
/// learns them in order, slice after slice, which only the consumer sees.
protocol CSVRecordSlices: Sendable {
    /// The header cells, trimmed.
    var header: [String] { get }
    /// How many slices there are.
    var sliceCount: Int { get }
    /// About how many data rows there are, for progress; exact for a table.
    var estimatedRows: Int { get }
    /// Slice `index`, parsed; may be called on any thread, once per slice.
    func slice(_ index: Int) -> CSVRecordSlice
    /// Everything from the start of slice `index` to the end of the input, parsed in one
    /// piece: called when slice `index` was cut inside a quoted cell (``CSVRecordSlice/cutInsideQuotes``).
    func rest(from index: Int) -> CSVRecordSlice
    /// Called once slice `index` has been consumed, so that its bytes can be let go.
    func release(_ index: Int)
}

/// One parsed slice of an import's records.
struct CSVRecordSlice: Sendable {
    /// The records that are not blank, their lines relative to the slice's base.
    var records: [CSVRecord] = []
    /// How many lines the slice spans: the next slice's base is this slice's base plus this.
    var lineCount = 0
    /// The first problem that makes the file unreadable (invalid UTF-8, bad quoting), its
    /// line relative to the slice's base; nothing after it is read.
    var problem: CSVFileError?
    /// True when the slice ended inside a quoted cell although more input follows: a
    /// stray quote fooled the split, so the slice must be read again with the rest.
    var cutInsideQuotes = false

    /// The records of a ``CSVSlice`` that is not blank, its lines counted from the slice's
    /// first line as line 1.
    init(_ parsed: CSVSlice, isLast: Bool, input: UnsafeBufferPointer<UInt8>, start: Int) {
        if let offset = parsed.invalidUTF8Offset {
            let before = UnsafeBufferPointer(rebasing: input[start..<offset])
            problem = .invalidUTF8(line: 1 + CSVBytes.lineBreaks(in: before))
            return
        }
        guard parsed.endsOutsideQuotes || isLast else {
            cutInsideQuotes = true
            return
        }
        problem = parsed.problem?.movedDown(by: 1)
        records.reserveCapacity(parsed.rows.count)
        for (row, offset) in zip(parsed.rows, parsed.lines) where !row.allSatisfy({ $0.allSatisfy(\.isWhitespace) }) {
            records.append(CSVRecord(line: 1 + offset, fields: row))
        }
        lineCount = parsed.lineCount
    }

    /// Records whose lines are already the file's.
    init(records: [CSVRecord]) {
        self.records = records
    }
}

extension CSVTable: CSVRecordSlices {
    /// Rows per slice when a table is checked on several cores.
    static let rowsPerSlice = 4_096

    var sliceCount: Int { (records.count + Self.rowsPerSlice - 1) / Self.rowsPerSlice }
    var estimatedRows: Int { records.count }

    func slice(_ index: Int) -> CSVRecordSlice {
        CSVRecordSlice(records: Array(records[(index * Self.rowsPerSlice)..<min(records.count, (index + 1) * Self.rowsPerSlice)]))
    }

    /// A table was parsed whole, so none of its slices is cut inside quotes.
    func rest(from index: Int) -> CSVRecordSlice {
        CSVRecordSlice(records: Array(records[(index * Self.rowsPerSlice)...]))
    }

    func release(_ index: Int) {}
}

extension CSVFileError {
    /// The same error with its line moved down by `lines`.
    func movedDown(by lines: Int) -> CSVFileError {
        switch self {
        case .invalidUTF8(let line): .invalidUTF8(line: line + lines)
        case .unterminatedQuote(let line): .unterminatedQuote(line: line + lines)
        case .malformed(let line, let reason): .malformed(line: line + lines, reason: reason)
        case .cellTooLong(let line, let limit): .cellTooLong(line: line + lines, limit: limit)
        case .tooManyColumns(let line, let limit): .tooManyColumns(line: line + lines, limit: limit)
        case .cannotOpen, .notAFile, .empty, .tooLarge, .tooManyRows: self
        }
    }
}
