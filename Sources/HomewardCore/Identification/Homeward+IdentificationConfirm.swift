import Foundation
import GRDB

extension Homeward {
    /// Confirms the record's pending identification proposal (four-eyes). A coordinator who
    /// is not the proposer and has not confirmed it yet adds one confirmation; the last one
    /// needed (``IdentificationRules/confirmationsNeeded(_:)``) puts the identification into
    /// effect and resolves the linked inquiry, in the same IMMEDIATE transaction.
    ///
    /// - Parameter proposal: the proposal the confirmer reviewed; when another one is pending
    ///   now, nothing is confirmed.
    /// - Throws: ``AccessError/fourEyes(_:)`` for the proposer or a second confirmation by one
    ///   person (audited as denied); ``CaseworkError/changedMeanwhile(_:)`` when the record's
    ///   status or confirmed link changed since the proposal, or it is already in effect.
    public func confirmIdentification(_ actor: Actor, record text: String, proposal expected: Int64? = nil,
                                      note: String? = nil) throws -> IdentificationConfirmed {
        let address = try RecordAddress.parse(text)
        let action = "ident.confirm"
        try authorize(actor, .confirmIdentification, action: action, entityType: "returned_record", entityID: address.description)
        return try recordingFailure(action, by: actor, entityType: "returned_record", entityID: address.description) {
            try auditingRefusal(action, by: actor, entityID: address.description) {
                let note = try FreeText.checked("note", note, limit: 4000)
                return try write { db in
                    let row = try recordRow(actor, address, in: db)
                    try Self.requireLive(row, doing: "confirmed")
                    let record = "\(row["code"] as String)/\(row["tag"] as String)"
                    let ledger = try IdentificationLedger.load(recordID: row["id"], kind: RecordKind(rawValue: row["kind"]) ?? .remains, in: db)
                    let proposal = try Self.confirmableProposal(ledger, record: record, expected: expected)
                    let confirmations = ledger.confirmations(of: proposal)
                    if proposal.actorID == actor.userID {
                        throw AccessError.fourEyes("you proposed this identification of \(record); a coordinator other than you must confirm it")
                    }
                    if confirmations.contains(where: { $0.actorID == actor.userID }) {
                        throw AccessError.fourEyes(
                            "you already confirmed this identification of \(record); the next confirmation must come from another coordinator")
                    }
                    let method = proposal.method ?? .other
                    let needed = IdentificationRules.confirmationsNeeded(method)
                    let count = confirmations.count + 1
                    let stamp = Timestamp.text(now)
                    let base = IdentificationStep(method: proposal.method, evidence: proposal.evidence)
                    var confirming = base
                    confirming.note = note
                    try Self.appendEvent(recordID: ledger.recordID, kind: .confirmation, status: proposal.status, proposalID: proposal.id,
                                         step: confirming, linkID: proposal.linkID, actor: actor, at: stamp, in: db)
                    var details = ["proposal": String(proposal.id), "confirmations": String(count), "needed": String(needed),
                                   "method": method.rawValue, "in_effect": String(count >= needed)]
                    var moved: InquiryMove?
                    if count >= needed {
                        try Self.appendEvent(recordID: ledger.recordID, kind: .change, status: proposal.status, proposalID: proposal.id,
                                             step: base, linkID: proposal.linkID, actor: actor, at: stamp, in: db)
                        if let linkID = proposal.linkID {
                            moved = try Self.resolveInquiry(linkID: linkID, record: record, at: stamp, in: db)
                        }
                        details["from"] = ledger.status.rawValue
                        details["to"] = proposal.status.rawValue
                    }
                    if let moved { details.merge(moved.auditDetails) { $1 } }
                    try audit(AuditEntry(action: action, entityType: "returned_record", entityID: record, details: details), by: actor, in: db)
                    return IdentificationConfirmed(
                        record: record, proposalID: proposal.id, confirmations: count, needed: needed, inEffect: count >= needed,
                        status: (count >= needed ? proposal.status : ledger.status).rawValue,
                        inquiry: moved?.reference, inquiryStatus: moved?.to)
                }
            }
        }
    }

    /// The newest proposal, if it can still be confirmed; otherwise why not.
    private static func confirmableProposal(_ ledger: IdentificationLedger, record: String, expected: Int64?) throws -> IdentificationEvent {
        guard let proposal = ledger.latestProposal else {
            throw CaseworkError.invalidTransition(
                "\(record) has no identification proposal to confirm; propose one with 'homeward ident set \(record) identified --method M'")
        }
        if let expected, expected != proposal.id {
            // A number that was never a proposal of this record is a mistake, not a race.
            guard ledger.events.contains(where: { $0.kind == .proposal && $0.id == expected }) else {
                throw CaseworkError.invalidTransition(
                    "\(record) has no proposal \(expected); its pending proposal is \(proposal.id) by \(proposal.actorName) ('homeward ident history \(record)')")
            }
            throw CaseworkError.changedMeanwhile(
                "proposal \(expected) of \(record) is no longer the newest; \(proposal.actorName) proposed \(proposal.id) at \(proposal.at) — review that one ('homeward ident history \(record)')")
        }
        switch ledger.staleness(of: proposal) {
        case nil:
            return proposal
        case let .inEffect(change)?:
            throw CaseworkError.changedMeanwhile(
                "the identification of \(record) proposed by \(proposal.actorName) is already in effect (confirmed by \(change.actorName) at \(change.at)); nothing to confirm")
        case let .statusChanged(change)?:
            throw CaseworkError.changedMeanwhile(
                "\(record) became \(IdentificationRules.resulting(change.status).rawValue) (by \(change.actorName) at \(change.at)) after the proposal by \(proposal.actorName); the proposal is stale, propose again if it still holds")
        case let .linkChanged(now)?:
            let was = proposal.linkID.map { "link \($0)" } ?? "no link"
            let isNow = now.map { "link \($0)" } ?? "none"
            throw CaseworkError.changedMeanwhile(
                "the confirmed link of \(record) changed since the proposal by \(proposal.actorName) (\(was), now \(isNow)); the proposal is stale, propose again if it still holds")
        }
    }
}
