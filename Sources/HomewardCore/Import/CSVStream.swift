import Foundation

/// An RFC 4180 file read in slices while an import consumes them, so that a large file is
/// never held in memory whole: the file is mapped, checked against the limits in one pass
/// over its bytes, cut into slices that each start at a record, and each slice is parsed
/// (by CSV.swift, as ``CSVTable`` parses) only when a worker thread takes it up, and let go
/// once its rows are written.
///
/// It reads what ``CSVTable`` reads, with the same errors and line numbers: the header and
/// any problem in the first slice are found when the stream is made, a problem further on
/// when the import reaches it (the import then writes nothing). So a file with a wrong
/// header is refused for its header even when a quoting problem lies further on.
public struct CSVStream: Sendable {
    /// The header cells, trimmed of surrounding whitespace; a UTF-8 byte order mark is dropped.
    public let header: [String]
    /// About how many data rows the file has (every line outside quotes that holds anything).
    public let estimatedRows: Int

    /// Slices of this size or larger: large enough that parsing one costs far more than
    /// handing it to a thread, small enough that a few in flight take little memory.
    static let sliceBytes = 512 << 10

    private let file: MappedFile
    /// Where the text starts in the file: after a byte order mark, if any.
    private let textStart: Int
    private var text: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(rebasing: file.bytes[textStart...]) }
    /// Where the slices lie in `text`; the first one holds the header.
    private let ranges: [Range<Int>]
    /// The first slice, parsed to find the header, without the header row.
    private let first: CSVRecordSlice

    /// Maps and checks `url` (see ``CSVTable/init(contentsOf:limits:)`` for what it accepts).
    /// - Throws: `CSVFileError`, as ``CSVTable/init(contentsOf:limits:)`` for everything up
    ///   to the end of the first slice.
    public init(contentsOf url: URL, limits: CSVLimits = .standard) throws(CSVFileError) {
        try self.init(contentsOf: url, limits: limits, sliceBytes: Self.sliceBytes)
    }

    /// Reads a file in slices of about `sliceBytes`, so tests can cut small data into many.
    init(contentsOf url: URL, limits: CSVLimits = .standard, sliceBytes: Int) throws(CSVFileError) {
        let source = url.path(percentEncoded: false)
        let file = try MappedFile(path: source, maxBytes: limits.maxBytes)
        self.file = file
        let text = CSVBytes.droppingByteOrderMark(file.bytes)
        textStart = file.bytes.count - text.count
        estimatedRows = try limits.check(text)
        var ranges = CSVSliceBoundaries.ranges(in: text, count: max(1, text.count / max(1, sliceBytes)))
        // The first slice holds the header: read it now, joined with the next ones while it
        // is blank or was cut inside quotes.
        var first = Self.parse(text, ranges[0], isLast: ranges.count == 1)
        while ranges.count > 1, first.cutInsideQuotes || first.records.isEmpty && first.problem == nil {
            ranges[0...1] = [ranges[0].lowerBound..<ranges[1].upperBound]
            first = Self.parse(text, ranges[0], isLast: ranges.count == 1)
        }
        if let problem = first.problem { throw problem }
        guard !first.records.isEmpty else { throw .empty(path: source) }
        header = first.records.removeFirst().fields.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
        self.ranges = ranges
        self.first = first
        // The limits check touched every page; the slices map them in again as they are read.
        file.release(0..<file.bytes.count)
    }

    private static func parse(_ text: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, isLast: Bool) -> CSVRecordSlice {
        CSVRecordSlice(CSVSlice(parsing: text, range: range), isLast: isLast, input: text, start: range.lowerBound)
    }
}

extension CSVStream: CSVRecordSlices {
    var sliceCount: Int { ranges.count }

    func slice(_ index: Int) -> CSVRecordSlice {
        index == 0 ? first : Self.parse(text, ranges[index], isLast: index == ranges.count - 1)
    }

    func rest(from index: Int) -> CSVRecordSlice {
        var rest = Self.parse(text, ranges[index].lowerBound..<text.count, isLast: true)
        if index == 0 { rest.records.removeFirst() }
        return rest
    }

    func release(_ index: Int) {
        file.release((ranges[index].lowerBound + textStart)..<(ranges[index].upperBound + textStart))
    }
}
