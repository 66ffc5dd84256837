import Foundation
import GRDB

/// An account row. The password hash never leaves the core.
struct UserAccount: Codable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "app_user"

    var id: Int64?
    var name: String
    /// The canonical form every comparison of names uses (``UserName/key(_:)``); unique.
    var nameKey: String
    var role: Role
    var passwordHash: String
    var status: Status
    var failedLogins: Int
    var lockedUntil: String?
    var createdAt: String
    var passwordChangedAt: String

    enum Status: String, Codable { case active, disabled }

    enum CodingKeys: String, CodingKey {
        case id, name, role, status
        case nameKey = "name_key"
        case passwordHash = "password_hash", failedLogins = "failed_logins", lockedUntil = "locked_until"
        case createdAt = "created_at", passwordChangedAt = "password_changed_at"
    }

    enum Columns {
        static let name = Column(CodingKeys.name)
        static let nameKey = Column(CodingKeys.nameKey)
        static let role = Column(CodingKeys.role)
        static let status = Column(CodingKeys.status)
    }

    mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }

    var actor: Actor { Actor(userID: id ?? 0, name: name, role: role) }

    static func named(_ name: String, in db: Database) throws -> UserAccount? {
        try UserAccount.filter(Columns.nameKey == UserName.key(name)).fetchOne(db)
    }
}

/// What anyone allowed to manage accounts sees of one.
public struct UserSummary: Sendable, Codable, Equatable {
    public var name: String
    public var role: Role
    public var status: String
    public var lockedUntil: String?
    public var createdAt: String
    public var activeSessions: Int

    enum CodingKeys: String, CodingKey {
        case name, role, status
        case lockedUntil = "locked_until", createdAt = "created_at", activeSessions = "active_sessions"
    }
}
