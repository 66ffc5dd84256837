import Foundation
import GRDB

/// What an import did (or, in a dry run, would do).
public struct ImportSummary: Sendable, Codable, Equatable {
    public var rows: Int
    public var dryRun: Bool
    public var firstReference: String?
    public var lastReference: String?
    /// What did not stop the import but needs a look (possible duplicates, implausible
    /// dates, a manifest count that differs from the batch's), up to ``ImportWarnings/listed``.
    public var warnings: [ImportWarning]
    /// How many more warnings there were than are listed.
    public var moreWarnings: Int

    init(rows: Int, dryRun: Bool, firstReference: String? = nil, lastReference: String? = nil,
         warnings: [ImportWarning], moreWarnings: Int = 0) {
        self.rows = rows
        self.dryRun = dryRun
        self.firstReference = firstReference
        self.lastReference = lastReference
        self.warnings = warnings
        self.moreWarnings = moreWarnings
    }

    init(rows: Int, dryRun: Bool, firstReference: String? = nil, lastReference: String? = nil, warnings: ImportWarnings) {
        self.init(rows: rows, dryRun: dryRun, firstReference: firstReference, lastReference: lastReference,
                  warnings: warnings.list, moreWarnings: warnings.omitted)
    }

    enum CodingKeys: String, CodingKey {
        case rows, warnings
        case dryRun = "dry_run", firstReference = "first", lastReference = "last", moreWarnings = "more_warnings"
    }
}

extension Homeward {
    /// Imports inquiries from a CSV table: any bad row refuses the whole file, naming every
    /// bad row; a valid file is written in one transaction.
    ///
    /// Rows are validated on all cores while the valid ones are already written inside the
    /// transaction; the first bad row stops the writing, and the transaction is rolled back,
    /// so a refused file leaves the database exactly as it was.
    /// - Parameter progress: called now and then with (rows done, total) while writing.
    public func importInquiries(_ actor: Actor, table: CSVTable, dryRun: Bool = false,
                                progress: ((Int, Int) -> Void)? = nil) throws -> ImportSummary {
        try importInquiries(actor, source: table, dryRun: dryRun, progress: progress)
    }

    /// Imports inquiries from a CSV file read in slices (see ``CSVStream``), as
    /// ``importInquiries(_:table:dryRun:progress:)`` imports a table: the file is never
    /// held in memory whole.
    public func importInquiries(_ actor: Actor, stream: CSVStream, dryRun: Bool = false,
                                progress: ((Int, Int) -> Void)? = nil) throws -> ImportSummary {
        try importInquiries(actor, source: stream, dryRun: dryRun, progress: progress)
    }

    private func importInquiries(_ actor: Actor, source table: some CSVRecordSlices, dryRun: Bool,
                                 progress: ((Int, Int) -> Void)?) throws -> ImportSummary {
        try authorize(actor, .editCases, action: "inquiry.import", entityType: "inquiry")
        return try recordingFailure("inquiry.import", by: actor, entityType: "inquiry", recording: !dryRun) {
            let map = try ColumnMap(header: table.header, columns: InquiryForm.columns,
                                    required: InquiryForm.requiredColumns, oneOf: ["phone", "email"])
            let regions = RegionDirectory.standard
            let today = self.today
            let check: @Sendable (InquiryForm) -> Result<ValidInquiry, FieldProblems> = { form in
                form.validate(regions: regions, today: today)
            }
            let total = table.estimatedRows
            guard !dryRun else {
                return try read { db in
                    var scan = try DuplicateScan(db, rows: total, persons: try Self.personCount(in: db))
                    var rows = 0
                    try ValidatedRows.stream(table, map: map, blank: InquiryForm(), check: check) { slice in
                        for (line, inquiry) in slice { try scan.add(line: line, inquiry) }
                        rows += slice.count
                    }
                    return ImportSummary(rows: rows, dryRun: true, warnings: scan.warnings)
                }
            }
            return try write { db in
                let existing = try Self.personCount(in: db)
                var scan = try DuplicateScan(db, rows: total, persons: existing)
                var inserter = try CaseInserter(db, at: now, rowsPerStatement: CaseInserter.importRowsPerStatement)
                var first: InquiryReference?
                var last: InquiryReference?
                var done = 0
                let insertAll = {
                    try ValidatedRows.stream(table, map: map, blank: InquiryForm(), check: check) { slice in
                        for (line, inquiry) in slice {
                            let reference = try inserter.insert(inquiry, coordinatorID: actor.userID)
                            try scan.add(line: line, inquiry, reference: reference)
                            if first == nil { first = reference }
                            last = reference
                        }
                        done += slice.count
                        progress?(done, max(done, total))
                    }
                    try inserter.finish()
                }
                // A load at least as large as what is there goes faster with indexes built afterwards.
                if total >= 10_000 && total >= existing {
                    // With the indexes built afterwards the rows are appended page after page,
                    // so a 16 MiB cache serves as well as the connection's 64 MiB (the sqlite3
                    // shell's floor takes as long with either) and keeps a 100,000-row import
                    // within DESIGN §10's memory.
                    try db.execute(sql: "PRAGMA cache_size = -16384")
                    defer { try? db.execute(sql: "PRAGMA cache_size = \(Homeward.cacheSizePragma)") }
                    try DeferredIndexes.during(db, tables: ["person", "inquiry"], insertAll)
                } else {
                    try insertAll()
                }
                let warnings = scan.warnings
                try audit(AuditEntry(action: "inquiry.import", entityType: "inquiry", entityID: first?.description,
                                     details: ["rows": String(done), "references": inserter.issuedSummary,
                                               "possible_duplicates": String(scan.duplicates),
                                               "warnings": String(warnings.count)]),
                          by: actor, in: db)
                return ImportSummary(rows: done, dryRun: false, firstReference: first?.description,
                                     lastReference: last?.description, warnings: warnings)
            }
        }
    }

    private static func personCount(in db: Database) throws -> Int {
        try Int.fetchOne(db, sql: "SELECT count(*) FROM person") ?? 0
    }
}
