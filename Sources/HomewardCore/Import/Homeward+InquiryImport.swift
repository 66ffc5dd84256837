import Foundation
import GRDB

/// What an import did (or, in a dry run, would do).
public struct ImportSummary: Sendable, Codable, Equatable {
    public var rows: Int
    public var dryRun: Bool
    public var firstReference: String?
    public var lastReference: String?
    /// Notes that did not stop the import (e.g. manifest count differs from the batch's).
    public var warnings: [String]

    enum CodingKeys: String, CodingKey {
        case rows, warnings
        case dryRun = "dry_run", firstReference = "first", lastReference = "last"
    }
}

extension Homeward {
    /// Imports inquiries from a CSV table: every row is validated first; any bad row refuses
    /// the whole file; a valid file is written in one transaction.
    ///
    /// - Parameter progress: called now and then with (rows done, total) while writing.
    public func importInquiries(_ actor: Actor, table: CSVTable, dryRun: Bool = false,
                                progress: ((Int, Int) -> Void)? = nil) throws -> ImportSummary {
        try authorize(actor, .editCases, action: "inquiry.import", entityType: "inquiry")
        let map = try ColumnMap(header: table.header, columns: InquiryForm.columns,
                                required: InquiryForm.requiredColumns, oneOf: ["phone", "email"])
        let regions = RegionDirectory.standard
        let today = self.today
        let rows = try ValidatedRows.validate(table, map: map, blank: InquiryForm()) { form in
            form.validate(regions: regions, today: today)
        }
        let valid = rows.map(\.value)
        guard !dryRun else {
            let warnings = try read { db in try DuplicateScan.warnings(for: rows, in: db) }
            return ImportSummary(rows: valid.count, dryRun: true, warnings: warnings)
        }
        return try write { db in
            // A load at least as large as what is there goes faster with indexes built afterwards.
            let existing = try Int.fetchOne(db, sql: "SELECT count(*) FROM person") ?? 0
            let warnings = try DuplicateScan.warnings(for: rows, in: db)
            let started = now
            let insertAll = { () throws -> (CaseInserter, InquiryReference?, InquiryReference?) in
                var inserter = try CaseInserter(db, at: started)
                var first: InquiryReference?
                var last: InquiryReference?
                for (index, inquiry) in valid.enumerated() {
                    let reference = try inserter.insert(inquiry, coordinatorID: actor.userID)
                    if first == nil { first = reference }
                    last = reference
                    if index % 5000 == 4999 { progress?(index + 1, valid.count) }
                }
                return (inserter, first, last)
            }
            let (inserter, first, last) = valid.count >= 10_000 && valid.count >= existing
                ? try DeferredIndexes.during(db, tables: ["person", "inquiry"], insertAll)
                : try insertAll()
            try inserter.finish()
            progress?(valid.count, valid.count)
            try audit(AuditEntry(action: "inquiry.import", entityType: "inquiry", entityID: first?.description,
                                 details: ["rows": String(valid.count), "references": inserter.issuedSummary,
                                           "possible_duplicates": String(warnings.count)]),
                      by: actor, in: db)
            return ImportSummary(rows: valid.count, dryRun: false, firstReference: first?.description,
                                 lastReference: last?.description, warnings: warnings)
        }
    }
}
