import Foundation
import GRDB

extension Homeward {
    /// Everything that happened to one inquiry, oldest first: when it was received, edits (by
    /// field name), status changes, merges, contacts with the family, matching, candidate
    /// links and their decisions, the identification steps of the records its person was
    /// confirmed as, and family reports exported.
    ///
    /// Coordinators and auditors only. Read from the audit trail (events that succeeded) and
    /// the history tables, in one read transaction. No contact details and no free text.
    ///
    /// - Throws: ``CaseworkError/malformedReference(_:)`` (usage), a failed check letter or
    ///   ``CaseworkError/noSuchInquiry(_:)`` (bad input), ``AccessError/denied(role:permission:)``.
    public func inquiryHistory(_ actor: Actor, reference text: String) throws -> [InquiryHistoryEntry] {
        let reference = try InquiryReference.parse(text)
        try authorize(actor, .readCaseHistory, action: "inquiry.history", entityType: "inquiry", entityID: reference.description)
        return try read { db in
            guard let inquiry = try InquiryRow.fetch(reference, in: db) else { throw CaseworkError.noSuchInquiry(reference.description) }
            var timeline = InquiryTimeline(reference: reference.description, inquiryID: inquiry.inquiryID, personID: inquiry.personID)
            try timeline.addReceived(inquiry, in: db)
            try timeline.addCandidates(in: db)
            try timeline.addIdentifications(in: db)
            try timeline.addAuditEvents(in: db)
            try timeline.addContacts(in: db)
            timeline.addUnauditedDecisions()
            return timeline.ordered
        }
    }
}
