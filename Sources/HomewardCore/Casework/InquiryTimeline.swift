import Foundation
import GRDB

/// Collects the entries of one inquiry's history from the tables and the audit trail, then
/// puts them in order. Each `add…` reads one source; all run in one read transaction.
///
/// Entries of one instant keep the order the sources are added in, which is the order of
/// cause and effect: received, candidates, identification steps, audited actions (an
/// identification's effect on the inquiry), contacts, decisions only the link rows hold.
struct InquiryTimeline {
    let reference: String
    let inquiryID: Int64
    let personID: Int64
    private var items: [(entry: InquiryHistoryEntry, order: Int)] = []
    /// The links of the inquiry and of its person (read first: audit events refer to them).
    private(set) var links: [Int64: LinkRow] = [:]
    /// Links whose confirmation or rejection the audit trail holds, so the link row does not
    /// add it a second time.
    var auditedDecisions: Set<LinkDecision> = []

    struct LinkDecision: Hashable {
        let link: Int64
        let state: String
    }

    /// A stored link as the timeline needs it.
    struct LinkRow {
        let id: Int64
        let recordID: Int64?
        /// `CODE/TAG`, or the batch code for a batch-level link.
        let target: String
        let state: String
        let score: Double
        let createdAt: String
        let creator: String?
        let scoredAt: String
        let decidedAt: String?
        let decider: String?
        /// Rejected because its record was voided, not by a decision about the person.
        let withdrawnByVoid: Bool
        /// Confirmed at some time, as the audit trail says (it may have been rejected since).
        let confirmedOnce: Bool
    }

    init(reference: String, inquiryID: Int64, personID: Int64) {
        self.reference = reference
        self.inquiryID = inquiryID
        self.personID = personID
    }

    /// The entries oldest first; entries of one instant keep the order they were added in.
    var ordered: [InquiryHistoryEntry] {
        items.sorted { ($0.entry.at, $0.order) < ($1.entry.at, $1.order) }.map(\.entry)
    }

    mutating func add(_ entry: InquiryHistoryEntry) {
        items.append((entry, items.count))
    }

    static func score(_ value: Double) -> String { String(format: "%.2f", value) }

    // MARK: - Sources

    /// When the inquiry was logged, and by whom: the `inquiry.add` event, else the import
    /// whose issued references cover this one.
    mutating func addReceived(_ inquiry: InquiryRow, in db: Database) throws {
        var by: String?
        var seq: Int64?
        var how = "logged"
        if let event = try Row.fetchOne(db, sql: """
            SELECT seq, actor_name FROM audit_event
            WHERE action = 'inquiry.add' AND entity_type = 'inquiry' AND entity_id = ? AND outcome = 'ok' ORDER BY seq LIMIT 1
            """, arguments: [reference]) {
            (by, seq) = (event["actor_name"], event["seq"])
        } else if let parsed = try? InquiryReference.parse(reference) {
            let imports = try Row.fetchAll(db, sql: """
                SELECT seq, actor_name, json_extract(details, '$.references') AS issued FROM audit_event
                WHERE action = 'inquiry.import' AND outcome = 'ok' ORDER BY seq
                """)
            if let event = imports.first(where: { Self.covers(($0["issued"] as String?) ?? "", parsed) }) {
                (by, seq, how) = (event["actor_name"], event["seq"], "imported")
            }
        }
        let received: String = inquiry.row["received_on"]
        let channel: String = inquiry.row["channel"]
        add(InquiryHistoryEntry(
            at: inquiry.row["created_at"], by: by, kind: .received,
            summary: "inquiry received \(received) (\(channel)), \(how)",
            details: ["received_on": received, "channel": channel, "language": inquiry.row["language"], "how": how], auditSeq: seq))
    }

    /// Whether an import's `references` detail ("HW-2025-000001..000100,…") covers `reference`.
    static func covers(_ issued: String, _ reference: InquiryReference) -> Bool {
        issued.split(separator: ",").contains { range in
            let parts = range.split(separator: "-")
            guard parts.count == 3, Int(parts[1]) == reference.year else { return false }
            let bounds = parts[2].split(separator: ".", omittingEmptySubsequences: true).compactMap { Int($0) }
            guard bounds.count == 2 else { return false }
            return bounds[0] <= reference.number && reference.number <= bounds[1]
        }
    }

    /// Contacts with the family: channel and outcome, never the note.
    mutating func addContacts(in db: Database) throws {
        for row in try Row.fetchAll(db, sql: """
            SELECT c.channel, c.outcome, c.contacted_at, u.name FROM inquiry_contact c LEFT JOIN app_user u ON u.id = c.recorded_by
            WHERE c.inquiry_id = ? ORDER BY c.id
            """, arguments: [inquiryID]) {
            let channel: String = row["channel"]
            let outcome: String? = row["outcome"]
            var details = ["channel": channel]
            if let outcome { details["outcome"] = outcome }
            add(InquiryHistoryEntry(at: row["contacted_at"], by: row["name"], kind: .contact,
                                    summary: "contact by \(channel)" + (outcome.map { ": \($0.replacingOccurrences(of: "_", with: " "))" } ?? ""),
                                    details: details))
        }
    }

    /// The links of the inquiry and its person (an inquiry merged into another shares that
    /// person's links), each as proposed (score as last computed), oldest first.
    mutating func addCandidates(in db: Database) throws {
        for row in try Row.fetchAll(db, sql: """
            SELECT l.id, l.record_id, l.state, l.score, l.created_at, l.scored_at, l.decided_at,
                   coalesce(l.decision_reason LIKE 'record voided: %', 0) AS by_void, b.code, r.tag,
                   c.name AS creator, d.name AS decider,
                   EXISTS (SELECT 1 FROM audit_event a WHERE a.action = 'link.confirm' AND a.outcome = 'ok'
                           AND a.entity_type = 'link' AND a.entity_id = CAST(l.id AS TEXT)) AS confirmed_once
            FROM link l JOIN batch b ON b.id = l.batch_id LEFT JOIN returned_record r ON r.id = l.record_id
            LEFT JOIN app_user c ON c.id = l.created_by LEFT JOIN app_user d ON d.id = l.decided_by
            WHERE l.person_id = ? OR l.inquiry_id = ? ORDER BY l.id
            """, arguments: [personID, inquiryID]) {
            let code: String = row["code"]
            let link = LinkRow(
                id: row["id"], recordID: row["record_id"], target: (row["tag"] as String?).map { "\(code)/\($0)" } ?? code,
                state: row["state"], score: row["score"], createdAt: row["created_at"], creator: row["creator"],
                scoredAt: row["scored_at"], decidedAt: row["decided_at"], decider: row["decider"], withdrawnByVoid: row["by_void"],
                confirmedOnce: row["confirmed_once"])
            links[link.id] = link
            let what = link.recordID == nil ? "candidate batch \(link.target)" : "candidate \(link.target)"
            var details = ["link": String(link.id), "target": link.target, "score": Self.score(link.score), "state": link.state]
            if link.scoredAt != link.createdAt { details["scored_at"] = link.scoredAt }
            add(InquiryHistoryEntry(at: link.createdAt, by: link.creator, kind: .candidate,
                                    summary: "\(what) proposed, link \(link.id) (score \(Self.score(link.score)))", details: details))
        }
    }

    /// Decisions on links that the audit trail does not hold: a candidate withdrawn because
    /// its record was voided. Runs after ``addAuditEvents(in:)``.
    mutating func addUnauditedDecisions() {
        for link in links.values.sorted(by: { $0.id < $1.id }) {
            guard link.state != "candidate", let decided = link.decidedAt,
                  !auditedDecisions.contains(LinkDecision(link: link.id, state: link.state)) else { continue }
            let summary = link.withdrawnByVoid
                ? "link \(link.id) withdrawn: \(link.target) was voided"
                : "link \(link.id) \(link.state): \(link.target)"
            add(InquiryHistoryEntry(at: decided, by: link.decider, kind: .link, summary: summary,
                                    details: ["link": String(link.id), "target": link.target, "state": link.state]))
        }
    }

    /// The identification history of every record the person is or was confirmed as. For a
    /// record whose link was rejected since, only the steps up to the rejection: what followed
    /// concerns someone else.
    mutating func addIdentifications(in db: Database) throws {
        for link in links.values.sorted(by: { $0.id < $1.id }) {
            guard let recordID = link.recordID, link.state == "confirmed" || link.confirmedOnce else { continue }
            let until = link.state == "confirmed" ? nil : link.decidedAt
            for row in try Row.fetchAll(db, sql: """
                SELECT e.id, e.kind, e.status, e.proposal_id, e.method, e.notified_via, e.at, u.name
                FROM identification_event e LEFT JOIN app_user u ON u.id = e.actor_id
                WHERE e.record_id = ? AND (? IS NULL OR e.at <= ?) ORDER BY e.id
                """, arguments: [recordID, until, until]) {
                add(Self.identificationEntry(row, record: link.target))
            }
        }
    }

    static func identificationEntry(_ row: Row, record: String) -> InquiryHistoryEntry {
        let kind: String = row["kind"]
        let status: String = row["status"]
        let method: String? = row["method"]
        let via: String? = row["notified_via"]
        let proposal: Int64? = row["proposal_id"]
        var details = ["record": record, "event": String(row["id"] as Int64), "step": kind, "status": status]
        if let method { details["method"] = method }
        if let via { details["via"] = via }
        if let proposal { details["proposal"] = String(proposal) }
        let summary: String
        switch kind {
        case "proposal":
            summary = "\(record): \(status) proposed" + (method.map { " (\($0))" } ?? "") + ", proposal \(row["id"] as Int64)"
        case "confirmation":
            summary = "\(record): proposal \(proposal.map(String.init) ?? "?") confirmed"
        default:
            var text = "\(record): \(status)"
            if status == "revoked" { text += ", back to examination" }
            if let proposal { text += " in effect (proposal \(proposal))" } else if let method { text += " (\(method))" }
            if let via { text += " via \(via.replacingOccurrences(of: "_", with: " "))" }
            summary = text
        }
        return InquiryHistoryEntry(at: row["at"], by: row["name"], kind: .identification, summary: summary, details: details)
    }
}
