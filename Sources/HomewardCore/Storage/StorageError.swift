import Foundation

/// Failures opening, migrating, checking or backing up the database file.
public enum StorageError: HomewardFailure, Equatable {
    case cannotOpen(path: String, reason: String)
    case newerSchema(path: String)
    case notInitialised(path: String)
    case alreadyInitialised(path: String)
    case busy
    case backupTargetExists(path: String)
    case cannotCreate(path: String, reason: String)
    case backupVerificationFailed(path: String, reason: String)
    /// The file holds tables homeward did not create; `creating` when `init` was asked to use it.
    case foreignDatabase(path: String, tables: Int, creating: Bool)

    public var kind: FailureKind {
        switch self {
        case .cannotOpen, .newerSchema, .notInitialised, .busy: .unavailable
        case .alreadyInitialised: .cannotCreateOutput
        case .backupTargetExists, .cannotCreate: .cannotCreateOutput
        case .backupVerificationFailed: .io
        case let .foreignDatabase(_, _, creating): creating ? .cannotCreateOutput : .unavailable
        }
    }

    public var errorDescription: String? {
        switch self {
        case let .cannotOpen(path, reason):
            "cannot open database \(path): \(reason)"
        case let .newerSchema(path):
            "database \(path) was written by a newer version of homeward; upgrade homeward before using it"
        case let .notInitialised(path):
            "no homeward database at \(path); create one with 'homeward init --admin NAME' or pass --db"
        case let .alreadyInitialised(path):
            "database \(path) already has accounts; log in as an admin and use 'homeward user add'"
        case .busy:
            "database is busy: another process held its write lock past the wait limit; try again (HOMEWARD_BUSY_TIMEOUT sets the limit in seconds)"
        case let .backupTargetExists(path):
            "backup target \(path) already exists; choose a new file name"
        case let .cannotCreate(path, reason):
            "cannot create \(path): \(reason)"
        case let .foreignDatabase(path, tables, creating):
            "\(path) is a SQLite database with \(tables) \(tables == 1 ? "table" : "tables") homeward did not create; "
                + (creating ? "homeward creates its databases only in new or empty files: choose another path"
                            : "it is not a homeward database: check --db or HOMEWARD_DB")
        case let .backupVerificationFailed(path, reason):
            "backup \(path) failed verification (\(reason)); the source database is unchanged, try again"
        }
    }
}
