import Foundation
import GRDB

extension Homeward {
    /// Records a repatriation batch; returns its code.
    public func addBatch(_ actor: Actor, _ form: BatchForm) throws -> BatchAdded {
        try authorize(actor, .recordBatches, action: "batch.add", entityType: "batch")
        return try recordingFailure("batch.add", by: actor, entityType: "batch") {
            var problems = [FieldProblem]()
            let date = CalendarDate(String(Cell.trimmed(form.date)))
            if date == nil { problems.append(FieldProblem(field: "date", message: QuotedValue.isNot(form.date, "a date") + "; use YYYY-MM-DD")) }
            let kind = BatchKind(rawValue: String(Cell.trimmed(form.kind)).lowercased())
            if kind == nil {
                problems.append(FieldProblem(field: "kind", message: QuotedValue.isNot(form.kind, "a batch kind") + "; use \(BatchKind.allCases.map(\.rawValue).joined(separator: ", "))"))
            }
            for (field, count) in [("received", form.received), ("handed-over", form.handedOver)] {
                if let count, !(0...Self.largestBatch).contains(count) {
                    problems.append(FieldProblem(field: field, message: "\(count) is not a count from 0 to \(Self.largestBatch)"))
                }
            }
            var regions = [String]()
            for name in form.regions.flatMap({ $0.split(separator: ",").map(String.init) }) {
                do {
                    let code = try RegionDirectory.standard.resolve(name).code
                    if !regions.contains(code) { regions.append(code) }
                } catch {
                    problems.append(FieldProblem(field: "regions", message: error.localizedDescription))
                }
            }
            if regions.isEmpty && problems.allSatisfy({ $0.field != "regions" }) {
                problems.append(FieldProblem(field: "regions", message: "required; give the recovery regions, e.g. --regions Donetsk,Luhansk"))
            }
            var sources = [BatchSource]()
            for cell in form.sources {
                switch BatchSource.parse(cell) {
                case let .success(source): sources.append(source)
                case let .failure(problem): problems.append(problem)
                }
            }
            let transferPoint = FreeText.check("transfer-point", form.transferPoint, into: &problems)
            let agreement = FreeText.check("agreement", form.agreement, into: &problems)
            for source in sources {
                _ = FreeText.check("source", source.text, limit: 4000, into: &problems)
                _ = FreeText.check("source", source.saidBy, into: &problems)
            }
            guard problems.isEmpty, let date, let kind else { throw CaseworkError.invalid(problems) }
            return try write { db in
                let last = try Int.fetchOne(db, sql: """
                    SELECT max(CAST(substr(code, 8) AS INTEGER)) FROM batch WHERE code LIKE ?
                    """, arguments: ["B-\(date.year)-%"]) ?? 0
                let code = BatchCode.format(year: date.year, number: last + 1)
                let stamp = Timestamp.text(now)
                try db.execute(sql: """
                    INSERT INTO batch (code, kind, date, received_count, handed_over_count, transfer_point, agreement,
                                       created_at, created_by)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """, arguments: [code, kind.rawValue, date.description, form.received, form.handedOver,
                                     transferPoint, agreement, stamp, actor.userID])
                let batchID = db.lastInsertedRowID
                for region in regions {
                    try db.execute(sql: "INSERT INTO batch_region (batch_id, region) VALUES (?, ?)", arguments: [batchID, region])
                }
                for source in sources {
                    try db.execute(sql: "INSERT INTO batch_source (batch_id, text, said_by, said_on) VALUES (?, ?, ?, ?)",
                                   arguments: [batchID, source.text, source.saidBy, source.saidOn?.description])
                }
                try db.execute(sql: """
                    INSERT INTO batch_status_change (batch_id, status, note, changed_at, changed_by)
                    VALUES (?, 'announced', 'recorded', ?, ?)
                    """, arguments: [batchID, stamp, actor.userID])
                try audit(AuditEntry(action: "batch.add", entityType: "batch", entityID: code,
                                     details: ["kind": kind.rawValue, "date": date.description, "regions": regions.joined(separator: ",")]),
                          by: actor, in: db)
                return BatchAdded(code: code)
            }
        }
    }

    /// Moves a batch to a new status with a note; the history keeps every change.
    public func setBatchStatus(_ actor: Actor, code text: String, status: BatchStatus, note: String) throws {
        let code = try BatchCode.parse(text)
        try authorize(actor, .recordBatches, action: "batch.status", entityType: "batch", entityID: code)
        try recordingFailure("batch.status", by: actor, entityType: "batch", entityID: code) {
            guard let note = try FreeText.checked("note", note, limit: 4000) else {
                throw CaseworkError.invalid([FieldProblem(field: "note", message: "required; say what was announced or why")])
            }
            try write { db in
                guard let row = try Row.fetchOne(db, sql: "SELECT id, status, date FROM batch WHERE code = ?", arguments: [code]) else {
                    throw CaseworkError.noSuchBatch(code)
                }
                let current: String = row["status"]
                if status == .completed, let date = CalendarDate(row["date"] as String), today < date {
                    throw CaseworkError.invalidTransition("batch \(code) is dated \(date), after today; it cannot be completed yet")
                }
                guard current != status.rawValue else {
                    throw CaseworkError.invalidTransition("batch \(code) is already \(current)")
                }
                let batchID: Int64 = row["id"]
                try db.execute(sql: "UPDATE batch SET status = ? WHERE id = ?", arguments: [status.rawValue, batchID])
                try db.execute(sql: """
                    INSERT INTO batch_status_change (batch_id, status, note, changed_at, changed_by) VALUES (?, ?, ?, ?, ?)
                    """, arguments: [batchID, status.rawValue, note, Timestamp.text(now), actor.userID])
                try audit(AuditEntry(action: "batch.status", entityType: "batch", entityID: code,
                                     details: ["from": current, "to": status.rawValue]), by: actor, in: db)
            }
        }
    }

    /// Assigns a volunteer to a batch, so they can read it and update its records. Other roles
    /// are refused: they read every batch, and an assignment would suggest otherwise.
    public func assignBatch(_ actor: Actor, user name: String, code text: String) throws {
        let code = try BatchCode.parse(text)
        try authorize(actor, .manageUsers, action: "user.assign", entityType: "user", entityID: name)
        try recordingFailure("user.assign", by: actor, entityType: "user", entityID: name) {
            try write { db in
                let account = try existingAccount(name, in: db)
                try Self.requireVolunteer(account)
                guard let batchID = try Int64.fetchOne(db, sql: "SELECT id FROM batch WHERE code = ?", arguments: [code]) else {
                    throw CaseworkError.noSuchBatch(code)
                }
                try db.execute(sql: "INSERT OR IGNORE INTO batch_assignment (user_id, batch_id) VALUES (?, ?)",
                               arguments: [account.id, batchID])
                try audit(AuditEntry(action: "user.assign", entityType: "user", entityID: account.name, details: ["batch": code]),
                          by: actor, in: db)
            }
        }
    }

    /// Batches, newest first. Volunteers see only the batches assigned to them.
    public func batches(_ actor: Actor) throws -> [BatchSummary] {
        try authorize(actor, .readBatches, action: "batch.list")
        return try read { db in
            let rows = try Row.fetchAll(db, sql: """
                SELECT b.*, (SELECT count(*) FROM returned_record r WHERE r.batch_id = b.id AND r.voided_at IS NULL) AS records,
                       (SELECT group_concat(region, ',') FROM batch_region g WHERE g.batch_id = b.id) AS regions
                FROM batch b
                WHERE ? OR b.id IN (SELECT batch_id FROM batch_assignment WHERE user_id = ?)
                ORDER BY b.date DESC, b.id DESC
                """, arguments: [actor.role != .volunteer, actor.userID])
            return rows.map(Self.batchSummary)
        }
    }

    /// One batch with its sources, history, count check and records.
    public func batch(_ actor: Actor, code text: String) throws -> BatchView {
        let code = try BatchCode.parse(text)
        try authorize(actor, .readBatches, action: "batch.show", entityType: "batch", entityID: code)
        do {
            return try batchView(actor, code: code)
        } catch let error as AccessError {
            try write { db in
                try audit(AuditEntry(action: "batch.show", entityType: "batch", entityID: code, outcome: .denied,
                                     details: ["reason": "not assigned"]), by: actor, in: db)
            }
            throw error
        }
    }

    private func batchView(_ actor: Actor, code: String) throws -> BatchView {
        try read { db in
            guard let row = try Row.fetchOne(db, sql: """
                SELECT b.*, (SELECT count(*) FROM returned_record r WHERE r.batch_id = b.id AND r.voided_at IS NULL) AS records,
                       (SELECT group_concat(region, ',') FROM batch_region g WHERE g.batch_id = b.id) AS regions
                FROM batch b WHERE code = ?
                """, arguments: [code]) else { throw CaseworkError.noSuchBatch(code) }
            let batchID: Int64 = row["id"]
            try requireAssignment(actor, batchID: batchID, code: code, in: db)
            let sources = try Row.fetchAll(db, sql: "SELECT * FROM batch_source WHERE batch_id = ? ORDER BY id", arguments: [batchID])
                .map { BatchView.Source(text: $0["text"], saidBy: $0["said_by"], saidOn: $0["said_on"]) }
            let history = try Row.fetchAll(db, sql: """
                SELECT c.status, c.note, c.changed_at, u.name FROM batch_status_change c JOIN app_user u ON u.id = c.changed_by
                WHERE c.batch_id = ? ORDER BY c.id
                """, arguments: [batchID])
                .map { BatchView.StatusChange(status: $0["status"], note: $0["note"], at: $0["changed_at"], by: $0["name"]) }
            var byKind = [String: Int]()
            for kindRow in try Row.fetchAll(db, sql: "SELECT kind, count(*) AS n FROM returned_record WHERE batch_id = ? AND voided_at IS NULL GROUP BY kind", arguments: [batchID]) {
                byKind[kindRow["kind"]] = kindRow["n"]
            }
            let statuses = try Self.identificationStatuses(batchID: batchID, code: code, in: db)
            let records = try Row.fetchAll(db, sql: "SELECT * FROM returned_record WHERE batch_id = ? AND voided_at IS NULL ORDER BY id", arguments: [batchID])
                .map { Self.recordView($0, code: code) }
                .map { record in
                    var record = record
                    record.status = statuses[record.record] ?? record.status
                    return record
                }
            let summary = Self.batchSummary(row)
            let voided = try Int.fetchOne(db, sql: "SELECT count(*) FROM returned_record WHERE batch_id = ? AND voided_at IS NOT NULL",
                                          arguments: [batchID]) ?? 0
            return BatchView(
                summary: summary, transferPoint: row["transfer_point"], agreement: row["agreement"], sources: sources,
                history: history, changes: try Self.batchChanges(batchID: batchID, in: db), recordsByKind: byKind,
                countDiscrepancy: Self.countDiscrepancy(received: summary.received, manifest: summary.manifestRecords),
                voidedRecords: voided, records: records)
        }
    }

    /// No announced transfer has come near this; a larger count is a typing error.
    static let largestBatch = 100_000

    /// Volunteers may only read and work on batches assigned to them.
    func requireAssignment(_ actor: Actor, batchID: Int64, code: String, in db: Database) throws {
        guard actor.role == .volunteer else { return }
        let assigned = try Bool.fetchOne(db, sql: "SELECT 1 FROM batch_assignment WHERE user_id = ? AND batch_id = ?",
                                         arguments: [actor.userID, batchID]) ?? false
        if !assigned { throw AccessError.notAssigned(batch: code) }
    }

    static func countDiscrepancy(received: Int?, manifest: Int) -> String? {
        guard let received, manifest > 0, received != manifest else { return nil }
        return manifest < received
            ? "manifest lists \(manifest) of \(received) received (\(received - manifest) not yet listed)"
            : "manifest lists \(manifest) but the batch says \(received) received (\(manifest - received) more than announced)"
    }

    static func batchSummary(_ row: Row) -> BatchSummary {
        let regions: String? = row["regions"]
        return BatchSummary(
            code: row["code"], kind: row["kind"], date: row["date"], status: row["status"],
            received: row["received_count"], handedOver: row["handed_over_count"],
            regions: regions.map { $0.split(separator: ",").map(String.init).sorted() } ?? [],
            manifestRecords: row["records"])
    }

    static func recordView(_ row: Row, code: String) -> RecordView {
        RecordView(
            record: "\(code)/\(row["tag"] as String)", kind: row["kind"],
            status: IdentificationRules.initial(RecordKind(rawValue: row["kind"]) ?? .remains).rawValue, name: row["name"],
            serviceNumber: row["service_number"], sex: row["sex"], ageMin: row["age_min"], ageMax: row["age_max"],
            recoveryRegion: row["recovery_region"], recoveryPlace: row["recovery_place"], recoveryDate: row["recovery_date"])
    }

    /// The current identification status of each live record of a batch that has a history, by `CODE/TAG`.
    static func identificationStatuses(batchID: Int64, code: String, in db: Database) throws -> [String: String] {
        var statuses = [String: String]()
        for row in try Row.fetchAll(db, sql: """
            SELECT r.tag, e.status FROM identification_event e JOIN returned_record r ON r.id = e.record_id
            WHERE e.id IN (SELECT max(x.id) FROM identification_event x JOIN returned_record y ON y.id = x.record_id
                           WHERE y.batch_id = ? AND y.voided_at IS NULL AND x.kind = 'change' GROUP BY x.record_id)
            """, arguments: [batchID]) {
            let status = IdentificationStatus(rawValue: row["status"]).map(IdentificationRules.resulting)
            statuses["\(code)/\(row["tag"] as String)"] = status?.rawValue
        }
        return statuses
    }
}
