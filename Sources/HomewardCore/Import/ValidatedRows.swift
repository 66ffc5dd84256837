import Dispatch
import Foundation
import Synchronization

/// Validates every row of a table, on all cores, collecting all problems.
enum ValidatedRows {
    private struct Slice<Valid: Sendable>: Sendable {
        var valid: [(line: Int, value: Valid)] = []
        var problems: [RowProblem] = []
        var badRows = 0
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
                        slice.badRows += 1
                        if slice.problems.count < ImportLimits.reportedProblems { slice.problems += problems.list }
                    }
                }
                slices.withLock { $0[index] = slice }
                ready[index].signal()
            }
        }
        var problems = [RowProblem]()
        var badRows = 0
        var failure: (any Error)?
        for index in 0..<count {
            ready[index].wait()
            guard let slice = slices.withLock({ $0.removeValue(forKey: index) }) else { continue }
            badRows += slice.badRows
            if problems.count < ImportLimits.reportedProblems { problems += slice.problems }
            guard badRows == 0, failure == nil else { continue }
            do { try consume(slice.valid) } catch { failure = error }
        }
        if let failure { throw failure }
        guard badRows == 0 else {
            throw ImportError.invalidRows(Array(problems.prefix(ImportLimits.reportedProblems)), badRows: badRows,
                                          totalRows: records.count)
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
