import Foundation
import Synchronization
import Testing

/// What the hostile-input and failure-mode suites share: the corpus folder, shell tools, and a
/// fingerprint of a database's contents.
enum Hostile {
    /// `Tests/Hostile/`, the corpus: data files and `index.json`, no code.
    static var corpus: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Hostile")
    }

    /// The repository root (for `scripts/`).
    static var repository: URL { corpus.deletingLastPathComponent().deletingLastPathComponent() }

    /// Personal data planted in every corpus row and form; none of it may reach stderr.
    static let personal = ["Гострук", "Зоряна", "Тарас", "5550123", "555 01 23", "zoriana.hostile", "куртсоГ", "саарТ"]

    struct Run {
        let status: Int32
        let stdout: String
        let stderr: String
    }

    /// Runs a tool (`sqlite3`, `python3`, `sh`) found on PATH.
    @discardableResult
    static func tool(_ arguments: [String], stdin: Data? = nil) throws -> Run {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        let input = Pipe(), output = Pipe(), errors = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        if let stdin { input.fileHandleForWriting.write(stdin) }
        try input.fileHandleForWriting.close()
        let errorData = Mutex(Data())
        let done = DispatchSemaphore(value: 0)
        let errorHandle = errors.fileHandleForReading
        Thread {
            let data = errorHandle.readDataToEndOfFile()
            errorData.withLock { $0 = data }
            done.signal()
        }.start()
        let out = output.fileHandleForReading.readDataToEndOfFile()
        done.wait()
        process.waitUntilExit()
        return Run(status: process.terminationStatus, stdout: String(decoding: out, as: UTF8.self),
                   stderr: String(decoding: errorData.withLock { $0 }, as: UTF8.self))
    }

    /// SHA-256 (hex) of `data`, by the system's sha256sum.
    static func sha256(_ data: Data) throws -> String {
        String(try tool(["sha256sum"], stdin: data).stdout.prefix(64))
    }

    /// SHA-256 of the file's bytes, or "absent".
    static func fileHash(_ path: String) throws -> String {
        guard let data = FileManager.default.contents(atPath: path) else { return "absent" }
        return try sha256(data)
    }

    /// A database's contents as the `sqlite3` shell dumps them, split so that a refused command
    /// may leave what it must: its own audit events (appended, never `ok`) and the session's
    /// last-use time. Everything else must hash the same before and after.
    struct Fingerprint: Equatable, CustomStringConvertible {
        /// SHA-256 of `.dump` without audit and session rows, plus the sessions without `last_used_at`.
        let data: String
        /// `seq:hash:outcome` of every audit event, oldest first.
        let audit: [String]

        var description: String { "data \(data), \(audit.count) audit events" }

        /// Whether `after` holds the same data and only appended audit events that are not `ok`.
        func onlyRefusalsAppended(in after: Fingerprint) -> Bool {
            after.data == data && after.audit.count >= audit.count && Array(after.audit.prefix(audit.count)) == audit
                && after.audit.dropFirst(audit.count).allSatisfy { !$0.hasSuffix(":ok") }
        }
    }

    static func fingerprint(_ database: String) throws -> Fingerprint {
        let dump = try tool(["sqlite3", "-readonly", database, ".dump"])
        #expect(dump.status == 0, "sqlite3 .dump: \(dump.stderr)")
        let kept = dump.stdout.split(separator: "\n", omittingEmptySubsequences: false)
            .filter { !$0.hasPrefix("INSERT INTO audit_event ") && !$0.hasPrefix("INSERT INTO session ") }
        let sessions = try tool(["sqlite3", "-readonly", database,
                                 "SELECT id, user_id, hex(token_hash), created_at, expires_at, revoked_at, revoked_why FROM session ORDER BY id"])
        let audit = try tool(["sqlite3", "-readonly", database, "SELECT seq || ':' || hex(hash) || ':' || outcome FROM audit_event ORDER BY seq"])
        let text = kept.joined(separator: "\n") + "\n--sessions--\n" + sessions.stdout
        return Fingerprint(data: try sha256(Data(text.utf8)), audit: audit.stdout.split(separator: "\n").map(String.init))
    }

    /// The stderr lines that are not each one `error: …` line.
    static func strayLines(_ stderr: String) -> [String] {
        stderr.split(separator: "\n").map(String.init).filter { !$0.hasPrefix("error: ") }
    }
}
