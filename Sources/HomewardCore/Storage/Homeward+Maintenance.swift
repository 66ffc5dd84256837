import Foundation
import GRDB

/// What `homeward db check` found.
public struct DatabaseCheck: Sendable, Codable, Equatable {
    /// "ok", or the problems SQLite's integrity check reported.
    public var integrity: [String]
    /// Rows whose foreign key points nowhere, as "table rowid → parent".
    public var foreignKeyViolations: [String]
    public var appliedMigrations: [String]
    public var latestKnownMigration: String
    public var auditEvents: Int
    public var auditIntact: Bool
    /// Tables, indexes, triggers and views missing, altered or foreign, compared with what the
    /// migrations create (a dropped append-only trigger shows here).
    public var schemaProblems: [String]
    /// The database file's permissions as found ("600"), or e.g. "644, tightened to 600".
    public var filePermissions: String

    public var isHealthy: Bool {
        integrity == ["ok"] && foreignKeyViolations.isEmpty && auditIntact
            && appliedMigrations.last == latestKnownMigration && schemaProblems.isEmpty
    }

    enum CodingKeys: String, CodingKey {
        case integrity
        case foreignKeyViolations = "foreign_key_violations", appliedMigrations = "applied_migrations"
        case latestKnownMigration = "latest_known_migration", auditEvents = "audit_events", auditIntact = "audit_intact"
        case schemaProblems = "schema_problems", filePermissions = "file_permissions"
    }
}

/// What `homeward db backup` wrote: the verified copy and its audit head.
public struct DatabaseBackup: Sendable, Equatable {
    /// The copy's checks, as `db check` would report them.
    public var check: DatabaseCheck
    /// The copy's newest audit event and its hex hash, as `audit verify` prints them.
    public var headSeq: Int64
    public var headHash: String
    /// Where the head was written: the backup's path with `.head` appended.
    public var headFile: String

    public static func headFile(for backup: String) -> String { backup + ".head" }

    /// Refuses a backup file name that leaves no room for SQLite's `NAME-journal` and the
    /// `NAME.head` beside it (both must fit a file name's 255 bytes), and a backup or head
    /// that exists: a backup never overwrites.
    ///
    /// - Returns: the head file's path.
    public static func checkTargets(for target: String) throws -> String {
        guard URL(fileURLWithPath: target).lastPathComponent.utf8.count <= 200 else {
            throw PrivateFileError.cannotCreate(path: target, reason: "the file name is longer than 200 bytes; choose a shorter one")
        }
        let headFile = headFile(for: target)
        for path in [target, headFile] {
            var existing = stat()
            guard lstat(path, &existing) != 0 else { throw StorageError.backupTargetExists(path: path) }
        }
        return headFile
    }
}

extension Homeward {
    /// Runs SQLite's integrity and foreign-key checks, reports the schema version, compares
    /// the schema with the migrations' and recomputes the audit chain.
    public func checkDatabase(_ actor: Actor) throws -> DatabaseCheck {
        try authorize(actor, .checkDatabase, action: "db.check")
        var check = try read { db in try Self.check(db) }
        if let loose = loosePermissions { check.filePermissions = "\(String(loose, radix: 8)), tightened to 600" }
        try write { db in
            try audit(AuditEntry(action: "db.check", outcome: check.isHealthy ? .ok : .failed), by: actor, in: db)
        }
        return check
    }

    static func check(_ db: Database) throws -> DatabaseCheck {
        let integrity = try String.fetchAll(db, sql: "PRAGMA integrity_check")
        let violations = try Row.fetchAll(db, sql: "PRAGMA foreign_key_check").map { row -> String in
            let table: String = row[0]
            let rowid: Int64? = row[1]
            let parent: String = row[2]
            return "\(table) row \(rowid.map(String.init) ?? "?") → \(parent)"
        }
        let applied = try Migrations.migrator.appliedIdentifiers(db).sorted()
        let chain = try verifyChain(db)
        return DatabaseCheck(
            integrity: integrity, foreignKeyViolations: violations, appliedMigrations: applied,
            latestKnownMigration: Migrations.latest, auditEvents: chain.eventCount, auditIntact: chain.isIntact,
            schemaProblems: try SchemaCheck.problems(db), filePermissions: "600")
    }

    /// Copies the database with SQLite's online backup into a new 0600 file, then opens the
    /// copy and checks it, and writes the copy's audit head beside it (`FILE.head`, a new 0600
    /// file holding `SEQ:HASH` and a newline) so the copy can later be checked against a head
    /// kept elsewhere. The source keeps serving other processes throughout.
    ///
    /// - Throws: ``StorageError/backupTargetExists(path:)`` rather than overwrite a file, the
    ///   backup's or its head's; nothing is written then.
    public func backup(_ actor: Actor, to target: String) throws -> DatabaseBackup {
        try authorize(actor, .backUpDatabase, action: "db.backup")
        let fileName = URL(fileURLWithPath: target).lastPathComponent
        // Audited once it is done (`ok`) or has failed (`failed` with the kind): the copy does
        // not hold its own event, the source does.
        let backup = try recordingFailure("db.backup", by: actor, entityType: "file", entityID: fileName) {
            try copyVerified(to: target)
        }
        try write { db in
            try audit(AuditEntry(action: "db.backup", entityType: "file", entityID: fileName,
                                 details: ["audit_events": String(backup.check.auditEvents), "head_seq": String(backup.headSeq)]),
                      by: actor, in: db)
        }
        return backup
    }

    private func copyVerified(to target: String) throws -> DatabaseBackup {
        let headFile = try DatabaseBackup.checkTargets(for: target)
        let folder = URL(fileURLWithPath: target).deletingLastPathComponent().path
        try PrivateFile.checkFolder(folder, for: .backup)
        let created = try PrivateFile.createEmpty(at: target, for: .backup)
        var headCreated = false
        do {
            let copy = try DatabaseQueue(path: target)
            try writer.backup(to: copy)
            // A self-contained single file: no -wal or -shm beside it.
            try copy.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA journal_mode = DELETE") }
            try copy.close()
            // SQLite opened the file by name: it must still be the one created above.
            try created.check(at: target)
            let verify = try DatabaseQueue(path: target, configuration: Self.readOnly)
            let (check, chain) = try verify.read { db in (try Self.check(db), try Self.verifyChain(db)) }
            let sourceEvents = try read { db in try AuditEvent.fetchCount(db) }
            try verify.close()
            guard check.integrity == ["ok"], check.auditIntact, check.auditEvents >= sourceEvents else {
                throw StorageError.backupVerificationFailed(path: target, reason: "copy does not pass its checks")
            }
            let head = try PrivateFile.createEmpty(at: headFile, for: .backup)
            headCreated = true
            try head.write(Data("\(chain.headSeq):\(chain.headHash)\n".utf8), path: headFile)
            try head.synchronize(path: headFile)
            try head.check(at: headFile)
            return DatabaseBackup(check: check, headSeq: chain.headSeq, headHash: chain.headHash, headFile: headFile)
        } catch let error as DatabaseError {
            try? FileManager.default.removeItem(atPath: target)
            if headCreated { try? FileManager.default.removeItem(atPath: headFile) }
            throw StorageError.backupVerificationFailed(path: target, reason: error.message ?? "\(error.resultCode)")
        } catch {
            try? FileManager.default.removeItem(atPath: target)
            if headCreated { try? FileManager.default.removeItem(atPath: headFile) }
            throw error
        }
    }

    static var readOnly: Configuration {
        var configuration = Configuration()
        configuration.readonly = true
        return configuration
    }
}
