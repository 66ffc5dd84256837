import Foundation
import GRDB

extension Homeward {
    /// Stored links, filtered by batch, inquiry and state; newest batch first, then by record
    /// and score; an inquiry's links best first (record-level ones before batch-level ones).
    public func links(_ actor: Actor, batch batchText: String? = nil, inquiry inquiryText: String? = nil,
                      state: String? = nil) throws -> [LinkView] {
        let code = try batchText.map { try BatchCode.parse($0) }
        let reference = try inquiryText.map { try InquiryReference.parse($0) }
        if let state, !["candidate", "confirmed", "rejected"].contains(state) {
            throw CaseworkError.invalid([FieldProblem(field: "state", message: "must be candidate, confirmed or rejected")])
        }
        try authorize(actor, .readInquiries, action: "link.list")
        return try read { db in
            var conditions: [String] = []
            var arguments: [any DatabaseValueConvertible] = []
            if let code {
                guard try Bool.fetchOne(db, sql: "SELECT 1 FROM batch WHERE code = ?", arguments: [code]) ?? false else {
                    throw CaseworkError.noSuchBatch(code)
                }
                conditions.append("b.code = ?")
                arguments.append(code)
            }
            if let reference {
                guard let inquiry = try InquiryRow.fetch(reference, in: db) else { throw CaseworkError.noSuchInquiry(reference.description) }
                // Links are the person's: an inquiry merged into another shares them.
                conditions.append("l.person_id = ?")
                arguments.append(inquiry.personID)
            }
            if let state {
                conditions.append("l.state = ?")
                arguments.append(state)
            }
            let filter = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
            return try Row.fetchAll(db, sql: """
                \(Self.linkSelect) \(filter)
                ORDER BY \(reference == nil ? "b.date DESC, b.code, r.tag IS NOT NULL, r.tag, l.score DESC" : "l.record_id IS NULL, l.score DESC"), l.id
                """, arguments: StatementArguments(arguments)).map(Self.linkView)
        }
    }

    static let linkSelect = """
        SELECT l.*, b.code, r.tag, i.reference, p.family_name, p.given_name, p.patronymic, u.name AS decider
        FROM link l JOIN batch b ON b.id = l.batch_id LEFT JOIN returned_record r ON r.id = l.record_id
        JOIN inquiry i ON i.id = l.inquiry_id JOIN person p ON p.id = l.person_id
        LEFT JOIN app_user u ON u.id = l.decided_by
        """

    static func linkView(_ row: Row) -> LinkView {
        let code: String = row["code"]
        let reasons = (try? JSONDecoder().decode([String].self, from: Data((row["reasons"] as String).utf8))) ?? []
        return LinkView(
            id: row["id"], record: (row["tag"] as String?).map { "\(code)/\($0)" }, batch: code, reference: row["reference"],
            name: [row["family_name"], row["given_name"], row["patronymic"]].compactMap { $0 as String? }.joined(separator: " "),
            state: row["state"], score: row["score"], reasons: reasons, createdAt: row["created_at"], scoredAt: row["scored_at"],
            decidedAt: row["decided_at"], decidedBy: row["decider"], decisionReason: row["decision_reason"])
    }

    /// Confirms a candidate link: a person has checked it. The inquiry moves from `open` to
    /// `linked`. A record has at most one confirmed link, and a person is confirmed as at
    /// most one record; the matcher never calls this.
    public func confirmLink(_ actor: Actor, id: Int64) throws -> LinkDecided {
        try authorize(actor, .runMatching, action: "link.confirm", entityType: "link", entityID: String(id))
        return try recordingFailure("link.confirm", by: actor, entityType: "link", entityID: String(id)) {
            try write { db in
                let link = try Self.decidableLink(id, in: db)
                switch link["inquiry_status"] as String {
                case "withdrawn", "merged":
                    throw CaseworkError.invalidTransition(
                        "\(link["reference"] as String) is \(link["inquiry_status"] as String); nothing is confirmed for it (reopen it, or decide the link of the inquiry it was merged into)")
                default: break
                }
                guard link["consent_tracing"] as Bool else {
                    throw CaseworkError.invalidTransition(
                        "\(link["reference"] as String) has no consent for tracing; record the family's consent first (inquiry update --consent-tracing yes)")
                }
                if link["voided_at"] as String? != nil {
                    throw CaseworkError.invalidTransition("\(Self.address(link)) was voided; nobody can be confirmed as it")
                }
                if let recordID = link["record_id"] as Int64? {
                    if let other = try Row.fetchOne(db, sql: """
                        SELECT l.id, i.reference FROM link l JOIN inquiry i ON i.id = l.inquiry_id
                        WHERE l.record_id = ? AND l.state = 'confirmed'
                        """, arguments: [recordID]) {
                        throw CaseworkError.invalidTransition(
                            "\(Self.address(link)) already has a confirmed link (\(other["id"] as Int64), \(other["reference"] as String)); reject that one first")
                    }
                    if let other = try Row.fetchOne(db, sql: """
                        SELECT l.id, b.code || '/' || r.tag AS address FROM link l
                        JOIN returned_record r ON r.id = l.record_id JOIN batch b ON b.id = r.batch_id
                        WHERE l.person_id = ? AND l.state = 'confirmed' AND l.record_id IS NOT NULL
                        """, arguments: [link["person_id"] as Int64]) {
                        throw CaseworkError.invalidTransition(
                            "\(link["reference"] as String)'s person is already confirmed as \(other["address"] as String) (link \(other["id"] as Int64)); reject that link first")
                    }
                }
                let stamp = Timestamp.text(now)
                try db.execute(sql: "UPDATE link SET state = 'confirmed', decided_at = ?, decided_by = ? WHERE id = ? AND state = 'candidate'",
                               arguments: [stamp, actor.userID, id])
                let before: String = link["inquiry_status"]
                let after = before == "open" ? "linked" : before
                if after != before {
                    try db.execute(sql: "UPDATE inquiry SET status = 'linked', updated_at = ? WHERE id = ?",
                                   arguments: [stamp, link["inquiry_id"] as Int64])
                }
                try audit(AuditEntry(action: "link.confirm", entityType: "link", entityID: String(id), details: [
                    "target": Self.address(link), "inquiry": link["reference"], "from": before, "to": after,
                ]), by: actor, in: db)
                return LinkDecided(id: id, state: "confirmed", reference: link["reference"], inquiryStatus: after)
            }
        }
    }

    /// Rejects a link, with the reason (e.g. a DNA exclusion): matching never proposes the
    /// pair again. Rejecting a confirmed link undoes it; the inquiry goes back from `linked`
    /// to `open` when none of its person's links stays confirmed. Refused while the record is
    /// identified through the link: revoke the identification first.
    public func rejectLink(_ actor: Actor, id: Int64, reason text: String) throws -> LinkDecided {
        try authorize(actor, .runMatching, action: "link.reject", entityType: "link", entityID: String(id))
        return try recordingFailure("link.reject", by: actor, entityType: "link", entityID: String(id)) {
            guard let reason = try FreeText.checked("reason", text, limit: 4000) else {
                throw CaseworkError.invalid([FieldProblem(field: "reason", message: "required; say why the link is wrong (e.g. DNA exclusion)")])
            }
            return try write { db in
                let link = try Self.decidableLink(id, in: db, allowConfirmed: true)
                let wasConfirmed = link["state"] as String == "confirmed"
                if wasConfirmed, let recordID = link["record_id"] as Int64?, try Self.isIdentified(recordID: recordID, in: db) {
                    throw CaseworkError.invalidTransition(
                        "\(Self.address(link)) is identified through this link; revoke the identification first (homeward ident set \(Self.address(link)) revoked --note …)")
                }
                let stamp = Timestamp.text(now)
                try db.execute(sql: """
                    UPDATE link SET state = 'rejected', decided_at = ?, decided_by = ?, decision_reason = ? WHERE id = ?
                    """, arguments: [stamp, actor.userID, reason, id])
                let before: String = link["inquiry_status"]
                var after = before
                if wasConfirmed, before == "linked" {
                    let stillLinked = try Bool.fetchOne(db, sql: "SELECT 1 FROM link WHERE person_id = ? AND state = 'confirmed'",
                                                        arguments: [link["person_id"] as Int64]) ?? false
                    if !stillLinked {
                        after = "open"
                        try db.execute(sql: "UPDATE inquiry SET status = 'open', updated_at = ? WHERE id = ?",
                                       arguments: [stamp, link["inquiry_id"] as Int64])
                    }
                }
                try audit(AuditEntry(action: "link.reject", entityType: "link", entityID: String(id), details: [
                    "target": Self.address(link), "inquiry": link["reference"], "was": link["state"], "from": before, "to": after,
                ]), by: actor, in: db)
                return LinkDecided(id: id, state: "rejected", reference: link["reference"], inquiryStatus: after)
            }
        }
    }

    /// The link to decide, read inside the deciding transaction; a link someone else decided
    /// meanwhile is refused with who did it and when.
    private static func decidableLink(_ id: Int64, in db: Database, allowConfirmed: Bool = false) throws -> Row {
        guard let link = try Row.fetchOne(db, sql: """
            SELECT l.*, b.code, r.tag, r.voided_at, i.reference, i.status AS inquiry_status, i.consent_tracing, u.name AS decider
            FROM link l JOIN batch b ON b.id = l.batch_id LEFT JOIN returned_record r ON r.id = l.record_id
            JOIN inquiry i ON i.id = l.inquiry_id LEFT JOIN app_user u ON u.id = l.decided_by
            WHERE l.id = ?
            """, arguments: [id]) else { throw CaseworkError.noSuchLink(id) }
        let state: String = link["state"]
        if state == "rejected" || (state == "confirmed" && !allowConfirmed) {
            let who = (link["decider"] as String?).map { " by \($0)" } ?? ""
            let when = (link["decided_at"] as String?).map { " at \($0)" } ?? ""
            throw CaseworkError.changedMeanwhile("link \(id) is already \(state)\(who)\(when); nothing changed")
        }
        return link
    }

    private static func address(_ link: Row) -> String {
        let code: String = link["code"]
        return (link["tag"] as String?).map { "\(code)/\($0)" } ?? code
    }

    /// Whether the record's current identification status (derived from its history) says
    /// who it is: `identified` or later, or `identity_verified`.
    static func isIdentified(recordID: Int64, in db: Database) throws -> Bool {
        let kind = try String.fetchOne(db, sql: "SELECT kind FROM returned_record WHERE id = ?", arguments: [recordID])
            .flatMap(RecordKind.init) ?? .remains
        return IdentificationRules.identifiedStatuses.contains(try IdentificationLedger.currentStatus(recordID: recordID, kind: kind, in: db))
    }

    /// Saved links of an inquiry's person by kind and state.
    static func linkCounts(personID: Int64, in db: Database) throws -> LinkCounts {
        let row = try Row.fetchOne(db, sql: """
            SELECT count(*) FILTER (WHERE state = 'candidate' AND record_id IS NULL) AS batches,
                   count(*) FILTER (WHERE state = 'candidate' AND record_id IS NOT NULL) AS records,
                   count(*) FILTER (WHERE state = 'confirmed') AS confirmed,
                   count(*) FILTER (WHERE state = 'rejected') AS rejected
            FROM link WHERE person_id = ?
            """, arguments: [personID])
        return LinkCounts(candidateBatches: row?["batches"] ?? 0, candidateRecords: row?["records"] ?? 0,
                          confirmed: row?["confirmed"] ?? 0, rejected: row?["rejected"] ?? 0)
    }
}
