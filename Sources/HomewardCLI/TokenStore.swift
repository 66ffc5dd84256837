import Foundation
import HomewardCore

/// Session tokens on disk: one 0600 file per database in a 0700 folder of the state directory.
enum TokenStore {
    static func file(databaseID: String) -> URL {
        UserDirectories.state.appendingPathComponent("session-\(databaseID).token")
    }

    static func read(databaseID: String) throws -> String? {
        let url = file(databaseID: databaseID)
        guard FileManager.default.fileExists(atPath: url.path) else { return nil }
        do {
            let text = try String(contentsOf: url, encoding: .utf8)
            return text.trimmingCharacters(in: .whitespacesAndNewlines)
        } catch {
            throw CLIError.io("cannot read the session file \(url.path): \(error.localizedDescription)")
        }
    }

    static func write(_ token: String, databaseID: String) throws {
        let folder = UserDirectories.state
        let url = file(databaseID: databaseID)
        do {
            try FileManager.default.createDirectory(
                at: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            chmod(folder.path, 0o700)
            try? FileManager.default.removeItem(at: url)
            let descriptor = open(url.path, O_CREAT | O_EXCL | O_WRONLY, 0o600)
            guard descriptor >= 0 else { throw CLIError.cannotCreate(url.path, String(cString: strerror(errno))) }
            let handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
            try handle.write(contentsOf: Data((token + "\n").utf8))
            try handle.synchronize()
        } catch let error as CLIError {
            throw error
        } catch {
            throw CLIError.cannotCreate(url.path, error.localizedDescription)
        }
    }

    static func remove(databaseID: String) {
        try? FileManager.default.removeItem(at: file(databaseID: databaseID))
    }
}
