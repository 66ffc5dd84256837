import Foundation
import GRDB

/// One stored row of `identification_event`, with the name of who wrote it.
struct IdentificationEvent: Sendable, Equatable {
    var id: Int64
    var kind: IdentificationEventKind
    var status: IdentificationStatus
    var proposalID: Int64?
    var method: IdentificationMethod?
    var evidence: String?
    var note: String?
    var via: NotificationChannel?
    var linkID: Int64?
    var actorID: Int64
    var actorName: String
    var at: String

    init(_ row: Row) {
        id = row["id"]
        kind = IdentificationEventKind(rawValue: row["kind"]) ?? .change
        status = IdentificationStatus(rawValue: row["status"]) ?? .received
        proposalID = row["proposal_id"]
        method = (row["method"] as String?).flatMap(IdentificationMethod.init)
        evidence = row["evidence"]
        note = row["note"]
        via = (row["notified_via"] as String?).flatMap(NotificationChannel.init)
        linkID = row["link_id"]
        actorID = row["actor_id"]
        actorName = row["actor_name"]
        at = row["at"]
    }
}

/// A record's identification as its history says: the current status and the newest proposal.
/// Read inside the transaction that changes it, so the check and the write see one state.
struct IdentificationLedger: Sendable {
    let recordID: Int64
    let kind: RecordKind
    let events: [IdentificationEvent]
    /// The record's confirmed link now, if any.
    let confirmedLinkID: Int64?

    static func load(recordID: Int64, kind: RecordKind, in db: Database) throws -> IdentificationLedger {
        let events = try Row.fetchAll(db, sql: """
            SELECT e.*, u.name AS actor_name FROM identification_event e JOIN app_user u ON u.id = e.actor_id
            WHERE e.record_id = ? ORDER BY e.id
            """, arguments: [recordID]).map(IdentificationEvent.init)
        return IdentificationLedger(recordID: recordID, kind: kind, events: events,
                                    confirmedLinkID: try confirmedLink(recordID: recordID, in: db))
    }

    static func confirmedLink(recordID: Int64, in db: Database) throws -> Int64? {
        try Int64.fetchOne(db, sql: "SELECT id FROM link WHERE record_id = ? AND state = 'confirmed'", arguments: [recordID])
    }

    /// The status of a record without loading its whole history (the newest change decides).
    static func currentStatus(recordID: Int64, kind: RecordKind, in db: Database) throws -> IdentificationStatus {
        let stored = try String.fetchOne(db, sql: """
            SELECT status FROM identification_event WHERE record_id = ? AND kind = 'change' ORDER BY id DESC LIMIT 1
            """, arguments: [recordID])
        return stored.flatMap(IdentificationStatus.init).map(IdentificationRules.resulting) ?? IdentificationRules.initial(kind)
    }

    /// The newest change: what set the current status.
    var lastChange: IdentificationEvent? { events.last { $0.kind == .change } }

    var status: IdentificationStatus {
        lastChange.map { IdentificationRules.resulting($0.status) } ?? IdentificationRules.initial(kind)
    }

    /// The newest proposal, pending or not.
    var latestProposal: IdentificationEvent? { events.last { $0.kind == .proposal } }

    func confirmations(of proposal: IdentificationEvent) -> [IdentificationEvent] {
        events.filter { $0.kind == .confirmation && $0.proposalID == proposal.id }
    }

    /// Why the newest proposal can no longer be confirmed, or nil while it is pending.
    enum Staleness: Equatable {
        /// Its confirmations were complete: it is in effect (the change that did it).
        case inEffect(IdentificationEvent)
        /// The status changed after it was proposed (the first such change).
        case statusChanged(IdentificationEvent)
        /// The record's confirmed link is no longer the one it was proposed with.
        case linkChanged(now: Int64?)
    }

    func staleness(of proposal: IdentificationEvent) -> Staleness? {
        if let change = events.first(where: { $0.kind == .change && $0.id > proposal.id }) {
            return change.proposalID == proposal.id ? .inEffect(change) : .statusChanged(change)
        }
        if proposal.linkID != confirmedLinkID { return .linkChanged(now: confirmedLinkID) }
        return nil
    }

    /// The day (YYYY-MM-DD) the identification now in effect took effect, from a record's
    /// `change` events in order: the first identifying change (identified, identity verified)
    /// since which every change kept the record identified (notified, released); nil when the
    /// record is not identified now.
    static func identifiedSince(_ changes: some Sequence<(status: IdentificationStatus, at: String)>) -> String? {
        var since: String?
        var last: IdentificationStatus?
        for change in changes {
            switch change.status {
            case .identified, .identityVerified: since = since ?? String(change.at.prefix(10))
            case .familyNotified, .releasedToFamily: break
            default: since = nil
            }
            last = IdentificationRules.resulting(change.status)
        }
        guard let last, IdentificationRules.identifiedStatuses.contains(last) else { return nil }
        return since
    }

    /// The newest proposal while it can still be confirmed.
    var pendingProposal: IdentificationEvent? {
        guard let proposal = latestProposal, staleness(of: proposal) == nil else { return nil }
        return proposal
    }
}
