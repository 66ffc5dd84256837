import Dispatch
import Foundation
import Synchronization

/// Validates every row of a table before anything is written, collecting all problems.
enum ValidatedRows {
    private struct Chunk<Valid: Sendable>: Sendable {
        var valid: [(line: Int, value: Valid)] = []
        var problems: [RowProblem] = []
        var badRows = 0
    }

    /// The valid rows with their line numbers, or ``ImportError/invalidRows(_:badRows:totalRows:)``
    /// listing the first problems and counting every bad row.
    ///
    /// Rows are independent, so large tables are checked on all cores in slices; the order
    /// of rows and problems is kept.
    static func validate<Form: Sendable, Valid: Sendable>(
        _ table: CSVTable, map: ColumnMap<Form>, blank: Form,
        check: @escaping @Sendable (Form) -> Result<Valid, FieldProblems>
    ) throws(ImportError) -> [(line: Int, value: Valid)] {
        let records = table.records
        guard !records.isEmpty else { throw .header("the file has a header but no data rows; nothing to import") }
        let slices = records.count < 2_000 ? 1 : max(1, min(8, ProcessInfo.processInfo.activeProcessorCount))
        let size = (records.count + slices - 1) / max(1, slices)
        let results = Mutex<[Int: Chunk<Valid>]>([:])
        DispatchQueue.concurrentPerform(iterations: slices) { slice in
            let range = (slice * size)..<min(records.count, (slice + 1) * size)
            var chunk = Chunk<Valid>()
            chunk.valid.reserveCapacity(range.count)
            for record in records[range] {
                switch Self.check(record, map: map, blank: blank, rule: check) {
                case let .success(value): chunk.valid.append((record.line, value))
                case let .failure(problems):
                    chunk.badRows += 1
                    if chunk.problems.count < ImportLimits.reportedProblems { chunk.problems += problems.list }
                }
            }
            results.withLock { $0[slice] = chunk }
        }
        let chunks = results.withLock { all in (0..<slices).compactMap { all[$0] } }
        let badRows = chunks.reduce(0) { $0 + $1.badRows }
        guard badRows == 0 else {
            let problems = Array(chunks.flatMap(\.problems).prefix(ImportLimits.reportedProblems))
            throw .invalidRows(problems, badRows: badRows, totalRows: records.count)
        }
        return chunks.flatMap(\.valid)
    }

    private struct RowProblems: Error { var list: [RowProblem] }

    private static func check<Form, Valid>(
        _ record: CSVRecord, map: ColumnMap<Form>, blank: Form, rule: (Form) -> Result<Valid, FieldProblems>
    ) -> Result<Valid, RowProblems> {
        guard record.fields.count == map.width else {
            return .failure(RowProblems(list: [RowProblem(
                line: record.line, column: nil,
                message: "has \(record.fields.count) cells but the header has \(map.width); check quotes and commas")]))
        }
        return rule(map.form(from: record.fields, into: blank)).mapError { problems in
            RowProblems(list: problems.list.map { RowProblem(line: record.line, column: $0.field, message: $0.message) })
        }
    }
}
