import Foundation
import GRDB

extension Homeward {
    /// The page cache of every connection: 64 MiB (negative: KiB), allocated only as used.
    static let cacheSizePragma = -65_536

    /// Opens (and with `create`, creates) the database file at `path`.
    ///
    /// The file is created with mode 0600 before SQLite touches it, and only in a folder no one
    /// else can write (``PrivateFile``); an existing file in such a folder is refused too.
    /// Connections use WAL, foreign keys, `synchronous = FULL` and a patient busy handler
    /// (``WriterWait``) so several CLI processes can share one file while one of them imports.
    /// - Throws: ``StorageError/notInitialised(path:)`` when the file does not exist and
    ///   `create` is false.
    public static func open(path: String, create: Bool = false, environment: HomewardEnvironment = .live) throws -> Homeward {
        let manager = FileManager.default
        var loosePermissions: UInt16?
        if !manager.fileExists(atPath: path) {
            guard create else { throw StorageError.notInitialised(path: path) }
            try createPrivateFile(at: path)
        } else {
            // SQLite opens its -wal and -shm files by name beside the database on every open (the
            // peek below too), beside the real file when the path is a link, which could be swapped.
            let url = URL(fileURLWithPath: path)
            try PrivateFile.checkFolder(url.deletingLastPathComponent().path, for: .database)
            let real = url.resolvingSymlinksInPath().deletingLastPathComponent().path
            if real != url.deletingLastPathComponent().path { try PrivateFile.checkFolder(real, for: .database) }
            // Look before opening in WAL mode, which would already change the file.
            do {
                var peekConfiguration = readOnly
                // Even a read can meet a writer's lock (WAL recovery, a checkpoint): wait as writers do.
                peekConfiguration.busyMode = .callback(environment.writerWait.busyHandler())
                let peek = try DatabaseQueue(path: path, configuration: peekConfiguration)
                defer { try? peek.close() }
                try peek.read { db in try refuseForeign(db, path: path, creating: create) }
            } catch let error as DatabaseError where error.resultCode == .SQLITE_NOTADB {
                throw StorageError.cannotOpen(path: path, reason: "not a SQLite database")
            } catch let error as DatabaseError {
                throw StorageError.from(error, path: path) ?? error
            }
            loosePermissions = try tightenPermissions(of: path)
        }
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        configuration.busyMode = .callback(environment.writerWait.busyHandler())
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = FULL")
            // Bulk imports touch indexes all over the file; a 64 MiB page cache (allocated only
            // as used) keeps them from spilling to the WAL mid-transaction.
            try db.execute(sql: "PRAGMA cache_size = \(Homeward.cacheSizePragma)")
        }
        let pool: DatabasePool
        do {
            pool = try DatabasePool(path: path, configuration: configuration)
            // Once the pool is open GRDB sets its writer to `synchronous = NORMAL` (after
            // prepareDatabase ran), which leaves the newest commits to a power cut until the
            // next checkpoint: the writer, the one connection that commits, gets FULL back.
            try pool.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA synchronous = FULL") }
        } catch let error as DatabaseError {
            throw StorageError.from(error, path: path)
                ?? StorageError.cannotOpen(path: path, reason: error.message ?? "\(error.resultCode)")
        }
        do {
            return try Homeward(writer: pool, path: path, environment: environment, loosePermissions: loosePermissions, creating: create)
        } catch let error as DatabaseError where error.resultCode == .SQLITE_NOTADB {
            throw StorageError.cannotOpen(path: path, reason: "not a SQLite database")
        } catch let error as DatabaseError {
            throw StorageError.from(error, path: path) ?? error
        }
    }

    /// Creates the database at `path` with its first admin. A refused first admin (a weak
    /// password, a bad name) leaves no file behind when there was none before.
    public static func create(path: String, adminName: String, password: String,
                              environment: HomewardEnvironment = .live) throws -> Homeward {
        let existed = FileManager.default.fileExists(atPath: path)
        let homeward = try open(path: path, create: true, environment: environment)
        do {
            try homeward.initialise(adminName: adminName, password: password)
            return homeward
        } catch {
            if !existed {
                try? (homeward.writer as? DatabasePool)?.close()
                for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
            }
            throw error
        }
    }

    /// Creates an empty database file (mode 0600) in a folder no one else can write, and the
    /// folder itself (mode 0700) when missing. See ``PrivateFile`` for the rules.
    static func createPrivateFile(at path: String) throws {
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
        if !FileManager.default.fileExists(atPath: folder.path) {
            do {
                try FileManager.default.createDirectory(
                    at: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            } catch {
                throw StorageError.cannotCreate(path: folder.path, reason: error.localizedDescription)
            }
        }
        try PrivateFile.createEmpty(at: path, for: .database)
    }
}
