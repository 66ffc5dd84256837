import Foundation
import Testing

/// A `homeward serve` child process on a free loopback port, on the database of a harness.
final class ServedDatabase: @unchecked Sendable {
    let process = Process()
    /// The base URL the server printed, e.g. http://127.0.0.1:41234.
    let url: String
    private let log = LogBuffer()

    /// Starts the server and waits (up to 30 s) for the line that names its URL.
    init(_ cli: CLIHarness, arguments: [String] = ["--listen", "127.0.0.1:0"], environment: [String: String] = [:]) throws {
        process.executableURL = CLIHarness.binary
        process.arguments = ["serve"] + arguments
        process.currentDirectoryURL = cli.folder
        var base = cli.environment
        base["HOMEWARD_SERVER"] = nil
        process.environment = base.merging(environment) { $1 }
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let found = DispatchSemaphore(value: 0)
        let handle = errors.fileHandleForReading
        let log = self.log
        // Drains stderr for the life of the process: the access log must never fill the pipe.
        Thread {
            var signalled = false
            while true {
                let chunk = handle.availableData
                if chunk.isEmpty { break }
                let text = log.append(chunk)
                if !signalled, text.contains("serving "), text.contains("\n") { signalled = true; found.signal() }
            }
            if !signalled { found.signal() }
        }.start()
        _ = found.wait(timeout: .now() + 30)
        let text = log.text
        guard let line = text.split(separator: "\n").first(where: { $0.hasPrefix("serving ") }),
              let range = line.range(of: "http", options: .backwards) else {
            process.terminate()
            throw ServeFailure(log: text)
        }
        url = String(line[range.lowerBound...])
    }

    struct ServeFailure: Error, CustomStringConvertible {
        let log: String
        var description: String { "homeward serve did not start: \(log)" }
    }

    /// Everything the server wrote on stderr so far (its access log).
    var stderr: String { log.text }

    /// SIGTERM, then waits for the exit; the status.
    @discardableResult
    func stop() -> Int32 {
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
        return process.terminationStatus
    }

    deinit { if process.isRunning { process.terminate(); process.waitUntilExit() } }
}

/// What the server wrote on stderr, appended by the draining thread, read by the test.
private final class LogBuffer: @unchecked Sendable {
    private let lock = NSLock()
    private var data = Data()

    /// Appends `chunk`; everything so far.
    func append(_ chunk: Data) -> String {
        lock.withLock {
            data.append(chunk)
            return String(decoding: data, as: UTF8.self)
        }
    }

    var text: String { lock.withLock { String(decoding: data, as: UTF8.self) } }
}

/// One HTTP exchange through curl (a real client, not this project's).
struct HTTPExchange {
    let status: Int
    let body: String
    /// The response's header fields by lower-case name, as they came on the wire.
    var headers: [String: String] = [:]

    var json: [String: Any]? { (try? JSONSerialization.jsonObject(with: Data(body.utf8))) as? [String: Any] }
    var errorKind: String? { (json?["error"] as? [String: Any])?["kind"] as? String }

    static func send(_ method: String, _ url: String, token: String? = nil, json: String? = nil, bodyFile: String? = nil) throws -> HTTPExchange {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/curl")
        let headerFile = FileManager.default.temporaryDirectory.appendingPathComponent("homeward-headers-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: headerFile) }
        var arguments = ["-s", "-S", "-X", method, "-w", "\n%{http_code}", "--max-time", "60", "-D", headerFile.path]
        if let token { arguments += ["-H", "Authorization: Bearer \(token)"] }
        if let json { arguments += ["-H", "Content-Type: application/json", "--data-binary", json] }
        if let bodyFile { arguments += ["-H", "Content-Type: application/json", "--data-binary", "@" + bodyFile] }
        process.arguments = arguments + [url]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let headerData = (try? Data(contentsOf: headerFile)) ?? Data()
        let text = String(decoding: data, as: UTF8.self)
        let split = text.range(of: "\n", options: .backwards)
        let status = Int(text[(split?.upperBound ?? text.startIndex)...]) ?? 0
        var headers: [String: String] = [:]
        for line in String(decoding: headerData, as: UTF8.self).split(whereSeparator: \.isNewline) {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        return HTTPExchange(status: status, body: split.map { String(text[..<$0.lowerBound]) } ?? "", headers: headers)
    }

    /// A session token for `name` from `POST /sessions`.
    static func token(_ url: String, _ name: String, _ password: String) throws -> String {
        let body = String(decoding: try JSONSerialization.data(withJSONObject: ["name": name, "password": password]), as: UTF8.self)
        let reply = try send("POST", url + "/sessions", json: body)
        guard reply.status == 201, let token = reply.json?["token"] as? String else {
            throw ServedDatabase.ServeFailure(log: "login \(name) → \(reply.status) \(reply.body)")
        }
        return token
    }
}
