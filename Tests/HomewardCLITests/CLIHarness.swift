import Foundation
import Synchronization
import Testing

/// Runs the built `homeward` binary in a temporary directory with its own HOME, state and
/// database, and captures stdout, stderr and the exit code.
/// Unchecked `Sendable`: the environment is set up before any concurrent use and only read after.
final class CLIHarness: @unchecked Sendable {
    let folder: URL
    var environment: [String: String]

    struct Outcome {
        let status: Int32
        let stdout: String
        let stderr: String
    }

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("homeward-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        environment = [
            "HOME": folder.appendingPathComponent("home").path,
            "XDG_STATE_HOME": folder.appendingPathComponent("state").path,
            "XDG_DATA_HOME": folder.appendingPathComponent("data").path,
            "HOMEWARD_DB": folder.appendingPathComponent("homeward.sqlite").path,
            "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin",
        ]
    }

    deinit { try? FileManager.default.removeItem(at: folder) }

    var databasePath: String { environment["HOMEWARD_DB"] ?? "" }

    func path(_ name: String) -> String { folder.appendingPathComponent(name).path }

    func write(_ name: String, _ text: String) throws -> String {
        let target = path(name)
        try text.write(toFile: target, atomically: true, encoding: .utf8)
        return target
    }

    /// The binary next to the test bundle (SwiftPM builds it first: the test target depends on it).
    static var binary: URL {
        let candidates = [
            URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent(),
            Bundle.main.bundleURL,
            Bundle.main.bundleURL.deletingLastPathComponent(),
        ]
        for folder in candidates {
            let url = folder.appendingPathComponent("homeward")
            if FileManager.default.isExecutableFile(atPath: url.path) { return url }
        }
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return root.appendingPathComponent(".build/debug/homeward")
    }

    @discardableResult
    /// - Parameter launcher: a command that runs the binary, given as its first argument
    ///   (e.g. a shell that sets a limit first, or `setpriv` to drop root); none by default.
    func run(_ arguments: [String], stdin: String? = nil, extraEnvironment: [String: String] = [:],
             launcher: [String] = []) throws -> Outcome {
        let process = Process()
        process.executableURL = launcher.first.map { URL(fileURLWithPath: $0) } ?? Self.binary
        process.arguments = launcher.isEmpty ? arguments : Array(launcher.dropFirst()) + [Self.binary.path] + arguments
        process.currentDirectoryURL = folder
        process.environment = environment.merging(extraEnvironment) { $1 }
        let input = Pipe()
        let output = Pipe()
        let errors = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
        try input.fileHandleForWriting.close()
        // Both streams at once: a child that fills the stderr pipe while stdout is read would hang.
        let errorHandle = errors.fileHandleForReading
        let err = Mutex(Data())
        let done = DispatchSemaphore(value: 0)
        Thread {
            let data = errorHandle.readDataToEndOfFile()
            err.withLock { $0 = data }
            done.signal()
        }.start()
        let out = output.fileHandleForReading.readDataToEndOfFile()
        done.wait()
        process.waitUntilExit()
        return Outcome(status: process.terminationStatus, stdout: String(decoding: out, as: UTF8.self),
                       stderr: String(decoding: err.withLock { $0 }, as: UTF8.self))
    }

    /// `homeward …` that must succeed; records the failure with its stderr otherwise.
    @discardableResult
    func ok(_ arguments: String..., stdin: String? = nil, sourceLocation: SourceLocation = #_sourceLocation) throws -> Outcome {
        let outcome = try run(arguments, stdin: stdin)
        #expect(outcome.status == 0, "homeward \(arguments.joined(separator: " ")) → \(outcome.status): \(outcome.stderr)",
                sourceLocation: sourceLocation)
        return outcome
    }

    static let adminPassword = "correct horse battery staple"
    static let staffPassword = "purple elephants dance at noon"

    /// A database with admin "alice" logged in.
    static func initialised() throws -> CLIHarness {
        let cli = try CLIHarness()
        try cli.ok("init", "--admin", "alice", "--password-stdin", stdin: adminPassword + "\n")
        try cli.ok("login", "alice", "--password-stdin", stdin: adminPassword + "\n")
        return cli
    }

    /// Adds a user with `role` (as the logged-in admin) and logs in as them.
    func addAndLogin(_ name: String, role: String) throws {
        try ok("user", "add", name, "--role", role, "--password-stdin", stdin: Self.staffPassword + "\n")
        try ok("login", name, "--password-stdin", stdin: Self.staffPassword + "\n")
    }
}
