import Dispatch
import Foundation
import Synchronization

/// Validates every row of an import, on all cores, collecting all problems.
enum ValidatedRows {
    private struct Slice<Valid: Sendable>: Sendable {
        var valid: [(line: Int, value: Valid)] = []
        var problems: [RowProblem] = []
        var badLines: [Int] = []
        var rows = 0
        var lineCount = 0
        var fileProblem: CSVFileError?
        var cutInsideQuotes = false

        /// The same slice with its lines moved from the slice's base to the file's.
        func movedDown(by base: Int) -> Slice {
            guard base != 0 else { return self }
            var moved = self
            moved.valid = valid.map { ($0.line + base, $0.value) }
            moved.problems = problems.map { RowProblem(line: $0.line + base, column: $0.column, message: $0.message) }
            moved.badLines = badLines.map { $0 + base }
            moved.fileProblem = fileProblem?.movedDown(by: base)
            return moved
        }
    }

    /// The valid rows with their line numbers, or ``ImportError/invalidRows(_:badRows:totalRows:)``
    /// listing the first problems and counting every bad row.
    static func validate<Source: CSVRecordSlices, Form: Sendable, Valid: Sendable>(
        _ source: Source, map: ColumnMap<Form>, blank: Form,
        check: @escaping @Sendable (Form) -> Result<Valid, FieldProblems>
    ) throws -> [(line: Int, value: Valid)] {
        var all = [(line: Int, value: Valid)]()
        all.reserveCapacity(source.estimatedRows)
        try stream(source, map: map, blank: blank, check: check) { all += $0 }
        return all
    }

    /// Every valid row and every problem, for imports that add checks across rows (tags
    /// unique within the file and the batch) and must report them with the row checks, in
    /// one run.
    static func collect<Source: CSVRecordSlices, Form: Sendable, Valid: Sendable>(
        _ source: Source, map: ColumnMap<Form>, blank: Form,
        check: @escaping @Sendable (Form) -> Result<Valid, FieldProblems>
    ) throws -> (valid: [(line: Int, value: Valid)], problems: RowProblemList) {
        var valid = [(line: Int, value: Valid)]()
        valid.reserveCapacity(source.estimatedRows)
        var problems = RowProblemList()
        try slices(source, map: map, blank: blank, check: check) { slice in
            valid += slice.valid
            problems.add(slice.problems, badLines: slice.badLines, rows: slice.rows)
        }
        return (valid, problems)
    }

    /// Validates slices of rows on worker threads and hands each slice of valid rows to
    /// `consume`, in file order, on the calling thread as soon as it and all earlier slices
    /// are checked, so that writing overlaps validation. After the first bad row nothing more
    /// is consumed, but every row is still checked so that all problems are reported; the
    /// caller's transaction must then be rolled back, which the thrown error causes.
    static func stream<Source: CSVRecordSlices, Form: Sendable, Valid: Sendable>(
        _ source: Source, map: ColumnMap<Form>, blank: Form,
        check: @escaping @Sendable (Form) -> Result<Valid, FieldProblems>,
        consume: ([(line: Int, value: Valid)]) throws -> Void
    ) throws {
        var problems = RowProblemList()
        var failure: (any Error)?
        try slices(source, map: map, blank: blank, check: check) { slice in
            problems.add(slice.problems, badLines: slice.badLines, rows: slice.rows)
            guard problems.isEmpty, failure == nil else { return }
            do { try consume(slice.valid) } catch { failure = error }
        }
        if let failure { throw failure }
        if let error = problems.error { throw error }
    }

    /// Parses and checks slices on all cores, at most a few ahead of the slowest consumer, and
    /// hands each to `body` in file order with the file's line numbers.
    /// - Throws: `ImportError.file` for a problem that makes the file unreadable (it takes
    ///   the place of every row problem, as when the file is parsed whole), `.header` for a
    ///   file without data rows.
    private static func slices<Source: CSVRecordSlices, Form: Sendable, Valid: Sendable>(
        _ source: Source, map: ColumnMap<Form>, blank: Form,
        check: @escaping @Sendable (Form) -> Result<Valid, FieldProblems>,
        body: (Slice<Valid>) -> Void
    ) throws {
        let count = source.sliceCount
        let width = source.header.count
        let checkSlice: @Sendable (CSVRecordSlice) -> Slice<Valid> = { parsed in
            var slice = Slice<Valid>(lineCount: parsed.lineCount, fileProblem: parsed.problem, cutInsideQuotes: parsed.cutInsideQuotes)
            slice.rows = parsed.records.count
            slice.valid.reserveCapacity(parsed.records.count)
            for record in parsed.records {
                switch Self.check(record, width: width, map: map, blank: blank, rule: check) {
                case let .success(value): slice.valid.append((record.line, value))
                case let .failure(problems):
                    slice.badLines.append(record.line)
                    if slice.problems.count < ImportLimits.reportedProblems { slice.problems += problems.list }
                }
            }
            return slice
        }
        let checked = Mutex<[Int: Slice<Valid>]>([:])
        let ready = (0..<count).map { _ in DispatchSemaphore(value: 0) }
        // A worker takes a place in the window before it takes the next slice, so the slices
        // in flight are always the next ones the consumer needs: it can never wait for a
        // slice that no worker may start.
        let workers = max(1, min(count, ProcessInfo.processInfo.activeProcessorCount))
        let window = DispatchSemaphore(value: workers + 2)
        let next = Atomic<Int>(0)
        let done = DispatchGroup()
        for _ in 0..<workers {
            DispatchQueue.global(qos: .userInitiated).async(group: done) {
                while true {
                    window.wait()
                    let index = next.add(1, ordering: .relaxed).oldValue
                    guard index < count else {
                        window.signal()
                        return
                    }
                    let slice = checkSlice(source.slice(index))
                    checked.withLock { $0[index] = slice }
                    ready[index].signal()
                }
            }
        }
        // Every slice is waited for, even after a problem, so that no worker still reads the
        // source when this returns.
        defer { done.wait() }
        var base = 0
        var rows = 0
        var fileProblem: CSVFileError?
        var finished = false
        for index in 0..<count {
            ready[index].wait()
            let taken = checked.withLock { $0.removeValue(forKey: index) }
            window.signal()
            guard fileProblem == nil, !finished, var slice = taken else { continue }
            if slice.cutInsideQuotes {
                // A stray quote fooled the split: read everything from here in one piece.
                slice = checkSlice(source.rest(from: index))
                finished = true
            }
            slice = slice.movedDown(by: base)
            source.release(index)
            base += slice.lineCount
            if let problem = slice.fileProblem {
                fileProblem = problem
                continue
            }
            rows += slice.rows
            body(slice)
            // The slice's strings were allocated by a worker: free them on one, so that the
            // writer does not wait on the worker's allocator lock for each of them.
            let consumed = slice
            slice = Slice()
            DispatchQueue.global(qos: .utility).async(group: done) { withExtendedLifetime(consumed) {} }
        }
        if let fileProblem { throw ImportError.file(fileProblem) }
        guard rows > 0 else { throw ImportError.header("the file has a header but no data rows; nothing to import") }
    }

    private struct RowProblems: Error { var list: [RowProblem] }

    private static func check<Form, Valid>(
        _ record: CSVRecord, width: Int, map: ColumnMap<Form>, blank: Form,
        rule: (Form) -> Result<Valid, FieldProblems>
    ) -> Result<Valid, RowProblems> {
        if let mismatch = CSVTable.widthMismatch(of: record, width: width) {
            return .failure(RowProblems(list: [RowProblem(line: record.line, column: nil, message: mismatch)]))
        }
        return rule(map.form(from: record.fields, into: blank)).mapError { problems in
            RowProblems(list: problems.list.map { RowProblem(line: record.line, column: $0.field, message: $0.message) })
        }
    }
}

/// The problems of one import file: the first ones listed in line order, every bad row counted.
struct RowProblemList {
    /// The data rows checked so far.
    private(set) var totalRows = 0
    private var problems = [RowProblem]()
    private var badLines = Set<Int>()

    var isEmpty: Bool { badLines.isEmpty }

    /// Adds the problems and bad lines found in `rows` more rows.
    mutating func add(_ found: [RowProblem], badLines lines: [Int], rows: Int = 0) {
        totalRows += rows
        badLines.formUnion(lines)
        if problems.count < ImportLimits.reportedProblems * 2 { problems += found }
    }

    mutating func add(_ problem: RowProblem) {
        add([problem], badLines: [problem.line])
    }

    /// The error that refuses the file, or nil when no row is bad.
    var error: ImportError? {
        guard !badLines.isEmpty else { return nil }
        // Stable: the problems of one row keep their order.
        let ordered = problems.enumerated().sorted { ($0.element.line, $0.offset) < ($1.element.line, $1.offset) }.map(\.element)
        return .invalidRows(Array(ordered.prefix(ImportLimits.reportedProblems)), badRows: badLines.count, totalRows: totalRows)
    }
}
