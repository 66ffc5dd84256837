import Foundation
import GRDB

extension Homeward {
    /// Imports a batch manifest: all rows validated first, tags unique within the batch,
    /// all or nothing. A manifest longer than the batch's received count is refused unless
    /// `acceptCount` raises the count to match; a shorter one is imported with a warning.
    public func importManifest(_ actor: Actor, code text: String, table: CSVTable, dryRun: Bool = false,
                               acceptCount: Bool = false) throws -> ImportSummary {
        let code = try BatchCode.parse(text)
        try authorize(actor, .recordBatches, action: "batch.import_manifest", entityType: "batch", entityID: code)
        return try recordingFailure("batch.import_manifest", by: actor, entityType: "batch", entityID: code, recording: !dryRun) {
            let map = try ColumnMap(header: table.header, columns: ManifestForm.columns, required: ManifestForm.requiredColumns)
            let regions = RegionDirectory.standard
            let today = self.today
            let batch = try read { db in
                try Row.fetchOne(db, sql: "SELECT id, received_count, date, kind FROM batch WHERE code = ?", arguments: [code])
            }
            guard let batch else { throw CaseworkError.noSuchBatch(code) }
            let batchID: Int64 = batch["id"]
            let received: Int? = batch["received_count"]
            let context = ManifestContext(
                code: code, date: CalendarDate(batch["date"] as String) ?? today,
                kind: BatchKind(rawValue: batch["kind"]) ?? .remains)
            // Voided records free their tags and leave the count (see ``voidRecord(_:address:reason:)``).
            let existingTags = try read { db in
                Set(try String.fetchAll(db, sql: "SELECT lower(tag) FROM returned_record WHERE batch_id = ? AND voided_at IS NULL", arguments: [batchID]))
            }
            // Row checks and tag checks in one run, so that a file's every problem is listed at once.
            var (checked, problems) = try ValidatedRows.collect(table, map: map, blank: ManifestForm()) { form in
                form.validate(regions: regions, today: today, batch: context)
            }
            for problem in Self.tagProblems(in: table, map: map, existing: existingTags, code: code) { problems.add(problem) }
            if let error = problems.error { throw error }
            let records = checked.map(\.value)

            let total = existingTags.count + records.count
            var warnings = [ImportWarning]()
            var newCount: Int?
            if let received, total > received {
                guard acceptCount else {
                    throw ImportError.countMismatch(
                        "batch \(code) says \(received) received but the manifest would make \(total) records; check the file, or pass --accept-count to set the received count to \(total)")
                }
                newCount = total
                warnings.append(ImportWarning(reason: dryRun
                    ? "received count of \(code) would be raised from \(received) to \(total)"
                    : "received count of \(code) raised from \(received) to \(total)"))
            } else if let discrepancy = Self.countDiscrepancy(received: received, manifest: total) {
                warnings.append(ImportWarning(reason: "\(code): \(discrepancy)"))
            } else if received == nil {
                warnings.append(ImportWarning(reason: "\(code) has no received count; the manifest lists \(total)"))
            }
            guard !dryRun else { return ImportSummary(rows: records.count, dryRun: true, warnings: warnings) }

            return try write { db in
                let stamp = Timestamp.text(now)
                let insert = try db.makeStatement(sql: """
                    INSERT INTO returned_record (batch_id, tag, kind, name, name_latin, service_number, service_number_key,
                        sex, age_min, age_max, recovery_region, recovery_place, recovery_date, effects, notes, created_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """)
                for record in records {
                    let latin = record.name.map { Transliteration.latin($0, language: Transliteration.guessLanguage($0)) }
                    try insert.execute(arguments: [
                        batchID, record.tag, record.kind.rawValue, record.name, latin, record.serviceNumber,
                        record.serviceNumber.flatMap(ServiceNumber.key), record.sex.rawValue, record.ageMin, record.ageMax,
                        record.region, record.place, record.recoveryDate?.description, record.effects, record.notes, stamp,
                    ])
                }
                if let newCount {
                    try db.execute(sql: "UPDATE batch SET received_count = ? WHERE id = ?", arguments: [newCount, batchID])
                }
                try audit(AuditEntry(action: "batch.import_manifest", entityType: "batch", entityID: code,
                                     details: ["rows": String(records.count), "total": String(total),
                                               "received": received.map(String.init) ?? "unknown",
                                               "count_raised_to": newCount.map(String.init) ?? ""]), by: actor, in: db)
                return ImportSummary(rows: records.count, dryRun: false, warnings: warnings)
            }
        }
    }

    /// Tags repeated within the file or already in the batch, compared case-insensitively
    /// ("D-1" and "d-1" would confuse everyone). Checks every row that has a tag, valid or not.
    static func tagProblems(in table: CSVTable, map: ColumnMap<ManifestForm>, existing: Set<String>,
                            code: String) -> [RowProblem] {
        var firstLineOfTag = [String: Int]()
        var problems = [RowProblem]()
        for record in table.records where table.widthMismatch(of: record) == nil {
            guard let tag = Cell.clean(map.form(from: record.fields, into: ManifestForm()).tag) else { continue }
            let folded = tag.lowercased()
            let shown = QuotedValue.quoted(tag).map { "tag \($0)" } ?? "the tag"
            if existing.contains(folded) {
                problems.append(RowProblem(line: record.line, column: "tag", message: "\(shown) is already in batch \(code)"))
            } else if let first = firstLineOfTag[folded] {
                problems.append(RowProblem(line: record.line, column: "tag",
                                           message: "\(shown) repeats line \(first); tags are unique within a batch"))
            } else {
                firstLineOfTag[folded] = record.line
            }
        }
        return problems
    }
}
