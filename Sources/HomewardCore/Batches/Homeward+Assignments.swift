import Foundation
import GRDB

extension Homeward {
    /// Ends a volunteer's assignment to a batch: they no longer read it or work on its records.
    public func unassignBatch(_ actor: Actor, user name: String, code text: String) throws {
        let code = try BatchCode.parse(text)
        try authorize(actor, .manageUsers, action: "user.unassign", entityType: "user", entityID: name)
        try recordingFailure("user.unassign", by: actor, entityType: "user", entityID: name) {
            try write { db in
                let account = try existingAccount(name, in: db)
                guard let batchID = try Int64.fetchOne(db, sql: "SELECT id FROM batch WHERE code = ?", arguments: [code]) else {
                    throw CaseworkError.noSuchBatch(code)
                }
                try db.execute(sql: "DELETE FROM batch_assignment WHERE user_id = ? AND batch_id = ?", arguments: [account.id, batchID])
                guard db.changesCount > 0 else {
                    throw CaseworkError.invalidTransition("\(account.name) is not assigned to \(code); nothing to undo")
                }
                try audit(AuditEntry(action: "user.unassign", entityType: "user", entityID: account.name, details: ["batch": code]),
                          by: actor, in: db)
            }
        }
    }

    /// Only volunteers are assigned to batches; every other role reads all of them.
    static func requireVolunteer(_ account: UserAccount) throws {
        guard account.role == .volunteer else {
            throw CaseworkError.invalid([FieldProblem(
                field: "user",
                message: "\(account.name) is \(account.role == .admin || account.role == .auditor ? "an" : "a") \(account.role.rawValue); only volunteers are assigned to batches (other roles read every batch)")])
        }
    }
}
