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

    /// Runs one audited use case so that the trail says what happened: the body records its
    /// own `ok` event in the transaction of the change, and when it throws, a `failed` event
    /// is appended with the kind of the failure (never its message, which may quote input).
    /// Access failures are audited where they are decided and are not recorded twice.
    ///
    /// - Parameter recording: false for dry runs, which change nothing and so leave no event.
    /// - Parameter details: recorded with the failure's reason (e.g. a report's format and
    ///   language), as the event of a success would record them.
    func recordingFailure<T>(_ action: String, by actor: Actor?, entityType: String? = nil, entityID: String? = nil,
                             details: [String: String] = [:], recording: Bool = true, _ body: () throws -> T) throws -> T {
        guard recording else { return try body() }
        do {
            return try body()
        } catch let error as AccessError {
            // Refusals and credential failures are audited where they are decided.
            throw error
        } catch {
            let kind = (error as? any HomewardFailure)?.kind.auditName ?? "internal"
            // A busy database cannot take the event either; the error itself still reaches the user.
            try? write { db in
                let entity = try entityID.map { entityType == "user" ? try AuditValue.userName($0, in: db) : $0 }
                try audit(AuditEntry(action: action, entityType: entityType, entityID: entity, outcome: .failed,
                                     details: details.merging(["reason": kind]) { _, reason in reason }), by: actor, in: db)
            }
            throw error
        }
    }
}

extension FailureKind {
    /// The kind as the audit trail records it.
    var auditName: String {
        switch self {
        case .usage: "usage"
        case .badInput: "bad_input"
        case .missingInput: "missing_input"
        case .unavailable: "unavailable"
        case .cannotCreateOutput: "cannot_create_output"
        case .io: "io_error"
        case .accessDenied: "access_denied"
        }
    }
}
