import Foundation
import GRDB

/// How an audited attempt ended.
public enum AuditOutcome: String, Sendable, Codable, CaseIterable {
    case ok, denied, failed
}

/// One row of the append-only audit trail.
public struct AuditEvent: Sendable, Codable, Equatable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "audit_event"

    public var seq: Int64
    public var at: String
    public var actorID: Int64?
    public var actorName: String?
    public var action: String
    public var entityType: String?
    public var entityID: String?
    public var outcome: AuditOutcome
    /// A JSON object of what changed; personal data is named, never copied.
    public var details: String
    public var prevHash: Data
    public var hash: Data

    enum CodingKeys: String, CodingKey {
        case seq, at, action, outcome, details, hash
        case actorID = "actor_id", actorName = "actor_name", entityType = "entity_type"
        case entityID = "entity_id", prevHash = "prev_hash"
    }

    /// The event's hash in lower-case hex, as `audit verify` prints heads.
    public var hashHex: String { hexString(hash) }
    public var prevHashHex: String { hexString(prevHash) }

    public enum Columns {
        public static let seq = Column(CodingKeys.seq)
        public static let at = Column(CodingKeys.at)
        public static let actorName = Column(CodingKeys.actorName)
        public static let action = Column(CodingKeys.action)
    }
}

/// What a service asks the trail to record; sequence, time and hashes are added on append.
struct AuditEntry {
    var action: String
    var entityType: String?
    var entityID: String?
    var outcome: AuditOutcome = .ok
    var details: [String: String] = [:]
}

/// One audit event as it is shown (`audit log --json`, the API): hashes in hex, details as
/// the object they were stored as.
public struct AuditEventView: Sendable, Codable, Equatable {
    public var seq: Int64
    public var at: String
    public var actor: String?
    public var action: String
    public var entityType: String?
    public var entityID: String?
    public var outcome: AuditOutcome
    /// Every stored value is text; a details text that is not such an object (only a
    /// tampered database has one) is kept whole under `raw`.
    public var details: [String: String]
    public var prevHash: String
    public var hash: String

    public init(_ event: AuditEvent) {
        seq = event.seq
        at = event.at
        actor = event.actorName
        action = event.action
        entityType = event.entityType
        entityID = event.entityID
        outcome = event.outcome
        details = (try? JSONDecoder().decode([String: String].self, from: Data(event.details.utf8))) ?? ["raw": event.details]
        prevHash = event.prevHashHex
        hash = event.hashHex
    }

    enum CodingKeys: String, CodingKey {
        case seq, at, actor, action, outcome, details, hash
        case entityType = "entity_type", entityID = "entity_id", prevHash = "prev_hash"
    }
}
