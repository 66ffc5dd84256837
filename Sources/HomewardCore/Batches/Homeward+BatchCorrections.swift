import Foundation
import GRDB

extension Homeward {
    /// Corrects a batch's counts, regions, transfer point, agreement or sources. Each changed
    /// field is kept in the batch's history (old and new value, who, when, why); values given
    /// that equal the stored ones change nothing.
    public func updateBatch(_ actor: Actor, code text: String, changes: BatchChanges) throws -> BatchUpdated {
        let code = try BatchCode.parse(text)
        try authorize(actor, .recordBatches, action: "batch.update", entityType: "batch", entityID: code)
        return try recordingFailure("batch.update", by: actor, entityType: "batch", entityID: code) {
            var problems = [FieldProblem]()
            for (field, count) in [("received", changes.received), ("handed-over", changes.handedOver)] {
                if let number = count?.value, !(0...Self.largestBatch).contains(number) {
                    problems.append(FieldProblem(field: field, message: "\(number) is not a count from 0 to \(Self.largestBatch); write unknown if it is not known"))
                }
            }
            var regions: [String]?
            if let names = changes.regions {
                var codes = [String]()
                for name in names.flatMap({ $0.split(separator: ",").map(String.init) }) where !Cell.trimmed(name).isEmpty {
                    do {
                        let code = try RegionDirectory.standard.resolve(name).code
                        if !codes.contains(code) { codes.append(code) }
                    } catch {
                        problems.append(FieldProblem(field: "regions", message: error.localizedDescription))
                    }
                }
                if codes.isEmpty && problems.allSatisfy({ $0.field != "regions" }) {
                    problems.append(FieldProblem(field: "regions", message: "a batch needs at least one recovery region, e.g. --regions Donetsk,Luhansk"))
                }
                regions = codes.sorted()
            }
            let transferPoint = changes.transferPoint.map { FreeText.check("transfer-point", $0, into: &problems) }
            let agreement = changes.agreement.map { FreeText.check("agreement", $0, into: &problems) }
            func parsedSources(_ cells: [String]) -> [BatchSource] {
                cells.compactMap { cell in
                    switch BatchSource.parse(cell) {
                    case let .success(source):
                        _ = FreeText.check("source", source.text, limit: 4000, into: &problems)
                        _ = FreeText.check("source", source.saidBy, into: &problems)
                        return source
                    case let .failure(problem):
                        problems.append(problem)
                        return nil
                    }
                }
            }
            let replacedSources = changes.sources.map(parsedSources)
            let addedSources = parsedSources(changes.addedSources)
            let reason = FreeText.check("reason", changes.reason, limit: 4000, into: &problems)
            guard problems.isEmpty else { throw CaseworkError.invalid(problems) }

            return try write { db in
                // Old values are read inside the write transaction: the history's "old" is what was replaced.
                guard let row = try Row.fetchOne(db, sql: "SELECT * FROM batch WHERE code = ?", arguments: [code]) else {
                    throw CaseworkError.noSuchBatch(code)
                }
                let batchID: Int64 = row["id"]
                let storedRegions = try String.fetchAll(db, sql: "SELECT region FROM batch_region WHERE batch_id = ? ORDER BY region",
                                                        arguments: [batchID])
                let storedSources = try Row.fetchAll(db, sql: "SELECT text, said_by, said_on FROM batch_source WHERE batch_id = ? ORDER BY id",
                                                     arguments: [batchID])
                    .map { BatchSource(text: $0["text"], saidBy: $0["said_by"], saidOn: ($0["said_on"] as String?).flatMap(CalendarDate.init)) }
                var newSources = replacedSources ?? storedSources
                newSources += addedSources

                var changed = [(field: String, old: String?, new: String?)]()
                func compare(_ field: String, _ old: String?, _ new: String?) {
                    if old != new { changed.append((field, old, new)) }
                }
                if let received = changes.received {
                    compare("received_count", (row["received_count"] as Int?).map(String.init), received.value.map(String.init))
                }
                if let handedOver = changes.handedOver {
                    compare("handed_over_count", (row["handed_over_count"] as Int?).map(String.init), handedOver.value.map(String.init))
                }
                if let regions { compare("regions", storedRegions.joined(separator: ","), regions.joined(separator: ",")) }
                if let transferPoint { compare("transfer_point", row["transfer_point"], transferPoint) }
                if let agreement { compare("agreement", row["agreement"], agreement) }
                if newSources != storedSources {
                    compare("sources", Self.sourcesText(storedSources), Self.sourcesText(newSources))
                }
                guard !changed.isEmpty else { return BatchUpdated(code: code, changed: [], warnings: []) }

                let stamp = Timestamp.text(now)
                for change in changed {
                    switch change.field {
                    case "received_count":
                        try db.execute(sql: "UPDATE batch SET received_count = ? WHERE id = ?", arguments: [changes.received?.value, batchID])
                    case "handed_over_count":
                        try db.execute(sql: "UPDATE batch SET handed_over_count = ? WHERE id = ?", arguments: [changes.handedOver?.value, batchID])
                    case "transfer_point":
                        try db.execute(sql: "UPDATE batch SET transfer_point = ? WHERE id = ?", arguments: [change.new, batchID])
                    case "agreement":
                        try db.execute(sql: "UPDATE batch SET agreement = ? WHERE id = ?", arguments: [change.new, batchID])
                    case "regions":
                        try db.execute(sql: "DELETE FROM batch_region WHERE batch_id = ?", arguments: [batchID])
                        for region in regions ?? [] {
                            try db.execute(sql: "INSERT INTO batch_region (batch_id, region) VALUES (?, ?)", arguments: [batchID, region])
                        }
                    default:
                        try db.execute(sql: "DELETE FROM batch_source WHERE batch_id = ?", arguments: [batchID])
                        for source in newSources {
                            try db.execute(sql: "INSERT INTO batch_source (batch_id, text, said_by, said_on) VALUES (?, ?, ?, ?)",
                                           arguments: [batchID, source.text, source.saidBy, source.saidOn?.description])
                        }
                    }
                    try db.execute(sql: """
                        INSERT INTO batch_change (batch_id, field, old_value, new_value, note, changed_at, changed_by)
                        VALUES (?, ?, ?, ?, ?, ?, ?)
                        """, arguments: [batchID, change.field, change.old, change.new, reason, stamp, actor.userID])
                }
                var warnings = [String]()
                let listed = try Int.fetchOne(db, sql: "SELECT count(*) FROM returned_record WHERE batch_id = ? AND voided_at IS NULL",
                                              arguments: [batchID]) ?? 0
                if changes.received != nil, let discrepancy = Self.countDiscrepancy(received: changes.received?.value, manifest: listed) {
                    warnings.append("\(code): \(discrepancy)")
                }
                // Field names only: sources and transfer points are public, but the trail records what changed, not to what.
                try audit(AuditEntry(action: "batch.update", entityType: "batch", entityID: code,
                                     details: ["changed": changed.map(\.field).joined(separator: ",")]), by: actor, in: db)
                return BatchUpdated(code: code, changed: changed.map(\.field), warnings: warnings)
            }
        }
    }

    /// Sources as one line of history: each as `WHO|DATE|TEXT` (or `TEXT`), in a JSON array.
    static func sourcesText(_ sources: [BatchSource]) -> String? {
        guard !sources.isEmpty else { return nil }
        let cells = sources.map { source in
            source.saidBy == nil && source.saidOn == nil
                ? source.text : "\(source.saidBy ?? "")|\(source.saidOn?.description ?? "")|\(source.text)"
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        return (try? encoder.encode(cells)).map { String(decoding: $0, as: UTF8.self) }
    }

    /// A batch's corrections, oldest first.
    static func batchChanges(batchID: Int64, in db: Database) throws -> [FieldChange] {
        try Row.fetchAll(db, sql: """
            SELECT c.field, c.old_value, c.new_value, c.note, c.changed_at, u.name
            FROM batch_change c JOIN app_user u ON u.id = c.changed_by
            WHERE c.batch_id = ? ORDER BY c.id
            """, arguments: [batchID]).map {
            FieldChange(field: $0["field"], oldValue: $0["old_value"], newValue: $0["new_value"], note: $0["note"],
                        at: $0["changed_at"], by: $0["name"])
        }
    }
}
