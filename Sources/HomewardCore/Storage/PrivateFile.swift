import Foundation

/// What a folder checked by ``PrivateFile/checkFolder(_:for:)`` is for, which names the fix.
public enum FolderUse: Sendable {
    case database
    case backup
    /// A full export of the database (`homeward export -o FILE`).
    case export
}

/// Files only the effective user can read or change, kept in folders no one else can change.
///
/// The rules (SECURITY.md, "Files and folders"):
/// - A folder that holds a database or a backup belongs to the effective user or root, and no
///   one else may write to it, sticky bit or not: SQLite creates `-wal`, `-shm` and `-journal`
///   files by name beside the database every time it opens it, and in a shared folder (even a
///   sticky one such as /tmp) another user could plant them first.
/// - Files are created new (`O_CREAT | O_EXCL | O_NOFOLLOW`) and get their mode from `fchmod`
///   on the descriptor, never from `chmod` by path.
/// - ``PrivateFolder`` adds the rules for folders only the user may enter (session tokens).
public enum PrivateFile {
    /// Refuses a folder that someone other than the effective user or root could write.
    ///
    /// - Throws: ``PrivateFileError/unsafeFolder(path:problem:fix:)``, or
    ///   ``PrivateFileError/cannotCreate(path:reason:)`` when the folder does not exist.
    public static func checkFolder(_ folder: String, for use: FolderUse) throws {
        var info = stat()
        guard stat(folder, &info) == 0 else {
            throw PrivateFileError.cannotCreate(
                path: folder, reason: errno == ENOENT ? "the folder does not exist; create it first (mkdir -m 700 \(quoted(folder))) or choose another" : lastError())
        }
        let status = FileStatus(info)
        let fix = switch use {
        case .database: "keep the database in a folder only you can write (e.g. mkdir -m 700 ~/homeward)"
        case .backup: "write backups to a folder only you can write (e.g. mkdir -m 700 ~/homeward-backups)"
        case .export: "write exports to a folder only you can write (e.g. mkdir -m 700 ~/homeward-exports)"
        }
        guard status.isFolder else { throw PrivateFileError.unsafeFolder(path: folder, problem: "it is not a folder", fix: fix) }
        guard status.owner == geteuid() || status.owner == 0 else {
            throw PrivateFileError.unsafeFolder(
                path: folder, problem: "it belongs to uid \(status.owner), not to you (uid \(geteuid())) or root",
                fix: use == .database ? fix + ", or run homeward as the folder's owner" : fix)
        }
        guard status.permissions & 0o022 == 0 else {
            let planted = use == .export ? "a file or link under the name first"
                : "the -wal, -shm or -journal file SQLite opens beside \(use == .database ? "the database" : "the copy")"
            let problem = "other users can write to it (mode \(status.modeText))"
                + (status.isSticky ? ", and even with the sticky bit they could plant \(planted)" : "")
            throw PrivateFileError.unsafeFolder(
                path: folder, problem: problem, fix: status.isSticky ? fix : "run chmod go-w \(quoted(folder)) or \(fix)")
        }
    }

    /// Creates `path` as a new, empty file of mode 0600 in a folder that passes
    /// ``checkFolder(_:for:)``. An existing file or symbolic link at `path` is never opened.
    ///
    /// - Returns: the new file, held open so that ``CreatedFile/check(at:)`` can tell whether
    ///   the file SQLite later opens by path is still this one.
    @discardableResult
    public static func createEmpty(at path: String, for use: FolderUse) throws -> CreatedFile {
        try checkFolder(URL(fileURLWithPath: path).deletingLastPathComponent().path, for: use)
        let descriptor = open(path, O_CREAT | O_EXCL | O_WRONLY | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw PrivateFileError.cannotCreate(path: path, reason: errno == EEXIST ? "a file or symbolic link is already there" : lastError())
        }
        let file = CreatedFile(descriptor: descriptor)
        // The umask may have taken bits away, never added them; fchmod makes the mode exact.
        guard fchmod(descriptor, 0o600) == 0 else {
            let reason = lastError()
            unlink(path)
            throw PrivateFileError.cannotCreate(path: path, reason: reason)
        }
        return file
    }

    /// The last system error, as words.
    static func lastError() -> String { String(cString: strerror(errno)) }

    /// `path` quoted for a shell command in a hint.
    static func quoted(_ path: String) -> String {
        "'" + path.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}

/// A file ``PrivateFile/createEmpty(at:for:)`` made, kept open (so its inode cannot be
/// reused) to tell whether the path still names it.
public final class CreatedFile {
    private let descriptor: Int32

    init(descriptor: Int32) { self.descriptor = descriptor }

    deinit { close(descriptor) }

    /// Appends all of `data` to the file through the descriptor it was created with.
    ///
    /// - Throws: ``PrivateFileError/cannotWrite(path:reason:)`` (exit 74), e.g. on a full disk.
    public func write(_ data: Data, path: String) throws {
        try data.withUnsafeBytes { bytes in
            var offset = 0
            while offset < bytes.count {
                let written = Foundation.write(descriptor, bytes.baseAddress.map { $0 + offset }, bytes.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    throw PrivateFileError.cannotWrite(path: path, reason: PrivateFile.lastError())
                }
                offset += written
            }
        }
    }

    /// Makes what was written durable before the file is reported complete.
    public func synchronize(path: String) throws {
        guard fsync(descriptor) == 0 else { throw PrivateFileError.cannotWrite(path: path, reason: PrivateFile.lastError()) }
    }

    /// Throws unless `path`, not followed, is still this file: regular, the effective user's,
    /// with no group or other permission bits.
    public func check(at path: String) throws {
        var opened = stat()
        var named = stat()
        guard fstat(descriptor, &opened) == 0, lstat(path, &named) == 0 else {
            throw PrivateFileError.cannotCreate(path: path, reason: "the new file is gone: \(PrivateFile.lastError())")
        }
        let mine = FileStatus(opened)
        let status = FileStatus(named)
        guard status.device == mine.device, status.inode == mine.inode, status.isRegular, status.owner == geteuid(),
              status.permissions & 0o077 == 0 else {
            throw PrivateFileError.cannotCreate(path: path, reason: "the new file was replaced or changed while it was written")
        }
    }
}

/// The parts of `struct stat` the checks use, the same on Linux and macOS.
struct FileStatus {
    let type: UInt32
    let permissions: UInt32
    let owner: UInt32
    let size: Int64
    let device: UInt64
    let inode: UInt64

    init(_ info: stat) {
        type = UInt32(info.st_mode) & 0o170000
        permissions = UInt32(info.st_mode) & 0o7777
        owner = UInt32(info.st_uid)
        size = Int64(info.st_size)
        device = UInt64(truncatingIfNeeded: info.st_dev)
        inode = UInt64(truncatingIfNeeded: info.st_ino)
    }

    var isFolder: Bool { type == 0o040000 }
    var isRegular: Bool { type == 0o100000 }
    var isSticky: Bool { permissions & 0o1000 != 0 }
    /// The mode as `ls -l` users know it in octal, e.g. 0777 or 1777.
    var modeText: String {
        let digits = String(permissions, radix: 8)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }
}

extension PrivateFile {
    /// Writes a new file of mode 0600 at `path` (an export: a report, a document) in a folder
    /// that passes ``checkFolder(_:for:)``, from what `produce` hands to its sink, then makes
    /// it durable. An existing file or symbolic link is never opened or replaced. If `produce`
    /// or a write fails, the partial file is removed and the error is rethrown.
    ///
    /// - Throws: ``ExportError/targetExists(path:)`` (exit 73) when something is already at
    ///   `path`; ``PrivateFileError`` for an unsafe folder or a failed write.
    public static func writeNew<Result>(at path: String, _ produce: (_ sink: @escaping (Data) throws -> Void) throws -> Result) throws -> Result {
        // Checked before the folder, so that an existing file is named as such.
        var existing = stat()
        guard lstat(path, &existing) != 0 else {
            if FileStatus(existing).isFolder {
                throw PrivateFileError.cannotCreate(path: path, reason: "it is a folder; give the name of a new file, e.g. \(path)/report.txt")
            }
            throw ExportError.targetExists(path: path)
        }
        let file = try createEmpty(at: path, for: .export)
        do {
            let result = try produce { data in try file.write(data, path: path) }
            try file.synchronize(path: path)
            return result
        } catch {
            unlink(path)
            throw error
        }
    }
}
