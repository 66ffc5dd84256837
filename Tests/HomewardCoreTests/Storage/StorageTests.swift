import Foundation
import GRDB
import Testing
@testable import HomewardCore

@Suite struct StorageTests {
    @Test func fileIsCreatedOwnerOnlyWithTheConfiguredPragmas() throws {
        let folder = try TemporaryFolder()
        let path = folder.path("nested/db.sqlite")
        let homeward = try Homeward.open(path: path, create: true, environment: testEnvironment())
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
        let folderAttributes = try FileManager.default.attributesOfItem(atPath: folder.path("nested"))
        #expect((folderAttributes[.posixPermissions] as? Int) == 0o700)
        let pragmas = try homeward.writer.read { db in
            (try Int.fetchOne(db, sql: "PRAGMA synchronous"), try String.fetchOne(db, sql: "PRAGMA journal_mode"),
             try Int.fetchOne(db, sql: "PRAGMA foreign_keys"))
        }
        #expect(pragmas.0 == 2)
        #expect(pragmas.1 == "wal")
        #expect(pragmas.2 == 1)
        // The writer too: GRDB turns it to NORMAL (1) when the pool opens in WAL mode.
        #expect(try homeward.writer.writeWithoutTransaction { try Int.fetchOne($0, sql: "PRAGMA synchronous") } == 2)
    }

    @Test func missingFileIsNotCreatedUnlessAsked() throws {
        let folder = try TemporaryFolder()
        #expect(throws: StorageError.notInitialised(path: folder.path("none.sqlite"))) {
            try Homeward.open(path: folder.path("none.sqlite"))
        }
        #expect(!FileManager.default.fileExists(atPath: folder.path("none.sqlite")))
    }

    @Test func databaseOfANewerSchemaIsRefused() throws {
        let queue = try DatabaseQueue()
        _ = try Homeward(writer: queue, environment: testEnvironment())
        try queue.write { db in
            try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('9999_from_the_future')")
        }
        #expect(throws: StorageError.newerSchema(path: ":memory:")) {
            try Homeward(writer: queue, environment: testEnvironment())
        }
    }

    @Test func strictTablesRefuseValuesOutsideTheirChecks() throws {
        let (homeward, _) = try makeHomeward()
        #expect(throws: DatabaseError.self) {
            try homeward.writer.write { try $0.execute(sql: "UPDATE app_user SET role = 'superuser'") }
        }
        #expect(throws: DatabaseError.self) {
            try homeward.writer.write { try $0.execute(sql: "UPDATE app_user SET failed_logins = 'many'") }
        }
    }

    @Test func checkReportsHealthAndBackupMakesAVerifiedPrivateCopy() throws {
        let folder = try TemporaryFolder()
        let homeward = try Homeward.open(path: folder.path("db.sqlite"), create: true, environment: testEnvironment())
        try homeward.initialise(adminName: "alice", password: adminPassword)
        let admin = try homeward.login(name: "alice", password: adminPassword).actor
        let check = try homeward.checkDatabase(admin)
        #expect(check.isHealthy)
        #expect(check.appliedMigrations.last == Migrations.latest)
        let target = folder.path("backup.sqlite")
        _ = try homeward.backup(admin, to: target)
        let attributes = try FileManager.default.attributesOfItem(atPath: target)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
        let copy = try Homeward.open(path: target, environment: testEnvironment())
        _ = try copy.login(name: "alice", password: adminPassword)
        #expect(throws: StorageError.backupTargetExists(path: target)) { try homeward.backup(admin, to: target) }
    }
}
