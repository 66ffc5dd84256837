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
