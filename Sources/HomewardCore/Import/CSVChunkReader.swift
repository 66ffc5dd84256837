import Dispatch
import Foundation

/// Reads CSV input on several cores: splits it into slices that each start at a record,
/// has CSV.swift parse the slices in parallel, then joins their records in order and gives
/// each its starting line.
struct CSVChunkReader {
    /// Below this size per slice, splitting costs more than it saves.
    static let minimumSliceBytes = 1 << 20

    private let input: UnsafeBufferPointer<UInt8>
    private let sliceCount: Int

    /// Prepares to read `input` (without byte order mark) in `chunkCount` slices; nil picks
    /// one slice per core for large input and a single slice for small input.
    init(text input: UnsafeBufferPointer<UInt8>, chunkCount: Int?) {
        self.input = input
        let automatic = min(ProcessInfo.processInfo.activeProcessorCount, input.count / Self.minimumSliceBytes)
        sliceCount = max(1, chunkCount ?? automatic)
    }

    /// All rows that are not blank, the header row first, each with its starting line.
    /// - Throws: `CSVFileError.invalidUTF8`, `.unterminatedQuote` or `.malformed` (a quote
    ///   that is not doubled) with the line to fix.
    func records() throws(CSVFileError) -> [CSVRecord] {
        let ranges = CSVSliceBoundaries.ranges(in: input, count: sliceCount)
        let slices = parse(ranges)
        if let offset = slices.lazy.compactMap(\.invalidUTF8Offset).first {
            throw .invalidUTF8(line: CSVBytes.line(ofOffset: offset, in: input))
        }
        var joined = JoinedRecords()
        for (index, slice) in slices.enumerated() {
            if slice.endsOutsideQuotes || index == slices.count - 1 {
                try joined.append(CSVRecordSlice(slice, isLast: true, input: input, start: ranges[index].lowerBound))
            } else {
                // A stray quote fooled the split, or a quoted cell never closes: this slice
                // did not end at a record, so read everything from its start in one piece.
                let rest = ranges[index].lowerBound..<input.count
                try joined.append(CSVRecordSlice(CSVSlice(parsing: input, range: rest), isLast: true, input: input, start: rest.lowerBound))
                break
            }
        }
        return joined.records
    }

    private func parse(_ ranges: [Range<Int>]) -> [CSVSlice] {
        guard ranges.count > 1 else {
            return ranges.map { CSVSlice(parsing: input, range: $0) }
        }
        let results = ParsedSlices()
        let shared = SharedInput(bytes: input)
        DispatchQueue.concurrentPerform(iterations: ranges.count) { index in
            results.store(CSVSlice(parsing: shared.bytes, range: ranges[index]), at: index)
        }
        return results.inOrder()
    }
}

/// The records of consecutive slices with the file's lines.
private struct JoinedRecords {
    var records: [CSVRecord] = []
    /// The lines of the slices joined so far (see ``CSVRecordSlices`` for slice bases).
    var base = 0

    mutating func append(_ slice: CSVRecordSlice) throws(CSVFileError) {
        if let problem = slice.problem {
            throw problem.movedDown(by: base)
        }
        records.reserveCapacity(records.count + slice.records.count)
        for record in slice.records {
            records.append(CSVRecord(line: base + record.line, fields: record.fields))
        }
        base += slice.lineCount
    }
}

/// The input, read-only while slices of it are parsed on other threads.
private struct SharedInput: @unchecked Sendable {
    let bytes: UnsafeBufferPointer<UInt8>
}

/// Slices parsed on other threads, collected under a lock.
private final class ParsedSlices: @unchecked Sendable {
    private let lock = NSLock()
    private var slices: [Int: CSVSlice] = [:]

    func store(_ slice: CSVSlice, at index: Int) {
        lock.withLock { slices[index] = slice }
    }

    func inOrder() -> [CSVSlice] {
        lock.withLock { slices.sorted { $0.key < $1.key }.map(\.value) }
    }
}
