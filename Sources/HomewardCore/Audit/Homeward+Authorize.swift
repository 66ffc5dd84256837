import Foundation
import GRDB

extension Homeward {
    /// Checks the role matrix; a refusal is itself audited (in its own transaction, since the
    /// refused change never happens) and thrown as ``AccessError/denied(role:permission:)``.
    func authorize(_ actor: Actor, _ permission: Permission, action: String, entityType: String? = nil, entityID: String? = nil) throws {
        guard !actor.may(permission) else { return }
        try write { db in
            // A refused request may name any text as a user: keep only accounts' names.
            let entity = try entityID.map { entityType == "user" ? try AuditValue.userName($0, in: db) : $0 }
            let entry = AuditEntry(
                action: action, entityType: entityType, entityID: entity, outcome: .denied,
                details: ["role": actor.role.rawValue, "needs": permission.rawValue])
            try AuditTrail.append(entry, actor: actor, at: now, in: db)
        }
        throw AccessError.denied(role: actor.role, permission: permission)
    }

    /// Appends an event in the caller's transaction, stamped with the current time.
    func audit(_ entry: AuditEntry, by actor: Actor?, actorName: String? = nil, in db: Database) throws {
        try AuditTrail.append(entry, actor: actor, actorName: actorName, at: now, in: db)
    }
}
