import Foundation
import GRDB

extension Homeward {
    /// A returned record's identification history, oldest first: every change, proposal and
    /// confirmation with who wrote it and when. Volunteers read only records of their batches.
    public func identificationHistory(_ actor: Actor, record text: String) throws -> [IdentificationEventView] {
        let address = try RecordAddress.parse(text)
        try authorize(actor, .readBatches, action: "ident.history", entityType: "returned_record", entityID: address.description)
        return try auditingRefusal("ident.history", by: actor, entityID: address.description) {
            try read { db in
                let row = try recordRow(actor, address, in: db)
                let ledger = try IdentificationLedger.load(recordID: row["id"], kind: RecordKind(rawValue: row["kind"]) ?? .remains, in: db)
                return Self.historyViews(ledger, record: "\(row["code"] as String)/\(row["tag"] as String)")
            }
        }
    }

    static func historyViews(_ ledger: IdentificationLedger, record: String) -> [IdentificationEventView] {
        ledger.events.map { event in
            IdentificationEventView(
                id: event.id, record: record, at: event.at, by: event.actorName, kind: event.kind.rawValue, status: event.status.rawValue,
                method: event.method?.rawValue, evidence: event.evidence, note: event.note, via: event.via?.rawValue,
                proposalID: event.proposalID, linkID: event.linkID)
        }
    }

    /// The current status, what may follow it, and the proposal waiting for confirmation.
    static func identificationSummary(_ ledger: IdentificationLedger, record: String) -> IdentificationSummary {
        let pending = ledger.pendingProposal.map { proposal in
            let confirmations = ledger.confirmations(of: proposal)
            return PendingProposalView(
                id: proposal.id, status: proposal.status.rawValue, method: (proposal.method ?? .other).rawValue,
                evidence: proposal.evidence, proposedBy: proposal.actorName, proposedAt: proposal.at, linkID: proposal.linkID,
                confirmedBy: confirmations.map(\.actorName), confirmations: confirmations.count,
                needed: IdentificationRules.confirmationsNeeded(proposal.method ?? .other))
        }
        return IdentificationSummary(
            record: record, status: ledger.status.rawValue,
            next: IdentificationRules.next(ledger.kind, from: ledger.status).map(\.rawValue), pendingProposal: pending)
    }

    /// The record-level links of a returned record, best score first: who it may be (or is),
    /// through which inquiry. No inquirer details: only the reference and the person's name.
    static func recordLinks(recordID: Int64, in db: Database) throws -> [LinkView] {
        try Row.fetchAll(db, sql: "\(linkSelect) WHERE l.record_id = ? ORDER BY l.state = 'confirmed' DESC, l.score DESC, l.id",
                         arguments: [recordID]).map(linkView)
    }
}
