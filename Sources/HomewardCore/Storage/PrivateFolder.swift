import Foundation

/// A folder only the effective user may enter (mode 0700 or stricter), used through one open
/// descriptor so that the files read and written are in the folder that was checked.
///
/// The folder must belong to the effective user and have no group or other permission bits;
/// its parent must belong to the effective user or root and may be writable by others only
/// with the sticky bit (as /tmp is), so no one else can rename or replace the folder. Files in
/// it are read with `O_NOFOLLOW`, checked with `fstat` and capped in size, and written as new
/// 0600 files (`O_EXCL | O_NOFOLLOW`, `fchmod` on the descriptor) renamed into place.
public final class PrivateFolder {
    public let path: String
    private let descriptor: Int32

    private init(path: String, descriptor: Int32) {
        self.path = path
        self.descriptor = descriptor
    }

    deinit { close(descriptor) }

    /// Opens the private folder at `path`, creating it (mode 0700, and missing parents) when
    /// `create` is true.
    ///
    /// - Returns: nil when the folder does not exist and `create` is false.
    /// - Throws: ``PrivateFileError/unsafeFolder(path:problem:fix:)`` when the folder or its
    ///   parent breaks the rules above; nothing is ever chmod-ed to make it pass.
    public static func open(_ path: String, create: Bool) throws -> PrivateFolder? {
        let url = URL(fileURLWithPath: path)
        let parentPath = url.deletingLastPathComponent().path
        let name = url.lastPathComponent
        if create, !FileManager.default.fileExists(atPath: parentPath) {
            do {
                try FileManager.default.createDirectory(
                    atPath: parentPath, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            } catch {
                throw PrivateFileError.cannotCreate(path: parentPath, reason: error.localizedDescription)
            }
        }
        let parent = Foundation.open(parentPath, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard parent >= 0 else {
            if errno == ENOENT, !create { return nil }
            throw PrivateFileError.cannotCreate(path: parentPath, reason: PrivateFile.lastError())
        }
        defer { close(parent) }
        try checkParent(parent, path: parentPath)
        if create, mkdirat(parent, name, 0o700) != 0, errno != EEXIST {
            throw PrivateFileError.cannotCreate(path: path, reason: PrivateFile.lastError())
        }
        let folder = openat(parent, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
        guard folder >= 0 else {
            switch errno {
            case ENOENT where !create: return nil
            case ELOOP, ENOTDIR:
                throw PrivateFileError.unsafeFolder(
                    path: path, problem: "it is a symbolic link or not a folder", fix: removeAndLogIn(path, folder: true))
            default: throw PrivateFileError.cannotCreate(path: path, reason: PrivateFile.lastError())
            }
        }
        let opened = PrivateFolder(path: path, descriptor: folder)
        let status = try opened.status(of: folder, path: path)
        guard status.owner == geteuid() else {
            throw PrivateFileError.unsafeFolder(
                path: path, problem: "it belongs to uid \(status.owner), not to you (uid \(geteuid()))",
                fix: removeAndLogIn(path, folder: true))
        }
        guard status.permissions & 0o077 == 0 else {
            throw PrivateFileError.unsafeFolder(
                path: path, problem: "other users have access to it (mode \(status.modeText))",
                fix: "run chmod 700 \(PrivateFile.quoted(path)) and log in again, which ends the session it held")
        }
        return opened
    }

    /// The contents of file `name`, or nil when there is none.
    ///
    /// - Throws: ``PrivateFileError/untrustedFile(path:problem:fix:)`` unless the file is a
    ///   regular file of the effective user with no group or other permission bits and at most
    ///   `limit` bytes.
    public func read(_ name: String, limit: Int) throws -> Data? {
        let filePath = path + "/" + name
        // O_NONBLOCK: a planted FIFO must not hang the command before fstat refuses it.
        let file = openat(descriptor, name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
        guard file >= 0 else {
            switch errno {
            case ENOENT: return nil
            case ELOOP: throw untrusted(filePath, "it is a symbolic link")
            default: throw PrivateFileError.cannotRead(path: filePath, reason: PrivateFile.lastError())
            }
        }
        defer { close(file) }
        let status = try status(of: file, path: filePath)
        guard status.isRegular else { throw untrusted(filePath, "it is not a regular file") }
        guard status.owner == geteuid() else {
            throw untrusted(filePath, "it belongs to uid \(status.owner), not to you (uid \(geteuid()))")
        }
        guard status.permissions & 0o077 == 0 else {
            throw PrivateFileError.untrustedFile(
                path: filePath, problem: "other users have access to it (mode \(status.modeText))",
                fix: "run chmod 600 \(PrivateFile.quoted(filePath)) and log in again, which ends the session it held")
        }
        var bytes = [UInt8](repeating: 0, count: limit + 1)
        var count = 0
        while count <= limit {
            let got = bytes.withUnsafeMutableBytes { buffer in
                Foundation.read(file, buffer.baseAddress.map { $0 + count }, limit + 1 - count)
            }
            if got < 0, errno == EINTR { continue }
            guard got >= 0 else { throw PrivateFileError.cannotRead(path: filePath, reason: PrivateFile.lastError()) }
            if got == 0 { break }
            count += got
        }
        guard count <= limit else { throw untrusted(filePath, "it is larger than \(limit) bytes") }
        return Data(bytes[..<count])
    }

    /// Replaces file `name` with `contents`: written to a new 0600 file, synced, then renamed
    /// over the old one, so there is never a moment with a partial file.
    public func replace(_ name: String, with contents: Data) throws {
        let filePath = path + "/" + name
        let temporary = ".\(name).\(getpid()).new"
        var file = openat(descriptor, temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
        if file < 0, errno == EEXIST {
            // Left by a process with this pid that died mid-write; the folder is ours alone.
            unlinkat(descriptor, temporary, 0)
            file = openat(descriptor, temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
        }
        guard file >= 0 else { throw PrivateFileError.cannotCreate(path: filePath, reason: PrivateFile.lastError()) }
        var written = 0
        let bytes = [UInt8](contents)
        var failure: String?
        if fchmod(file, 0o600) != 0 { failure = PrivateFile.lastError() }
        while failure == nil, written < bytes.count {
            let result = bytes.withUnsafeBytes { buffer in
                write(file, buffer.baseAddress.map { $0 + written }, bytes.count - written)
            }
            if result < 0, errno == EINTR { continue }
            if result < 0 { failure = PrivateFile.lastError() } else { written += result }
        }
        if failure == nil, fsync(file) != 0 { failure = PrivateFile.lastError() }
        close(file)
        if failure == nil, renameat(descriptor, temporary, descriptor, name) != 0 { failure = PrivateFile.lastError() }
        if let failure {
            unlinkat(descriptor, temporary, 0)
            throw PrivateFileError.cannotCreate(path: filePath, reason: failure)
        }
    }

    /// Removes file `name`; false when there was none.
    @discardableResult
    public func remove(_ name: String) throws -> Bool {
        guard unlinkat(descriptor, name, 0) == 0 else {
            if errno == ENOENT { return false }
            throw PrivateFileError.cannotCreate(path: path + "/" + name, reason: "cannot remove it: \(PrivateFile.lastError())")
        }
        return true
    }

    private func status(of file: Int32, path: String) throws -> FileStatus {
        var info = stat()
        guard fstat(file, &info) == 0 else { throw PrivateFileError.cannotRead(path: path, reason: PrivateFile.lastError()) }
        return FileStatus(info)
    }

    private static func checkParent(_ parent: Int32, path: String) throws {
        var info = stat()
        guard fstat(parent, &info) == 0 else { throw PrivateFileError.cannotRead(path: path, reason: PrivateFile.lastError()) }
        let status = FileStatus(info)
        let fix = "make it writable only by you (chmod go-w \(PrivateFile.quoted(path))) or point XDG_STATE_HOME at a folder you own"
        guard status.owner == geteuid() || status.owner == 0 else {
            throw PrivateFileError.unsafeFolder(
                path: path, problem: "it belongs to uid \(status.owner), not to you (uid \(geteuid())) or root",
                fix: "point XDG_STATE_HOME at a folder you own")
        }
        guard status.permissions & 0o022 == 0 || status.isSticky else {
            throw PrivateFileError.unsafeFolder(
                path: path, problem: "other users can write to it without the sticky bit (mode \(status.modeText))", fix: fix)
        }
    }

    private static func removeAndLogIn(_ path: String, folder: Bool) -> String {
        "someone may have planted it: remove it (rm \(folder ? "-r " : "")\(PrivateFile.quoted(path))) and log in again"
    }

    private func untrusted(_ filePath: String, _ problem: String) -> PrivateFileError {
        .untrustedFile(path: filePath, problem: problem, fix: Self.removeAndLogIn(filePath, folder: false))
    }
}
