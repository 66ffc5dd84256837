import Foundation
import GRDB

/// How an identification moved the inquiry its link was made through.
struct InquiryMove: Sendable, Equatable {
    var reference: String
    var from: String
    var to: String

    var auditDetails: [String: String] {
        ["inquiry": reference, "inquiry_from": from, "inquiry_to": to]
    }
}

extension Homeward {
    /// The inquiry a link was made through, or the inquiry it has since been merged into
    /// (which now speaks for the same person).
    static func linkedInquiry(linkID: Int64, in db: Database) throws -> (id: Int64, reference: String, status: String)? {
        guard let row = try Row.fetchOne(db, sql: """
            SELECT coalesce(m.id, i.id) AS id, coalesce(m.reference, i.reference) AS reference, coalesce(m.status, i.status) AS status
            FROM link l JOIN inquiry i ON i.id = l.inquiry_id LEFT JOIN inquiry m ON m.id = i.merged_into_id
            WHERE l.id = ?
            """, arguments: [linkID]) else { return nil }
        return (row["id"], row["reference"], row["status"])
    }

    /// An identification in effect resolves the linked inquiry (an open or linked one; a
    /// withdrawn inquiry stays withdrawn). Returns the move, or nil when nothing moved.
    static func resolveInquiry(linkID: Int64, record: String, at stamp: String, in db: Database) throws -> InquiryMove? {
        guard let inquiry = try linkedInquiry(linkID: linkID, in: db), ["open", "linked"].contains(inquiry.status) else { return nil }
        try db.execute(sql: "UPDATE inquiry SET status = 'resolved', status_reason = ?, updated_at = ? WHERE id = ?",
                       arguments: ["identified as \(record)", stamp, inquiry.id])
        return InquiryMove(reference: inquiry.reference, from: inquiry.status, to: "resolved")
    }

    /// A revoked identification returns a resolved inquiry to `linked`: its link is still confirmed.
    static func unresolveInquiry(linkID: Int64, record: String, at stamp: String, in db: Database) throws -> InquiryMove? {
        guard let inquiry = try linkedInquiry(linkID: linkID, in: db), inquiry.status == "resolved" else { return nil }
        try db.execute(sql: "UPDATE inquiry SET status = 'linked', status_reason = ?, updated_at = ? WHERE id = ?",
                       arguments: ["identification as \(record) revoked", stamp, inquiry.id])
        return InquiryMove(reference: inquiry.reference, from: "resolved", to: "linked")
    }
}
