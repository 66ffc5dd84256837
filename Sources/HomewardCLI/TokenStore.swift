import Foundation
import HomewardCore

/// Session tokens on disk: one 0600 file per database and per person (``InvokingUser``), in
/// a 0700 folder of the state directory that only the effective user may enter.
///
/// The folder, its parent and every file are checked through descriptors (``PrivateFolder``):
/// a folder or file that someone else owns or can reach is refused, never repaired.
struct TokenStore {
    /// A token is 80 characters; a file much longer than that was not written by `login`.
    static let sizeLimit = 256

    let folder: PrivateFolder
    let fileName: String
    /// The one file per database, shared by everyone on the account, of earlier versions.
    let sharedFileName: String

    var filePath: String { folder.path + "/" + fileName }

    /// The store of this database's tokens, or nil when its folder does not exist yet.
    static func existing(databaseID: String) throws -> TokenStore? {
        let name = try fileName(databaseID: databaseID)
        return try PrivateFolder.open(UserDirectories.state.path, create: false).map {
            TokenStore(folder: $0, fileName: name, sharedFileName: "session-\(databaseID.lowercased()).token")
        }
    }

    /// The store of this database's tokens, creating its folder (0700) when missing.
    static func creating(databaseID: String) throws -> TokenStore {
        let name = try fileName(databaseID: databaseID)
        guard let folder = try PrivateFolder.open(UserDirectories.state.path, create: true) else {
            throw CLIError.cannotCreate(UserDirectories.state.path, "the folder could not be made")
        }
        return TokenStore(folder: folder, fileName: name, sharedFileName: "session-\(databaseID.lowercased()).token")
    }

    /// `session-<database id>-uid<invoking uid>.token`: the database id is hex, so the name
    /// cannot leave the folder whatever a tampered database holds.
    static func fileName(databaseID: String) throws -> String {
        guard (1...64).contains(databaseID.count), databaseID.allSatisfy(\.isHexDigit) else {
            throw CLIError.badData("the database's identity is not well-formed; run 'homeward db check'")
        }
        return "session-\(databaseID.lowercased())-uid\(InvokingUser.uid).token"
    }

    /// The stored token, or nil when there is none.
    func read() throws -> String? { try read(fileName) }

    private func read(_ name: String) throws -> String? {
        guard let data = try folder.read(name, limit: Self.sizeLimit) else { return nil }
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Keeps `token` in place of the stored one.
    /// - Returns: the trustworthy tokens it replaced: this person's file's, and that of the
    ///   shared file earlier versions kept, which goes too.
    func replace(with token: String) throws -> [String] {
        let shared = try? read(sharedFileName)
        if shared != nil { try folder.remove(sharedFileName) }
        let previous: String?
        do {
            previous = try read()
        } catch let PrivateFileError.untrustedFile(path, problem, _) {
            // The folder is the user's own; a file in it that fails the checks is replaced, never read.
            Output.note("""
                warning: replacing session file \(path) unread (\(problem)); if it held a session, \
                an admin can end it with 'homeward user revoke-sessions NAME'
                """, quiet: false)
            previous = nil
        }
        try folder.replace(fileName, with: Data((token + "\n").utf8))
        return [previous, shared].compactMap { $0 }
    }

    /// Removes the stored token only if it is `token`.
    /// - Returns: whether the file was removed.
    func remove(ifHolding token: String) throws -> Bool {
        guard try read() == token else { return false }
        return try folder.remove(fileName)
    }

    /// Removes the stored token whatever it holds.
    func remove() throws {
        try folder.remove(fileName)
    }
}

/// The person running homeward, also when staff run it through a shared service account
/// (`sudo -u homeward homeward …`): the uid in SUDO_UID when sudo set it, else the real uid.
///
/// SUDO_UID only chooses among token files the effective user owns anyway: whoever can set it
/// without sudo already runs as that account and can read every file it has.
enum InvokingUser {
    static var uid: UInt32 {
        if let text = ProcessInfo.processInfo.environment["SUDO_UID"], let uid = UInt32(text) { return uid }
        return getuid()
    }
}
