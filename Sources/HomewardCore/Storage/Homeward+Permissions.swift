import Foundation

extension Homeward {
    /// Restores owner-only permissions on an existing database and its WAL and shared-memory
    /// files, through descriptors opened without following links.
    ///
    /// - Returns: the database file's permission bits when they were wider than 0600.
    static func tightenPermissions(of path: String) throws -> UInt16? {
        var found: UInt16?
        for (index, suffix) in ["", "-wal", "-shm"].enumerated() {
            let descriptor = Foundation.open(path + suffix, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
            guard descriptor >= 0 else { continue }
            defer { close(descriptor) }
            var status = stat()
            guard fstat(descriptor, &status) == 0 else { continue }
            let mode = UInt16(status.st_mode & 0o7777)
            guard mode & 0o7177 != 0 else { continue }
            // Only the owner can change the mode; anyone else gets the check's report.
            if status.st_uid == geteuid(), fchmod(descriptor, 0o600) != 0 {
                throw StorageError.cannotOpen(path: path + suffix, reason: "its permissions are \(String(mode, radix: 8)) and cannot be set to 600")
            }
            if index == 0 { found = mode }
        }
        return found
    }
}
