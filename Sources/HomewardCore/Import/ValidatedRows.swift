import Dispatch
import Foundation
import Synchronization

/// Validates every row of a table, on all cores, collecting all problems.
enum ValidatedRows {
    private struct Slice<Valid: Sendable>: Sendable {
        var valid: [(line: Int, value: Valid)] = []
        var problems: [RowProblem] = []
        var badLines: [Int] = []
    }

    /// The valid rows with their line numbers, or ``ImportError/invalidRows(_:badRows:totalRows:)``
    /// listing the first problems and counting every bad row.
    static func validate<Form: Sendable, Valid: Sendable>(
        _ table: CSVTable, map: ColumnMap<Form>, blank: Form,
        check: @escaping @Sendable (Form) -> Result<Valid, FieldProblems>
    ) throws -> [(line: Int, value: Valid)] {
        var all = [(line: Int, value: Valid)]()
        all.reserveCapacity(table.records.count)
        try stream(table, map: map, blank: blank, check: check) { all += $0 }
        return all
    }

    /// Every valid row and every problem, for imports that add checks across rows (tags
    /// unique within the file and the batch) and must report them with the row checks, in
    /// one run.
    static func collect<Form: Sendable, Valid: Sendable>(
        _ table: CSVTable, map: ColumnMap<Form>, blank: Form,
        check: @escaping @Sendable (Form) -> Result<Valid, FieldProblems>
    ) throws -> (valid: [(line: Int, value: Valid)], problems: RowProblemList) {
        var valid = [(line: Int, value: Valid)]()
        valid.reserveCapacity(table.records.count)
        var problems = RowProblemList(totalRows: table.records.count)
        try slices(table, map: map, blank: blank, check: check) { slice in
            valid += slice.valid
            problems.add(slice.problems, badLines: slice.badLines)
        }
        return (valid, problems)
    }

    /// Validates slices of rows on worker threads and hands each slice of valid rows to
    /// `consume`, in file order, on the calling thread as soon as it and all earlier slices
    /// are checked, so that writing overlaps validation. After the first bad row nothing more
    /// is consumed, but every row is still checked so that all problems are reported; the
    /// caller's transaction must then be rolled back, which the thrown error causes.
    static func stream<Form: Sendable, Valid: Sendable>(
        _ table: CSVTable, map: ColumnMap<Form>, blank: Form,
        check: @escaping @Sendable (Form) -> Result<Valid, FieldProblems>,
        consume: ([(line: Int, value: Valid)]) throws -> Void
    ) throws {
        var problems = RowProblemList(totalRows: table.records.count)
        var failure: (any Error)?
        try slices(table, map: map, blank: blank, check: check) { slice in
            problems.add(slice.problems, badLines: slice.badLines)
            guard problems.isEmpty, failure == nil else { return }
            do { try consume(slice.valid) } catch { failure = error }
        }
        if let failure { throw failure }
        if let error = problems.error { throw error }
    }

    /// Checks slices of rows on all cores and hands each to `body` in file order.
    private static func slices<Form: Sendable, Valid: Sendable>(
        _ table: CSVTable, map: ColumnMap<Form>, blank: Form,
        check: @escaping @Sendable (Form) -> Result<Valid, FieldProblems>,
        body: (Slice<Valid>) -> Void
    ) throws {
        let records = table.records
        guard !records.isEmpty else { throw ImportError.header("the file has a header but no data rows; nothing to import") }
        let size = 4_096
        let count = (records.count + size - 1) / size
        let slices = Mutex<[Int: Slice<Valid>]>([:])
        let ready = (0..<count).map { _ in DispatchSemaphore(value: 0) }
        DispatchQueue.global(qos: .userInitiated).async {
            DispatchQueue.concurrentPerform(iterations: count) { index in
                var slice = Slice<Valid>()
                slice.valid.reserveCapacity(size)
                for record in records[(index * size)..<min(records.count, (index + 1) * size)] {
                    switch Self.check(record, in: table, map: map, blank: blank, rule: check) {
                    case let .success(value): slice.valid.append((record.line, value))
                    case let .failure(problems):
                        slice.badLines.append(record.line)
                        if slice.problems.count < ImportLimits.reportedProblems { slice.problems += problems.list }
                    }
                }
                slices.withLock { $0[index] = slice }
                ready[index].signal()
            }
        }
        for index in 0..<count {
            ready[index].wait()
            guard let slice = slices.withLock({ $0.removeValue(forKey: index) }) else { continue }
            body(slice)
        }
    }

    private struct RowProblems: Error { var list: [RowProblem] }

    private static func check<Form, Valid>(
        _ record: CSVRecord, in table: CSVTable, map: ColumnMap<Form>, blank: Form,
        rule: (Form) -> Result<Valid, FieldProblems>
    ) -> Result<Valid, RowProblems> {
        if let mismatch = table.widthMismatch(of: record) {
            return .failure(RowProblems(list: [RowProblem(line: record.line, column: nil, message: mismatch)]))
        }
        return rule(map.form(from: record.fields, into: blank)).mapError { problems in
            RowProblems(list: problems.list.map { RowProblem(line: record.line, column: $0.field, message: $0.message) })
        }
    }
}

/// The problems of one import file: the first ones listed in line order, every bad row counted.
struct RowProblemList {
    let totalRows: Int
    private var problems = [RowProblem]()
    private var badLines = Set<Int>()

    init(totalRows: Int) {
        self.totalRows = totalRows
    }

    var isEmpty: Bool { badLines.isEmpty }

    mutating func add(_ found: [RowProblem], badLines lines: [Int]) {
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
