import Foundation
import GRDB

/// The case tracker: one database and one method per use case.
///
/// Every method that reads or changes casework takes the acting user and checks the role
/// matrix itself (``Permission``), so no front can forget a check. Every change is written
/// with its audit event in one transaction.
public final class Homeward: Sendable {
    let writer: any DatabaseWriter
    let environment: HomewardEnvironment
    /// Where the database lives, for messages; ":memory:" for in-memory databases.
    public let path: String
    /// The file's permissions when it was opened with more than owner read and write (they
    /// have been tightened to 0600 since); nil when they were right.
    public let loosePermissions: UInt16?

    /// Opens a database and brings its schema up to date.
    ///
    /// - Throws: ``StorageError/newerSchema(path:)`` when the file was written by a newer homeward.
    /// - Throws: ``StorageError/foreignDatabase(path:tables:creating:)`` when the file holds
    ///   tables homeward did not create: it is never migrated into.
    public init(writer: any DatabaseWriter, path: String = ":memory:", environment: HomewardEnvironment = .live,
                loosePermissions: UInt16? = nil, creating: Bool = false) throws {
        self.writer = writer
        self.environment = environment
        self.path = path
        self.loosePermissions = loosePermissions
        let migrator = Migrations.migrator
        if try writer.read({ try migrator.hasBeenSuperseded($0) }) {
            throw StorageError.newerSchema(path: path)
        }
        try writer.read { db in try Self.refuseForeign(db, path: path, creating: creating) }
        try migrator.migrate(writer)
    }

    /// Refuses a file that is not homeward's to migrate: any file with tables homeward did
    /// not create when `init` is to create a database, and a file with tables but no homeward
    /// migrations otherwise. (Extra tables in a homeward database are `db check`'s to report.)
    static func refuseForeign(_ db: Database, path: String, creating: Bool) throws {
        // An existing homeward database is not compared here (that is `db check`'s work), so
        // opening one costs no reference migration.
        guard try creating || !db.tableExists("grdb_migrations") else { return }
        guard try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_schema WHERE type = 'table'") ?? 0 > 0 else { return }
        let foreign = try SchemaCheck.foreignTables(db)
        if !foreign.isEmpty { throw StorageError.foreignDatabase(path: path, tables: foreign.count, creating: creating) }
    }

    /// A fresh in-memory database, for tests and dry runs.
    public static func inMemory(environment: HomewardEnvironment = .live) throws -> Homeward {
        try Homeward(writer: DatabaseQueue(), environment: environment)
    }

    var now: Date { environment.now() }

    /// Runs `body` in one IMMEDIATE transaction, so concurrent processes queue on the write
    /// lock up front instead of failing halfway through.
    @discardableResult
    func write<T>(_ body: (Database) throws -> T) throws -> T {
        try mapStorage {
            try writer.writeWithoutTransaction { db in
                var result: T?
                try db.inTransaction(.immediate) {
                    result = try body(db)
                    return .commit
                }
                guard let result else { throw StorageError.busy }
                return result
            }
        }
    }

    func read<T>(_ body: (Database) throws -> T) throws -> T {
        try mapStorage { try writer.read(body) }
    }

    /// ``mapBusy(_:)``, and a damaged, full, read-only or failing file as the
    /// ``StorageError`` that names it.
    func mapStorage<T>(_ body: () throws -> T) throws -> T {
        do {
            return try Self.mapBusy(body)
        } catch let error as DatabaseError {
            throw StorageError.from(error, path: path) ?? error
        }
    }

    static func mapBusy<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as DatabaseError where error.resultCode == .SQLITE_BUSY || error.resultCode == .SQLITE_LOCKED {
            throw StorageError.busy
        }
    }
}
