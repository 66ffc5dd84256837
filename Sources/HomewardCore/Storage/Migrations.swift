import GRDB

/// The numbered SQL files of schema/, embedded in the binary, in the order they apply.
///
/// A shipped migration is never edited: a change to the schema is a new file and a new line here.
enum Migrations {
    static let all: [(identifier: String, sql: [UInt8])] = [
        ("0001_core", PackageResources._001_core_sql),
        ("0002_casework", PackageResources._002_casework_sql),
        ("0003_hardening", PackageResources._003_hardening_sql),
        ("0004_matching", PackageResources._004_matching_sql),
        ("0005_reports", PackageResources._005_reports_sql),
        ("0006_import", PackageResources._006_import_sql),
    ]

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        for migration in all {
            let sql = String(decoding: migration.sql, as: UTF8.self)
            migrator.registerMigration(migration.identifier) { db in
                try db.execute(sql: sql)
            }
        }
        return migrator
    }

    /// The identifier of the newest migration this build knows.
    static var latest: String { all.last?.identifier ?? "" }
}
