import Foundation
import GRDB

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
    /// SQLite found the file damaged (SQLITE_CORRUPT, SQLITE_NOTADB part-way through).
    case damaged(path: String, reason: String)
    /// A write failed for want of space: a full disk or the process's file-size limit.
    case full(path: String, reason: String)
    /// The file or its folder cannot be written by this user.
    case readOnly(path: String, reason: String)
    /// Reading or writing the file failed underneath SQLite.
    case ioFailure(path: String, reason: String)

    public var kind: FailureKind {
        switch self {
        case .cannotOpen, .newerSchema, .notInitialised, .busy: .unavailable
        case .alreadyInitialised: .cannotCreateOutput
        case .backupTargetExists, .cannotCreate: .cannotCreateOutput
        case .backupVerificationFailed: .io
        case .damaged, .readOnly: .unavailable
        case .full, .ioFailure: .io
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
        case let .damaged(path, reason):
            "database \(path) is damaged (\(reason)); run 'homeward db check' on it and restore the latest 'homeward db backup' copy"
        case let .full(path, reason):
            "cannot write database \(path): \(reason) (a full disk or file-size limit, or a failing disk); nothing was saved: free space and try again"
        case let .readOnly(path, reason):
            "cannot write database \(path): \(reason); run homeward as the file's owner, or make the file and its folder writable by you"
        case let .ioFailure(path, reason):
            "cannot read or write database \(path): \(reason); the disk may be full, past a file-size limit or failing: free space, then run 'homeward db check'"
        case let .backupVerificationFailed(path, reason):
            "backup \(path) failed verification (\(reason)); the source database is unchanged, try again"
        }
    }
}

extension StorageError {
    /// The storage failure a SQLite error stands for, naming the file; nil for errors that are
    /// about the data (constraints) rather than the file.
    static func from(_ error: DatabaseError, path: String) -> StorageError? {
        let reason = error.message ?? "SQLite error \(error.resultCode.rawValue)"
        switch error.resultCode {
        case .SQLITE_BUSY, .SQLITE_LOCKED: return .busy
        case .SQLITE_CORRUPT, .SQLITE_NOTADB: return .damaged(path: path, reason: reason)
        case .SQLITE_FULL: return .full(path: path, reason: reason)
        case .SQLITE_READONLY: return .readOnly(path: path, reason: reason)
        case .SQLITE_IOERR:
            // A write past RLIMIT_FSIZE fails with EFBIG, which SQLite reports as an I/O error.
            return .ioFailure(path: path, reason: "\(reason) (SQLite code \(error.extendedResultCode.rawValue))")
        case .SQLITE_CANTOPEN: return .cannotOpen(path: path, reason: reason)
        default: return nil
        }
    }
}
