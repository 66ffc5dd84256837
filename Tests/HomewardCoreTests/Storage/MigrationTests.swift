import Foundation
import GRDB
import Testing
@testable import HomewardCore

/// Databases made by earlier releases (migrations up to 0002, 0003, 0004) open and upgrade.
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

    @Test func aReleaseThreeDatabaseUpgradesKeepingItsRecords() throws {
        let folder = try TemporaryFolder()
        let path = folder.path("release3.sqlite")
        let old = try DatabaseQueue(path: path)
        try Migrations.migrator.migrate(old, upTo: "0003_hardening")
        try old.write { db in
            try db.execute(sql: """
                INSERT INTO database_identity (singleton, id, created_at, audit_key)
                VALUES (1, '0123456789abcdef0123456789abcdef', 't', randomblob(32));
                INSERT INTO app_user (name, name_key, role, password_hash, created_at, password_changed_at)
                VALUES ('Olena', 'olena', 'coordinator', '$argon2id$v=19$x', 't', 't');
                INSERT INTO batch (code, kind, date, created_at, created_by) VALUES ('B-2025-001', 'remains', '2025-06-01', 't', 1);
                INSERT INTO returned_record (batch_id, tag, kind, sex, created_at) VALUES (1, 'T-1', 'remains', 'male', 't');
                """)
        }
        try old.close()
        let homeward = try Homeward.open(path: path, environment: testEnvironment())
        let (tags, links, events) = try homeward.writer.read { db in
            (try String.fetchAll(db, sql: "SELECT tag FROM returned_record"),
             try Int.fetchOne(db, sql: "SELECT count(*) FROM link"),
             try Int.fetchOne(db, sql: "SELECT count(*) FROM identification_event"))
        }
        #expect(tags == ["T-1"])
        #expect(links == 0)
        #expect(events == 0)
        #expect(try homeward.writer.read { db in try Migrations.migrator.appliedIdentifiers(db) }.contains("0004_matching"))
    }

    @Test func aReleaseFourDatabaseUpgradesKeepingItsLinksAndGainsSettings() throws {
        let folder = try TemporaryFolder()
        let path = folder.path("release4.sqlite")
        let old = try DatabaseQueue(path: path)
        try Migrations.migrator.migrate(old, upTo: "0004_matching")
        try old.write { db in
            try db.execute(sql: """
                INSERT INTO database_identity (singleton, id, created_at, audit_key)
                VALUES (1, '0123456789abcdef0123456789abcdef', 't', randomblob(32));
                INSERT INTO app_user (name, name_key, role, password_hash, created_at, password_changed_at)
                VALUES ('olena', 'olena', 'admin', '$argon2id$v=19$x', 't', 't');
                INSERT INTO batch (code, kind, date, created_at, created_by) VALUES ('B-2025-001', 'remains', '2025-06-01', 't', 1);
                INSERT INTO returned_record (batch_id, tag, kind, sex, created_at) VALUES (1, 'T-1', 'remains', 'male', 't');
                """)
        }
        try old.close()
        let homeward = try Homeward.open(path: path, environment: testEnvironment())
        let (tags, settings) = try homeward.writer.read { db in
            (try String.fetchAll(db, sql: "SELECT tag FROM returned_record"),
             try Int.fetchOne(db, sql: "SELECT count(*) FROM setting"))
        }
        #expect(tags == ["T-1"])
        #expect(settings == 0)
        #expect(try homeward.writer.read { db in try Migrations.migrator.appliedIdentifiers(db) }.contains("0005_reports"))
    }

    @Test func aReleaseFiveDatabaseUpgradesKeepingItsPersonsAndGainsTheBirthIndex() throws {
        let folder = try TemporaryFolder()
        let path = folder.path("release5.sqlite")
        let old = try DatabaseQueue(path: path)
        try Migrations.migrator.migrate(old, upTo: "0005_reports")
        try old.write { db in
            try db.execute(sql: """
                INSERT INTO database_identity (singleton, id, created_at, audit_key)
                VALUES (1, '0123456789abcdef0123456789abcdef', 't', randomblob(32));
                INSERT INTO person (family_name, given_name, family_name_latin, given_name_latin, sex, date_of_birth,
                    last_known_region, last_seen_from, last_seen_to, created_at, updated_at)
                VALUES ('Шевченко', 'Олексій', 'Shevchenko', 'Oleksii', 'male', '1994-03-02', 'UA-14', '2024-01-01', '2024-01-01', 't', 't');
                """)
        }
        try old.close()
        let homeward = try Homeward.open(path: path, environment: testEnvironment())
        let (persons, index) = try homeward.writer.read { db in
            (try Int.fetchOne(db, sql: "SELECT count(*) FROM person WHERE date_of_birth = '1994-03-02'"),
             try String.fetchOne(db, sql: "SELECT name FROM sqlite_master WHERE type = 'index' AND name = 'person_by_birth'"))
        }
        #expect(persons == 1)
        #expect(index == "person_by_birth")
        #expect(try homeward.writer.read { db in try Migrations.migrator.appliedIdentifiers(db) }.contains("0006_import"))
    }
}
