import Foundation
import GRDB

/// Filters for ``Homeward/auditLog(_:filter:)``.
public struct AuditFilter: Sendable {
    public var actor: String?
    /// An exact action ("user.add"), a group ending in a dot ("user."), or a word that is
    /// either ("user": the action `user` or the group `user.`).
    public var action: String?
    /// Events at or after this instant (ISO 8601 date or date-time).
    public var since: Date?
    public var limit: Int?

    public init(actor: String? = nil, action: String? = nil, since: Date? = nil, limit: Int? = nil) {
        self.actor = actor
        self.action = action
        self.since = since
        self.limit = limit
    }
}

/// The outcome of recomputing the whole chain.
public struct AuditVerification: Sendable, Equatable {
    public var eventCount: Int
    public var headSeq: Int64
    /// Hex SHA-256 of the newest event: record it elsewhere to detect later truncation.
    public var headHash: String
    /// The first sequence number at which the chain breaks, and why; nil when intact.
    public var firstBroken: (seq: Int64, reason: String)?

    public var isIntact: Bool { firstBroken == nil }

    public init(eventCount: Int, headSeq: Int64, headHash: String, firstBroken: (seq: Int64, reason: String)?) {
        self.eventCount = eventCount
        self.headSeq = headSeq
        self.headHash = headHash
        self.firstBroken = firstBroken
    }

    public static func == (lhs: Self, rhs: Self) -> Bool {
        lhs.eventCount == rhs.eventCount && lhs.headSeq == rhs.headSeq && lhs.headHash == rhs.headHash
            && lhs.firstBroken?.seq == rhs.firstBroken?.seq && lhs.firstBroken?.reason == rhs.firstBroken?.reason
    }
}

/// The head `audit verify` prints, `SEQ:HASH`, as given back to detect removed newest events.
public enum AuditHead {
    /// The sequence number and hex hash of `text`, or nil when it is not `SEQ:HASH` with a
    /// positive number and 64 hex digits.
    public static func parse(_ text: String) -> (seq: Int64, hash: String)? {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].allSatisfy(\.isASCII), let seq = Int64(parts[0]), seq >= 1, parts[1].count == 64,
              parts[1].allSatisfy({ $0.isASCII && $0.isHexDigit }) else { return nil }
        return (seq, String(parts[1]))
    }
}

extension Homeward {
    /// Audit events, newest last. Coordinators see only their own; admins and auditors all.
    public func auditLog(_ actor: Actor, filter: AuditFilter = AuditFilter()) throws -> [AuditEvent] {
        var filter = filter
        if !actor.may(.readAllAudit) {
            try authorize(actor, .readOwnAudit, action: "audit.log")
            // Asking for someone else's events is refused as such, not answered with one's own.
            if let asked = filter.actor, UserName.key(asked) != UserName.key(actor.name) {
                try authorize(actor, .readAllAudit, action: "audit.log", entityType: "user", entityID: asked)
            }
            filter.actor = actor.name
        }
        return try read { db in
            var request = AuditEvent.all()
            if let name = filter.actor {
                request = request.filter(AuditEvent.Columns.actorName.collating(.nocase) == name)
            }
            if let action = filter.action {
                // A group is a literal prefix: '%' and '_' in it match only themselves. A word
                // without the dot is the action itself or its group ("export" finds export.json).
                request = action.hasSuffix(".")
                    ? request.filter(sql: "action LIKE ? ESCAPE '\\'", arguments: [LikePattern.prefix(action)])
                    : request.filter(sql: "(action = ? OR action LIKE ? ESCAPE '\\')", arguments: [action, LikePattern.prefix(action + ".")])
            }
            if let since = filter.since {
                request = request.filter(AuditEvent.Columns.at >= Timestamp.text(since))
            }
            if let limit = filter.limit {
                // The newest `limit` events, still printed oldest first.
                let newest = try request.order(AuditEvent.Columns.seq.desc).limit(limit).fetchAll(db)
                return newest.reversed()
            }
            return try request.order(AuditEvent.Columns.seq).fetchAll(db)
        }
    }

    /// Recomputes the hash chain from the first event and names the first broken link.
    ///
    /// A row altered, removed or moved breaks the chain at (or just after) its sequence number.
    /// Removing the newest rows leaves a shorter valid chain: compare ``AuditVerification/headHash``
    /// with a copy kept elsewhere to catch that.
    ///
    /// - Parameter expectedHead: a head printed by an earlier verification (sequence number and
    ///   hex hash); the trail must still contain that event with that hash.
    public func verifyAudit(_ actor: Actor, expectedHead: (seq: Int64, hash: String)? = nil) throws -> AuditVerification {
        try authorize(actor, .verifyAudit, action: "audit.verify")
        let result = try read { db in
            var result = try Self.verifyChain(db)
            if result.firstBroken == nil, let expectedHead {
                let stored = try Data.fetchOne(db, sql: "SELECT hash FROM audit_event WHERE seq = ?", arguments: [expectedHead.seq])
                if stored == nil {
                    result.firstBroken = (expectedHead.seq, "event \(expectedHead.seq), seen earlier, is missing: the newest events were removed")
                } else if let stored, hexString(stored) != expectedHead.hash.lowercased() {
                    result.firstBroken = (expectedHead.seq, "event \(expectedHead.seq) no longer has the hash recorded earlier: the chain was rewritten")
                }
            }
            return result
        }
        try write { db in
            try audit(
                AuditEntry(
                    action: "audit.verify", outcome: result.isIntact ? .ok : .failed,
                    details: ["events": String(result.eventCount), "broken_at": result.firstBroken.map { String($0.seq) } ?? ""]),
                by: actor, in: db)
        }
        return result
    }

    static func verifyChain(_ db: Database) throws -> AuditVerification {
        var expectedSeq: Int64 = 1
        var previousHash = AuditChain.genesis
        var count = 0
        var broken: (Int64, String)?
        let cursor = try AuditEvent.order(AuditEvent.Columns.seq).fetchCursor(db)
        while let event = try cursor.next() {
            count += 1
            if broken == nil {
                if event.seq != expectedSeq {
                    broken = (expectedSeq, "event \(expectedSeq) is missing (next found is \(event.seq))")
                } else if event.prevHash != previousHash {
                    broken = (event.seq, "event \(event.seq) does not follow event \(event.seq - 1) (previous-hash link differs)")
                } else if AuditChain.hash(of: event) != event.hash {
                    broken = (event.seq, "event \(event.seq) was altered (its hash does not match its contents)")
                }
            }
            previousHash = event.hash
            expectedSeq = event.seq + 1
        }
        return AuditVerification(
            eventCount: count, headSeq: expectedSeq - 1,
            headHash: hexString(previousHash),
            firstBroken: broken)
    }
}
