import Foundation
import GRDB

/// Appends events to the trail inside the caller's transaction.
enum AuditTrail {
    /// Appends one event chained to the current head. Must run inside a write transaction
    /// (an IMMEDIATE one, so no other process can append between reading the head and writing).
    @discardableResult
    static func append(_ entry: AuditEntry, actor: Actor?, actorName: String? = nil, at date: Date, in db: Database) throws -> AuditEvent {
        let head = try Row.fetchOne(db, sql: "SELECT seq, hash FROM audit_event ORDER BY seq DESC LIMIT 1")
        let previousSeq: Int64 = head?["seq"] ?? 0
        let previousHash: Data = head?["hash"] ?? AuditChain.genesis
        var event = AuditEvent(
            seq: previousSeq + 1,
            at: Timestamp.text(date),
            actorID: actor?.userID,
            actorName: AuditValue.cleaned(optional: actor?.name ?? actorName, limit: AuditValue.nameLimit),
            action: AuditValue.cleaned(entry.action, limit: AuditValue.nameLimit),
            entityType: AuditValue.cleaned(optional: entry.entityType, limit: AuditValue.nameLimit),
            entityID: try entry.entityID.map { try AuditValue.entity($0, in: db) },
            outcome: entry.outcome,
            details: encode(entry.details),
            prevHash: previousHash,
            hash: Data())
        event.hash = AuditChain.hash(of: event)
        try event.insert(db)
        return event
    }

    /// The details as a JSON object, every key and value cleaned and capped.
    static func encode(_ details: [String: String]) -> String {
        var cleaned = [String: String]()
        for (key, value) in details {
            cleaned[AuditValue.cleaned(key, limit: AuditValue.nameLimit)] = AuditValue.cleaned(value, limit: AuditValue.detailLimit)
        }
        let details = cleaned
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(details) else { return "{}" }
        return String(decoding: data, as: UTF8.self)
    }
}
