import Foundation
import GRDB

extension Homeward {
    /// Statuses an inquiry may be reopened from: the ends a coordinator may have reached by mistake.
    static let reopenableStatuses: Set<String> = ["resolved", "withdrawn"]

    /// Reopens a resolved or withdrawn inquiry, with a reason; the inquiry is open again.
    ///
    /// A merged inquiry is refused: its person is the other inquiry's until it is unmerged.
    /// (When links exist, reopening an inquiry that still has a confirmed link should return
    /// it to `linked`; today every reopened inquiry is `open`.)
    @discardableResult
    public func reopenInquiry(_ actor: Actor, reference text: String, reason: String) throws -> String {
        let reference = try InquiryReference.parse(text)
        try authorize(actor, .editCases, action: "inquiry.reopen", entityType: "inquiry", entityID: reference.description)
        return try recordingFailure("inquiry.reopen", by: actor, entityType: "inquiry", entityID: reference.description) {
            guard let reason = try FreeText.checked("reason", reason, limit: 4000) else {
                throw CaseworkError.invalid([FieldProblem(field: "reason", message: "required; say why the inquiry is reopened")])
            }
            return try write { db in
                // The status is read inside the write transaction, so two coordinators cannot both reopen it.
                guard let current = try InquiryRow.fetch(reference, in: db) else { throw CaseworkError.noSuchInquiry(reference.description) }
                switch current.status {
                case "merged":
                    let into: String = current.row["merged_into_reference"] ?? "another inquiry"
                    throw CaseworkError.invalidTransition(
                        "\(reference) is merged into \(into); undo that with 'homeward inquiry unmerge \(reference)' instead of reopening")
                case let status where !Self.reopenableStatuses.contains(status):
                    throw CaseworkError.invalidTransition(
                        "\(reference) is \(status), not closed; only resolved or withdrawn inquiries can be reopened")
                default:
                    break
                }
                // An inquiry whose person has a confirmed link is linked again, not open: the
                // link stands until someone rejects it.
                let linked = try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM link WHERE inquiry_id = ? AND state = 'confirmed')",
                                               arguments: [current.inquiryID]) ?? false
                let status = linked ? "linked" : "open"
                try db.execute(sql: "UPDATE inquiry SET status = ?, status_reason = ?, updated_at = ? WHERE id = ?",
                               arguments: [status, reason, Timestamp.text(now), current.inquiryID])
                try audit(AuditEntry(action: "inquiry.reopen", entityType: "inquiry", entityID: reference.description,
                                     details: ["from": current.status, "to": status]), by: actor, in: db)
                return status
            }
        }
    }
}
