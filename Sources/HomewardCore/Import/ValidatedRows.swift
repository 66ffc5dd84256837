import Foundation

/// Validates every row of a table before anything is written, collecting all problems.
enum ValidatedRows {
    /// The valid rows with their line numbers, or ``ImportError/invalidRows(_:badRows:totalRows:)``
    /// listing the first problems and counting every bad row.
    static func validate<Form, Valid>(
        _ table: CSVTable, map: ColumnMap<Form>, blank: Form,
        check: (Form, Int) -> Result<Valid, FieldProblems>
    ) throws(ImportError) -> [(line: Int, value: Valid)] {
        var valid = [(line: Int, value: Valid)]()
        valid.reserveCapacity(table.records.count)
        var problems = [RowProblem]()
        var badRows = 0
        for record in table.records {
            guard record.fields.count == map.width else {
                badRows += 1
                if problems.count < ImportLimits.reportedProblems {
                    problems.append(RowProblem(
                        line: record.line, column: nil,
                        message: "has \(record.fields.count) cells but the header has \(map.width); check quotes and commas"))
                }
                continue
            }
            switch check(map.form(from: record.fields, into: blank), record.line) {
            case let .success(value):
                valid.append((record.line, value))
            case let .failure(fieldProblems):
                badRows += 1
                for problem in fieldProblems.list where problems.count < ImportLimits.reportedProblems {
                    problems.append(RowProblem(line: record.line, column: problem.field, message: problem.message))
                }
            }
        }
        guard badRows == 0 else {
            throw .invalidRows(problems, badRows: badRows, totalRows: table.records.count)
        }
        return valid
    }
}
