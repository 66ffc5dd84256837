import Foundation
import GRDB
import Testing
@testable import HomewardCore

/// A database made by the previous release (migrations up to 0002) opens and upgrades.
@Suite struct MigrationTests {
    @Test func aReleaseTwoDatabaseUpgradesKeepingItsRows() throws {
        let folder = try TemporaryFolder()
        let path = folder.path("old.sqlite")
        let old = try DatabaseQueue(path: path)
        try Migrations.migrator.migrate(old, upTo: "0002_casework")
        try old.write { db in
            try db.execute(sql: """
                INSERT INTO database_identity (singleton, id, created_at) VALUES (1, '0123456789abcdef0123456789abcdef', 't');
                INSERT INTO app_user (name, role, password_hash, created_at, password_changed_at)
                VALUES ('Olena', 'admin', '$argon2id$v=19$x', 't', 't'), ('олена', 'coordinator', '$argon2id$v=19$x', 't', 't'),
                       ('ОЛЕНА', 'auditor', '$argon2id$v=19$x', 't', 't');
                INSERT INTO batch (code, kind, date, created_at, created_by) VALUES ('B-2025-001', 'remains', '2025-06-01', 't', 1);
                INSERT INTO returned_record (batch_id, tag, kind, sex, created_at) VALUES (1, 'T-1', 'remains', 'male', 't');
                """)
        }
        try old.close()
        let homeward = try Homeward.open(path: path, environment: testEnvironment())
        let (keys, key, tags) = try homeward.writer.read { db in
            (try String.fetchAll(db, sql: "SELECT name_key FROM app_user ORDER BY id"),
             try Data.fetchOne(db, sql: "SELECT audit_key FROM database_identity"),
             try String.fetchAll(db, sql: "SELECT tag FROM returned_record"))
        }
        #expect(keys[0] == "olena")
        #expect(Set(keys).count == 3, "old names that SQLite folds alike still get distinct keys: \(keys)")
        #expect(key?.count == 32)
        #expect(tags == ["T-1"])
        #expect(try homeward.writer.read { db in try Migrations.migrator.appliedIdentifiers(db) }.contains(Migrations.latest))
    }
}
