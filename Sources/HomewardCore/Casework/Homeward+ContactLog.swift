import Foundation
import GRDB

extension Homeward {
    /// Records one contact with the family of an inquiry (coordinators only).
    ///
    /// The audit event names the channel and outcome, never the note: the note is what the
    /// family said, and the trail records that a contact happened, not its content.
    public func recordContact(_ actor: Actor, reference text: String, channel: ContactChannel, note: String,
                              outcome: ContactOutcome? = nil) throws -> ContactRecorded {
        let reference = try InquiryReference.parse(text)
        try authorize(actor, .editCases, action: "inquiry.contact", entityType: "inquiry", entityID: reference.description)
        return try recordingFailure("inquiry.contact", by: actor, entityType: "inquiry", entityID: reference.description) {
            guard let note = try FreeText.checked("note", note, limit: 4000) else {
                throw CaseworkError.invalid([FieldProblem(field: "note", message: "required; say what was said or sent")])
            }
            return try write { db in
                guard let current = try InquiryRow.fetch(reference, in: db) else { throw CaseworkError.noSuchInquiry(reference.description) }
                if current.status == "merged" {
                    let into: String = current.row["merged_into_reference"] ?? "the inquiry it was merged into"
                    throw CaseworkError.invalidTransition("\(reference) is merged into \(into); record the contact on \(into)")
                }
                let stamp = Timestamp.text(now)
                try db.execute(sql: """
                    INSERT INTO inquiry_contact (inquiry_id, channel, outcome, note, contacted_at, recorded_by)
                    VALUES (?, ?, ?, ?, ?, ?)
                    """, arguments: [current.inquiryID, channel.rawValue, outcome?.rawValue, note, stamp, actor.userID])
                let count = try Int.fetchOne(db, sql: "SELECT count(*) FROM inquiry_contact WHERE inquiry_id = ?",
                                             arguments: [current.inquiryID]) ?? 0
                var details = ["channel": channel.rawValue]
                if let outcome { details["outcome"] = outcome.rawValue }
                try audit(AuditEntry(action: "inquiry.contact", entityType: "inquiry", entityID: reference.description,
                                     details: details), by: actor, in: db)
                return ContactRecorded(reference: reference.description, channel: channel.rawValue, outcome: outcome?.rawValue,
                                       at: stamp, contactCount: count)
            }
        }
    }

    /// An inquiry's contact log, newest first.
    static func contactLog(inquiryID: Int64, in db: Database) throws -> [ContactEntry] {
        try Row.fetchAll(db, sql: """
            SELECT c.channel, c.outcome, c.note, c.contacted_at, u.name
            FROM inquiry_contact c JOIN app_user u ON u.id = c.recorded_by
            WHERE c.inquiry_id = ? ORDER BY c.id DESC
            """, arguments: [inquiryID]).map { row in
            ContactEntry(at: row["contacted_at"], by: row["name"], channel: row["channel"], outcome: row["outcome"], note: row["note"])
        }
    }
}
