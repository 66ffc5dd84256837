import HomewardCore

/// CSV parsing and the two importers' row validation, run as dry runs on an in-memory database.
///
/// Properties: parsing either fails with a `CSVFileError` or gives records on increasing
/// lines within the file; a parsed table written back out with every cell quoted parses to
/// the same cells; an import either accepts every row or fails with an `ImportError` whose
/// counts and lines agree with the table; an accepted manifest has no repeated tag.
enum CSVImportFuzzing {
    static func inquiries(_ input: [UInt8]) throws(PropertyViolation) {
        guard let table = try parsedTable(input) else { return }
        let sandbox = try ImportSandbox.get()
        do {
            let summary = try sandbox.homeward.importInquiries(sandbox.coordinator, table: table, dryRun: true)
            try require(summary.dryRun && summary.rows == table.records.count,
                        "an accepted inquiry file imports every record", "\(summary.rows) of \(table.records.count)")
        } catch let error as ImportError {
            try checkRefusal(error, of: table, countMismatchAllowed: false)
        } catch {
            throw PropertyViolation(property: "an inquiry import fails only with ImportError", detail: shown(error))
        }
    }

    static func manifest(_ input: [UInt8]) throws(PropertyViolation) {
        guard let table = try parsedTable(input) else { return }
        let sandbox = try ImportSandbox.get()
        do {
            let summary = try sandbox.homeward.importManifest(sandbox.coordinator, code: sandbox.batchCode, table: table,
                                                              dryRun: true, acceptCount: true)
            try require(summary.dryRun && summary.rows == table.records.count,
                        "an accepted manifest imports every record", "\(summary.rows) of \(table.records.count)")
            if let column = table.header.firstIndex(of: "tag") {
                let tags = table.records.map { trimmed($0.fields[column]).lowercased() }
                try require(Set(tags).count == tags.count, "an accepted manifest repeats no tag", shown(tags))
            }
        } catch let error as ImportError {
            try checkRefusal(error, of: table, countMismatchAllowed: false)
        } catch {
            throw PropertyViolation(property: "a manifest import fails only with ImportError", detail: shown(error))
        }
    }

    /// The table, or nil when the input is refused as CSV; checks the table's own properties.
    static func parsedTable(_ input: [UInt8]) throws(PropertyViolation) -> CSVTable? {
        let table: CSVTable
        do {
            table = try CSVTable(bytes: input)
        } catch {
            try require(!(error.errorDescription ?? "").isEmpty, "a CSV error says what is wrong", shown(error))
            return nil
        }
        let lastLine = 1 + lineBreaks(in: input)
        var previous = 0
        for record in table.records {
            try require(record.line > previous && record.line >= 2 && record.line <= lastLine,
                        "records start on increasing lines after the header, within the file",
                        "line \(record.line) after \(previous), file has \(lastLine)")
            try require(!record.fields.allSatisfy { $0.allSatisfy(\.isWhitespace) },
                        "blank records are left out", "line \(record.line)")
            previous = record.line
        }
        try checkRoundTrip(table)
        return table
    }

    /// Written back with every cell quoted, the table must read as the same cells.
    private static func checkRoundTrip(_ table: CSVTable) throws(PropertyViolation) {
        let rows = [table.header] + table.records.map(\.fields)
        let written = rows.map { row in
            row.map { "\"" + $0.replacing("\"", with: "\"\"") + "\"" }.joined(separator: ",")
        }.joined(separator: "\n") + "\n"
        let reread: CSVTable
        do {
            reread = try CSVTable(bytes: Array(written.utf8))
        } catch {
            throw PropertyViolation(property: "a parsed table written back with quotes parses", detail: shown(error))
        }
        try require(reread.header == table.header, "a table written back keeps its header",
                    "\(shown(table.header)) became \(shown(reread.header))")
        try require(reread.records.map(\.fields) == table.records.map(\.fields), "a table written back keeps its cells",
                    "\(shown(table.records.map(\.fields))) became \(shown(reread.records.map(\.fields)))")
    }

    /// A refused import names real records, in line order, with counts that add up.
    private static func checkRefusal(_ error: ImportError, of table: CSVTable,
                                     countMismatchAllowed: Bool) throws(PropertyViolation) {
        switch error {
        case let .invalidRows(problems, badRows, totalRows):
            let lines = Set(table.records.map(\.line))
            try require(totalRows == table.records.count, "a refusal counts every record", "\(totalRows) of \(table.records.count)")
            try require((1...max(1, totalRows)).contains(badRows), "a refusal counts between one and all records as bad",
                        "\(badRows) of \(totalRows)")
            try require(!problems.isEmpty && problems.count <= 100, "a refusal lists one to 100 problems", "\(problems.count)")
            try require(problems.allSatisfy { lines.contains($0.line) }, "every listed problem is on a record's line",
                        shown(problems.map(\.line)))
            try require(zip(problems, problems.dropFirst()).allSatisfy { $0.line <= $1.line }, "problems are listed in line order",
                        shown(problems.map(\.line)))
            try require(Set(problems.map(\.line)).count <= badRows, "listed bad lines are counted",
                        "\(Set(problems.map(\.line)).count) lines listed, \(badRows) counted")
            try require(problems.allSatisfy { !$0.message.isEmpty }, "every problem says what is wrong")
        case let .header(message):
            try require(!message.isEmpty, "a header error says what is wrong")
        case .countMismatch:
            try require(countMismatchAllowed, "a count mismatch is raised only without --accept-count", shown(error))
        case .file:
            throw PropertyViolation(property: "a parsed table is not refused as a file", detail: shown(error))
        }
    }

    /// Line breaks as the core counts them: LF, CRLF once, a lone CR.
    private static func lineBreaks(in bytes: [UInt8]) -> Int {
        var count = 0
        for index in bytes.indices {
            if bytes[index] == UInt8(ascii: "\n") {
                count += 1
            } else if bytes[index] == UInt8(ascii: "\r"), index + 1 == bytes.endIndex || bytes[index + 1] != UInt8(ascii: "\n") {
                count += 1
            }
        }
        return count
    }
}
