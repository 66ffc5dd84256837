import Foundation
import GRDB

extension Homeward {
    /// One returned record with every field, its corrections and its voided state.
    ///
    /// `CODE/TAG` names the record that holds the tag now; when the only records with that tag
    /// were voided, the newest of them is shown (marked voided).
    public func returnedRecord(_ actor: Actor, address text: String) throws -> ReturnedRecordView {
        let address = try RecordAddress.parse(text)
        try authorize(actor, .readBatches, action: "record.show", entityType: "returned_record", entityID: address.description)
        do {
            return try read { db in
                let row = try recordRow(actor, address, in: db)
                // Volunteers see who a record may be (name and reference), not why: the reasons
                // quote the person's date of birth, region and last-seen dates.
                return try Self.recordDetail(row, personDetails: actor.may(.readInquiries), in: db)
            }
        } catch let error as AccessError {
            try write { db in
                try audit(AuditEntry(action: "record.show", entityType: "returned_record", entityID: address.description,
                                     outcome: .denied, details: ["reason": "not assigned"]), by: actor, in: db)
            }
            throw error
        }
    }

    /// Corrects fields of a returned record, given as manifest cells (nil keeps a field, ""
    /// clears it); the whole result is checked as a manifest row would be. Each changed field
    /// is kept in the record's history. Returns the changed fields (none when nothing differs).
    public func updateRecord(_ actor: Actor, address text: String, changes: ManifestForm) throws -> RecordUpdated {
        let address = try RecordAddress.parse(text)
        try authorize(actor, .recordBatches, action: "record.update", entityType: "returned_record", entityID: address.description)
        return try recordingFailure("record.update", by: actor, entityType: "returned_record", entityID: address.description) {
            let today = self.today
            return try write { db in
                let row = try recordRow(actor, address, in: db)
                try Self.requireLive(row, doing: "corrected")
                let code: String = row["code"]
                let recordID: Int64 = row["id"]
                let before = Self.storedCells(row)
                var form = ManifestForm()
                for column in ManifestForm.columns {
                    form[keyPath: column.keyPath] = changes[keyPath: column.keyPath] ?? (before[column.name] ?? nil)
                }
                let context = ManifestContext(
                    code: code, date: CalendarDate(row["batch_date"] as String) ?? today,
                    kind: BatchKind(rawValue: row["batch_kind"]) ?? .remains)
                let valid: ValidRecord
                switch form.validate(regions: RegionDirectory.standard, today: today, batch: context) {
                case let .success(record): valid = record
                case let .failure(problems): throw CaseworkError.invalid(problems.list)
                }
                let after = Self.cells(of: valid)
                let changed = ManifestForm.columns.map(\.name).filter { (before[$0] ?? nil) != (after[$0] ?? nil) }
                guard !changed.isEmpty else { return RecordUpdated(record: "\(code)/\(row["tag"] as String)", changed: []) }
                if changed.contains("tag") {
                    let taken = try Bool.fetchOne(db, sql: """
                        SELECT 1 FROM returned_record WHERE batch_id = ? AND tag = ? COLLATE NOCASE AND voided_at IS NULL AND id <> ?
                        """, arguments: [row["batch_id"] as Int64, valid.tag, recordID]) ?? false
                    if taken {
                        throw CaseworkError.invalid([FieldProblem(field: "tag", message: "\(code)/\(valid.tag) is another record; tags are unique within a batch")])
                    }
                }
                let stamp = Timestamp.text(now)
                let latin = valid.name.map { Transliteration.latin($0, language: Transliteration.guessLanguage($0)) }
                try db.execute(sql: """
                    UPDATE returned_record SET tag = ?, kind = ?, name = ?, name_latin = ?, service_number = ?, service_number_key = ?,
                        sex = ?, age_min = ?, age_max = ?, recovery_region = ?, recovery_place = ?, recovery_date = ?, effects = ?,
                        notes = ?, updated_at = ?
                    WHERE id = ?
                    """, arguments: [
                        valid.tag, valid.kind.rawValue, valid.name, latin, valid.serviceNumber,
                        valid.serviceNumber.flatMap(ServiceNumber.key), valid.sex.rawValue, valid.ageMin, valid.ageMax,
                        valid.region, valid.place, valid.recoveryDate?.description, valid.effects, valid.notes, stamp, recordID,
                    ])
                for field in changed {
                    try db.execute(sql: """
                        INSERT INTO returned_record_change (record_id, field, old_value, new_value, changed_at, changed_by)
                        VALUES (?, ?, ?, ?, ?, ?)
                        """, arguments: [recordID, field, before[field] ?? nil, after[field] ?? nil, stamp, actor.userID])
                }
                // Field names only: names and effects on a record are personal data.
                var details = ["changed": changed.joined(separator: ",")]
                if changed.contains("tag") { details["new_tag"] = valid.tag }
                try audit(AuditEntry(action: "record.update", entityType: "returned_record", entityID: "\(code)/\(row["tag"] as String)",
                                     details: details), by: actor, in: db)
                return RecordUpdated(record: "\(code)/\(valid.tag)", changed: changed)
            }
        }
    }

    /// Voids a returned record entered by mistake, with a reason. The record keeps its row and
    /// history (shown by `batch show CODE/TAG`) but leaves lists, counts and search, and its tag
    /// may be used again.
    ///
    /// Rule for the linking work: a record frees its tag only if it was never linked to a
    /// person. Links do not exist yet, so every voided record frees its tag today; the issue
    /// that adds links must refuse to void a linked record here (or keep its tag reserved).
    /// - Returns: the record's address as stored (`CODE/TAG`).
    @discardableResult
    public func voidRecord(_ actor: Actor, address text: String, reason: String) throws -> String {
        let address = try RecordAddress.parse(text)
        try authorize(actor, .recordBatches, action: "record.void", entityType: "returned_record", entityID: address.description)
        return try recordingFailure("record.void", by: actor, entityType: "returned_record", entityID: address.description) {
            guard let reason = try FreeText.checked("reason", reason, limit: 4000) else {
                throw CaseworkError.invalid([FieldProblem(field: "reason", message: "required; say why the record is void (e.g. entered twice)")])
            }
            return try write { db in
                // Read again inside the write transaction: two coordinators voiding at once void it once.
                let row = try recordRow(actor, address, in: db)
                try Self.requireLive(row, doing: "voided again")
                let stored = "\(row["code"] as String)/\(row["tag"] as String)"
                let recordID: Int64 = row["id"]
                // A record someone is confirmed or identified as (identification needs a confirmed
                // link) is evidence in a case: voiding it would hand its tag and the inquiry's
                // resolution to whatever record takes the tag next. Other history stays with the
                // voided record.
                if let link = try Row.fetchOne(db, sql: """
                    SELECT l.id, i.reference FROM link l JOIN inquiry i ON i.id = l.inquiry_id
                    WHERE l.record_id = ? AND l.state = 'confirmed'
                    """, arguments: [recordID]) {
                    throw CaseworkError.invalidTransition(
                        "\(stored) has a confirmed link (\(link["id"] as Int64), \(link["reference"] as String)); reject it first ('homeward link reject \(link["id"] as Int64) --reason …') or correct the record with 'batch record update'")
                }
                let stamp = Timestamp.text(now)
                try db.execute(sql: "UPDATE returned_record SET voided_at = ?, voided_by = ?, void_reason = ? WHERE id = ?",
                               arguments: [stamp, actor.userID, reason, recordID])
                // Its candidates are withdrawn: nobody can be confirmed as a voided record.
                let withdrawn = try Int.fetchOne(db, sql: "SELECT count(*) FROM link WHERE record_id = ? AND state = 'candidate'",
                                                 arguments: [recordID]) ?? 0
                try db.execute(sql: """
                    UPDATE link SET state = 'rejected', decided_at = ?, decided_by = ?, decision_reason = ?
                    WHERE record_id = ? AND state = 'candidate'
                    """, arguments: [stamp, actor.userID, "record voided: " + reason, recordID])
                try audit(AuditEntry(action: "record.void", entityType: "returned_record", entityID: stored,
                                     details: ["kind": row["kind"], "candidate_links_withdrawn": String(withdrawn)]), by: actor, in: db)
                return stored
            }
        }
    }

    // MARK: - Shared steps

    /// The record a `CODE/TAG` names: the one holding the tag, else the newest voided one.
    /// Volunteers learn nothing about batches not assigned to them, not even whether a tag exists.
    func recordRow(_ actor: Actor, _ address: RecordAddress, in db: Database) throws -> Row {
        guard let batchID = try Int64.fetchOne(db, sql: "SELECT id FROM batch WHERE code = ?", arguments: [address.code]) else {
            throw CaseworkError.noSuchBatch(address.code)
        }
        try requireAssignment(actor, batchID: batchID, code: address.code, in: db)
        guard let row = try Row.fetchOne(db, sql: """
            SELECT r.*, b.code, b.date AS batch_date, b.kind AS batch_kind, u.name AS voided_by_name
            FROM returned_record r JOIN batch b ON b.id = r.batch_id LEFT JOIN app_user u ON u.id = r.voided_by
            WHERE r.batch_id = ? AND r.tag = ? COLLATE NOCASE
            ORDER BY r.voided_at IS NOT NULL, r.id DESC LIMIT 1
            """, arguments: [batchID, address.tag]) else { throw CaseworkError.noSuchRecord(address.description) }
        return row
    }

    /// Voided records are kept exactly as they were when voided.
    static func requireLive(_ row: Row, doing change: String) throws {
        if let voidedAt = row["voided_at"] as String? {
            let address = "\(row["code"] as String)/\(row["tag"] as String)"
            throw CaseworkError.invalidTransition(
                "\(address) was voided on \(voidedAt.prefix(10)) and cannot be \(change); see 'homeward batch show \(address)'")
        }
    }

    /// The stored fields by manifest column, as text (nil when empty).
    private static func storedCells(_ row: Row) -> [String: String?] {
        [
            "tag": row["tag"], "kind": row["kind"], "name": row["name"], "service_number": row["service_number"],
            "sex": row["sex"], "age_min": (row["age_min"] as Int?).map(String.init), "age_max": (row["age_max"] as Int?).map(String.init),
            "recovery_region": row["recovery_region"], "recovery_place": row["recovery_place"],
            "recovery_date": row["recovery_date"], "effects": row["effects"], "notes": row["notes"],
        ]
    }

    private static func cells(of record: ValidRecord) -> [String: String?] {
        [
            "tag": record.tag, "kind": record.kind.rawValue, "name": record.name, "service_number": record.serviceNumber,
            "sex": record.sex.rawValue, "age_min": record.ageMin.map(String.init), "age_max": record.ageMax.map(String.init),
            "recovery_region": record.region, "recovery_place": record.place, "recovery_date": record.recoveryDate?.description,
            "effects": record.effects, "notes": record.notes,
        ]
    }

    private static func recordDetail(_ row: Row, personDetails: Bool, in db: Database) throws -> ReturnedRecordView {
        let code: String = row["code"]
        let tag: String = row["tag"]
        let region: String? = row["recovery_region"]
        let changes = try Row.fetchAll(db, sql: """
            SELECT c.field, c.old_value, c.new_value, c.changed_at, u.name
            FROM returned_record_change c JOIN app_user u ON u.id = c.changed_by
            WHERE c.record_id = ? ORDER BY c.id
            """, arguments: [row["id"] as Int64]).map {
            FieldChange(field: $0["field"], oldValue: $0["old_value"], newValue: $0["new_value"], note: nil,
                        at: $0["changed_at"], by: $0["name"])
        }
        let recordID: Int64 = row["id"]
        let ledger = try IdentificationLedger.load(recordID: recordID, kind: RecordKind(rawValue: row["kind"]) ?? .remains, in: db)
        let identification = identificationSummary(ledger, record: "\(code)/\(tag)")
        return ReturnedRecordView(
            record: "\(code)/\(tag)", batch: code, tag: tag, kind: row["kind"], name: row["name"], nameLatin: row["name_latin"],
            serviceNumber: row["service_number"], sex: row["sex"], ageMin: row["age_min"], ageMax: row["age_max"],
            recoveryRegion: region, recoveryRegionName: region.flatMap { RegionDirectory.standard.region(code: $0)?.nameEN },
            recoveryPlace: row["recovery_place"], recoveryDate: row["recovery_date"], effects: row["effects"], notes: row["notes"],
            createdAt: row["created_at"], updatedAt: row["updated_at"], voided: row["voided_at"] as String? != nil,
            voidedAt: row["voided_at"], voidedBy: row["voided_by_name"], voidReason: row["void_reason"], changes: changes,
            status: identification.status, nextStatuses: identification.next, pendingProposal: identification.pendingProposal,
            identificationHistory: historyViews(ledger, record: "\(code)/\(tag)"), links: try recordLinks(recordID: recordID, in: db).map { link in
                var link = link
                if !personDetails {
                    link.reasons = []
                    link.decisionReason = nil
                }
                return link
            })
    }
}
