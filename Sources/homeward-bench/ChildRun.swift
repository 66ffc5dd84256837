import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// One run of a program as a child process, measured from outside: wall time, and its peak
/// resident memory from the kernel's accounting of that child alone (`wait4`).
///
/// Linux starts a spawned child's peak at its parent's peak (the exec records the memory the
/// child shared until then), so children are not spawned by the benchmark, which holds
/// hundreds of MiB of data, but by ``ChildRunner``: a copy of this program started first,
/// while it is still small, that spawns each child on request.
struct ChildRun: Codable {
    let status: Int32
    let seconds: Double
    let peakKiB: Int
    let stdout: String

    enum Failure: Error, CustomStringConvertible {
        case spawn(String, Int32)
        var description: String {
            switch self {
            case let .spawn(program, code): "cannot start \(program): \(String(cString: strerror(code)))"
            }
        }
    }

    /// Runs `program` through the runner (see the type's comment).
    static func run(_ program: String, _ arguments: [String], in folder: URL, environment: [String: String],
                    stdin: String = "/dev/null") throws -> ChildRun {
        try ChildRunner.shared.run(Request(program: program, arguments: arguments, folder: folder.path,
                                           environment: environment, stdin: stdin))
    }

    struct Request: Codable {
        let program: String
        let arguments: [String]
        let folder: String
        let environment: [String: String]
        let stdin: String
    }

    /// Runs `program` with `arguments` in `folder`, the environment `environment`, standard
    /// input from `stdin` (a file path or /dev/null) and standard output captured to a file.
    static func spawn(_ program: String, _ arguments: [String], in folder: URL, environment: [String: String],
                    stdin: String = "/dev/null") throws -> ChildRun {
        let output = folder.appendingPathComponent("child-\(UUID().uuidString).out").path
        defer { unlink(output) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, stdin, O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, output, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        // The child starts in `folder` (the benchmark runs one child at a time).
        let previous = FileManager.default.currentDirectoryPath
        guard FileManager.default.changeCurrentDirectoryPath(folder.path) else { throw Failure.spawn(program, ENOENT) }
        defer { _ = FileManager.default.changeCurrentDirectoryPath(previous) }
        let argv = ([program] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        var pid: pid_t = 0
        let start = DispatchTime.now().uptimeNanoseconds
        let spawned = posix_spawn(&pid, program, &actions, nil, argv, envp)
        guard spawned == 0 else { throw Failure.spawn(program, spawned) }
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) < 0, errno == EINTR {}
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        let text = (try? String(contentsOfFile: output, encoding: .utf8)) ?? ""
        let exit = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        return ChildRun(status: exit, seconds: seconds, peakKiB: usage.ru_maxrss, stdout: text)
    }
}

/// The small process that spawns measured children: `homeward-bench --runner` reads one JSON
/// request per line on standard input and answers one JSON ``ChildRun`` per line.
final class ChildRunner: @unchecked Sendable {
    nonisolated(unsafe) static var shared: ChildRunner!
    private let input: FileHandle
    private let output: FileHandle
    private var buffer = Data()

    /// Starts the runner; call first thing, before the benchmark's memory grows.
    static func start() throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        process.arguments = ["--runner"]
        let requests = Pipe(), answers = Pipe()
        process.standardInput = requests
        process.standardOutput = answers
        try process.run()
        shared = ChildRunner(input: requests.fileHandleForWriting, output: answers.fileHandleForReading)
    }

    private init(input: FileHandle, output: FileHandle) {
        self.input = input
        self.output = output
    }

    func run(_ request: ChildRun.Request) throws -> ChildRun {
        try input.write(contentsOf: try JSONEncoder().encode(request) + Data("\n".utf8))
        while !buffer.contains(0x0A) {
            // availableData returns what the pipe holds (read(upToCount:) would wait for all of it).
            let chunk = output.availableData
            guard !chunk.isEmpty else { throw ChildRun.Failure.spawn(request.program, EPIPE) }
            buffer += chunk
        }
        let end = buffer.firstIndex(of: 0x0A)!
        let line = buffer[buffer.startIndex..<end]
        buffer = Data(buffer[buffer.index(after: end)...])
        return try JSONDecoder().decode(ChildRun.self, from: line)
    }

    /// The runner's loop (`--runner`): until standard input ends.
    static func serve() -> Never {
        while let line = readLine() {
            let answer: ChildRun
            do {
                let request = try JSONDecoder().decode(ChildRun.Request.self, from: Data(line.utf8))
                answer = try ChildRun.spawn(request.program, request.arguments, in: URL(fileURLWithPath: request.folder),
                                            environment: request.environment, stdin: request.stdin)
            } catch {
                answer = ChildRun(status: 127, seconds: 0, peakKiB: 0, stdout: "\(error)")
            }
            let data = (try? JSONEncoder().encode(answer)) ?? Data("{}".utf8)
            FileHandle.standardOutput.write(data + Data("\n".utf8))
        }
        exit(0)
    }
}
