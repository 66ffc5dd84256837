import Foundation
import Synchronization
import Testing

// What the crash-safety and concurrency suites share: seeded randomness, settings from the
// environment, a `homeward` child the test can stop and kill, SQLite's WAL locks seen from
// outside, and checks of a database after the fact.

/// SplitMix64: small, fast and seeded, so a run's kill times and operation mix can be replayed
/// from the seed its summary prints.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Sizes and seeds the make targets pass in; small defaults keep `make test` quick.
enum FaultSettings {
    /// A whole number from the environment, or `fallback` when unset or not a positive number.
    static func count(_ name: String, default fallback: Int) -> Int {
        ProcessInfo.processInfo.environment[name].flatMap { Int($0) }.flatMap { $0 > 0 ? $0 : nil } ?? fallback
    }

    /// The seed from the environment, else a fresh one (printed with the results, so a
    /// failing run can be repeated).
    static func seed(_ name: String) -> UInt64 {
        ProcessInfo.processInfo.environment[name].flatMap { UInt64($0) } ?? UInt64.random(in: 1...999_999)
    }
}

/// SQLite's WAL locks, looked at from another process.
///
/// The unix VFS takes its WAL locks as POSIX byte-range locks on the `-shm` file, from byte 120
/// (`UNIX_SHM_BASE`): the write lock is byte 120, held exclusively from `BEGIN IMMEDIATE` until
/// the commit or rollback, by a connection that also holds a read lock (bytes 123–127). A
/// connection that rebuilds the WAL index when it opens the file (recovery) takes the write
/// lock without a read lock, then the recover lock (byte 122) as well. `F_GETLK` names the
/// process that holds a lock without taking it.
enum WALLocks {
    static let write: off_t = 120
    static let recover: off_t = 122
    static let reads: (start: off_t, count: off_t) = (123, 5)

    enum State: Equatable {
        case idle
        /// `pid` is inside a write transaction.
        case writing(pid_t)
        /// `pid` is rebuilding the WAL index, as the first connection to open the file does.
        case recovering(pid_t)
    }

    static func state(of database: String) -> State {
        // This process never opens the databases it watches, so closing the descriptor
        // (which drops every POSIX lock this process holds on the file) loses nothing.
        let descriptor = open(database + "-shm", O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return .idle }
        defer { close(descriptor) }
        guard let writer = holder(write, descriptor) else { return .idle }
        let reading = holder(reads.start, count: reads.count, descriptor) == writer
        return !reading || holder(recover, descriptor) == writer ? .recovering(writer) : .writing(writer)
    }

    /// Who holds any lock on `count` bytes from `offset` (an exclusive test lock conflicts with all).
    private static func holder(_ offset: off_t, count: off_t = 1, _ descriptor: Int32) -> pid_t? {
        var lock = flock()
        lock.l_type = Int16(F_WRLCK)
        lock.l_whence = Int16(SEEK_SET)
        lock.l_start = offset
        lock.l_len = count
        guard fcntl(descriptor, F_GETLK, &lock) == 0, lock.l_type != Int16(F_UNLCK) else { return nil }
        return lock.l_pid
    }
}

/// A `homeward` process started with `posix_spawn`, so that the test owns its pid: it can stop
/// it, look at the locks it holds, kill it and reap it itself (Foundation's `Process` reaps its
/// children on a thread of its own). Standard output and error go to files.
final class ChildProcess {
    let pid: pid_t
    let started: ContinuousClock.Instant
    let stdoutPath: String
    let stderrPath: String
    /// The exit code (or 128 + signal) once reaped.
    private(set) var status: Int32?

    /// Where it was when ``stopAndKill(database:)`` killed it.
    enum Moment: Equatable {
        /// It had exited before the kill: the operation ran to its end.
        case exitedFirst(Int32)
        /// It was inside a write transaction (or its commit): it held the write lock and a read lock.
        case midTransaction
        /// It was rebuilding the WAL index on opening the file.
        case recoveringWAL
        /// It ran, but outside any write transaction: before the write or after the commit.
        case outsideTransaction
    }

    private init(pid: pid_t, stdoutPath: String, stderrPath: String) {
        self.pid = pid
        self.started = .now
        self.stdoutPath = stdoutPath
        self.stderrPath = stderrPath
    }

    deinit {
        // A child nobody waited for is killed and reaped, never left behind.
        if status == nil {
            kill(pid, SIGKILL)
            var raw: Int32 = 0
            waitpid(pid, &raw, 0)
        }
    }

    /// Starts `homeward arguments…` with exactly `environment`, its output in `folder`.
    static func spawn(_ arguments: [String], environment: [String: String], folder: String) throws -> ChildProcess {
        let binary = CLIHarness.binary.path
        let stdoutPath = folder + "/stdout", stderrPath = folder + "/stderr"
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, stdoutPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, stderrPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        let argv: [UnsafeMutablePointer<CChar>?] = ([binary] + arguments).map { strdup($0) } + [nil]
        let envp: [UnsafeMutablePointer<CChar>?] = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { for pointer in argv + envp { free(pointer) } }
        var pid: pid_t = 0
        let result = posix_spawn(&pid, binary, &actions, nil, argv, envp)
        guard result == 0 else {
            throw POSIXError(POSIXErrorCode(rawValue: result) ?? .EIO)
        }
        return ChildProcess(pid: pid, stdoutPath: stdoutPath, stderrPath: stderrPath)
    }

    var elapsed: Duration { ContinuousClock.now - started }

    var stdout: String { (try? String(contentsOfFile: stdoutPath, encoding: .utf8)) ?? "" }
    var stderr: String { (try? String(contentsOfFile: stderrPath, encoding: .utf8)) ?? "" }

    /// The exit code (or 128 + signal) if it has ended, without waiting.
    func poll() -> Int32? {
        if status == nil { reap(options: WNOHANG) }
        return status
    }

    /// Waits for it to end; its exit code, or 128 + the signal that ended it.
    @discardableResult
    func wait() -> Int32 {
        while status == nil { reap(options: 0) }
        return status ?? -1
    }

    /// Freezes it (SIGSTOP, waiting until it has stopped), notes whether it holds the write
    /// lock of `database` at that instant, then kills it with SIGKILL and reaps it. Stopping first
    /// makes the note exact: nothing moves between the look and the kill.
    func stopAndKill(database: String) -> Moment {
        if let status = poll() { return .exitedFirst(status) }
        kill(pid, SIGSTOP)
        var raw: Int32 = 0
        while waitpid(pid, &raw, WUNTRACED) == -1 && errno == EINTR {}
        if let code = Self.ended(raw) {
            status = code
            return .exitedFirst(code)
        }
        let moment: Moment = switch WALLocks.state(of: database) {
        case .writing(let holder) where holder == pid: .midTransaction
        case .recovering(let holder) where holder == pid: .recoveringWAL
        default: .outsideTransaction
        }
        kill(pid, SIGKILL)
        wait()
        return moment
    }

    /// Waits until it is seen inside a write transaction of `database` that has lasted
    /// `holding`: the instant, or nil when it ended first. With `pastFirstWrite`, a write that
    /// begins while the -wal file is still empty does not count: that is GRDB's on opening the
    /// file (it creates and drops a table so that a WAL exists); every later one finds frames.
    func waitForWrite(database: String, pastFirstWrite: Bool, holding: Duration = .zero) -> ContinuousClock.Instant? {
        var since: ContinuousClock.Instant?
        var openingWrite = false
        while poll() == nil {
            if WALLocks.state(of: database) == .writing(pid) {
                let now = ContinuousClock.now
                if since == nil && !openingWrite {
                    if pastFirstWrite && Self.size(database + "-wal") == 0 { openingWrite = true } else { since = now }
                }
                if let since, now - since >= holding { return now }
            } else {
                since = nil
                openingWrite = false
            }
            usleep(20)
        }
        return nil
    }

    static func size(_ path: String) -> Int {
        var info = stat()
        return stat(path, &info) == 0 ? Int(info.st_size) : 0
    }

    /// Runs it to its end while watching the write lock: when it wrote, relative to the start.
    func watchWrites(database: String) -> [Range<Duration>] {
        var windows: [Range<Duration>] = []
        var opened: Duration?
        while poll() == nil {
            let now = elapsed
            if WALLocks.state(of: database) == .writing(pid) {
                if opened == nil { opened = now }
            } else if let start = opened {
                windows.append(start..<now)
                opened = nil
            }
            // Looser than the kills' wait: a busy watcher would slow the child it times.
            usleep(250)
        }
        if let start = opened { windows.append(start..<elapsed) }
        return windows
    }

    private func reap(options: Int32) {
        var raw: Int32 = 0
        let result = waitpid(pid, &raw, options)
        if result == pid, let code = Self.ended(raw) {
            status = code
        }
    }

    /// The exit code, or 128 + signal, of a wait status that says the process ended; nil for a stop.
    static func ended(_ raw: Int32) -> Int32? {
        let signal = raw & 0x7f
        if signal == 0 { return (raw >> 8) & 0xff }
        if signal == 0x7f { return nil }
        return 128 + signal
    }
}

extension Duration {
    var milliseconds: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) * 1000 + Double(attoseconds) / 1e15
    }

    static func milliseconds(_ value: Double) -> Duration { .nanoseconds(Int64(value * 1e6)) }
}

/// Sleeps until `delay` after `start` (to within a fraction of a millisecond).
func sleep(until delay: Duration, after start: ContinuousClock.Instant) {
    let deadline = start + delay
    while true {
        let left = deadline - ContinuousClock.now
        guard left > .zero else { return }
        usleep(UInt32(max(20, min(left.milliseconds * 1000, 2000))))
    }
}

/// A database checked from outside after something happened to it.
enum Inspection {
    /// What is wrong with the file as SQLite sees it: `PRAGMA integrity_check` not "ok", or rows
    /// that break a foreign key, or sequence numbers of the audit trail that are not 1…N or
    /// events whose previous hash is another's (a fork). Empty when sound.
    static func problems(_ database: String) throws -> [String] {
        let run = try Hostile.tool(["sqlite3", "-batch", database, """
            SELECT 'integrity ' || group_concat(integrity_check, '; ') FROM pragma_integrity_check;
            SELECT 'foreign keys ' || count(*) FROM pragma_foreign_key_check;
            SELECT 'audit ' || count(*) || ' ' || coalesce(min(seq), 0) || ' ' || coalesce(max(seq), 0) || ' '
                   || count(DISTINCT prev_hash) FROM audit_event;
            """])
        guard run.status == 0 else { return ["sqlite3 exited \(run.status): \(run.stderr)"] }
        var problems: [String] = []
        let lines = run.stdout.split(separator: "\n").map(String.init)
        guard lines.count == 3 else { return ["sqlite3 printed \(run.stdout)"] }
        if lines[0] != "integrity ok" { problems.append(lines[0]) }
        if lines[1] != "foreign keys 0" { problems.append("\(lines[1]) violations") }
        let audit = lines[2].split(separator: " ").dropFirst().compactMap { Int($0) }
        if audit.count != 4 || audit[0] != audit[2] || (audit[0] > 0 && audit[1] != 1) || audit[3] != audit[0] {
            problems.append("audit sequence (count, min, max, distinct previous hashes) is \(audit), not N, 1, N, N")
        }
        return problems
    }

    /// One row of values, as `sqlite3` prints them for `SELECT expression, …`.
    static func values(_ database: String, _ expressions: [String]) throws -> [String] {
        let run = try Hostile.tool(["sqlite3", "-batch", "-separator", "\u{1f}", database,
                                    "SELECT " + expressions.map { "(\($0))" }.joined(separator: ", ") + ";"])
        #expect(run.status == 0, "sqlite3: \(run.stderr)")
        return run.stdout.trimmingCharacters(in: .newlines).components(separatedBy: "\u{1f}")
    }

    /// The rows `sqlite3` prints for a query, one string per row (columns joined by `|`).
    static func rows(_ database: String, _ sql: String) throws -> [String] {
        let run = try Hostile.tool(["sqlite3", "-batch", database, sql])
        #expect(run.status == 0, "sqlite3: \(run.stderr)")
        return run.stdout.split(separator: "\n").map(String.init)
    }

    /// What `homeward audit verify` says of `database`, and with `schema`, `homeward db check`
    /// (SQLite's checks, every table, index and trigger against the migrations, the chain), run
    /// with an auditor's session; empty when they pass and verify reports the chain intact.
    static func homewardFailures(_ cli: CLIHarness, _ database: String, auditorToken: String,
                                 schema: Bool = true) throws -> [String] {
        let session = ["HOMEWARD_TOKEN": auditorToken]
        var failures: [String] = []
        if schema {
            let check = try cli.run(["db", "check", "--db", database], extraEnvironment: session)
            if check.status != 0 { failures.append("db check → \(check.status): \(check.stdout)\(check.stderr)") }
        }
        let verify = try cli.run(["audit", "verify", "--db", database], extraEnvironment: session)
        if verify.status != 0 || !verify.stdout.hasPrefix("audit trail intact: ") {
            failures.append("audit verify → \(verify.status): \(verify.stdout)\(verify.stderr)")
        }
        return failures
    }
}

/// A prepared database kept as bytes, copied into a fresh private folder for each run, so the
/// slow part (accounts hashed with argon2id, logins) is paid once.
struct DatabaseTemplate {
    let main: Data
    let wal: Data?

    /// The file (and its -wal, if any) as they are now; nothing may have it open for writing.
    init(of database: String) throws {
        main = try #require(FileManager.default.contents(atPath: database))
        wal = FileManager.default.contents(atPath: database + "-wal")
    }

    /// Writes a copy as `homeward.sqlite` in a new folder `name` (0700) under `parent`.
    func copy(into parent: URL, _ name: String) throws -> String {
        let folder = parent.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        chmod(folder.path, 0o700)
        let path = folder.appendingPathComponent("homeward.sqlite").path
        #expect(FileManager.default.createFile(atPath: path, contents: main, attributes: [.posixPermissions: 0o600]))
        if let wal {
            #expect(FileManager.default.createFile(atPath: path + "-wal", contents: wal, attributes: [.posixPermissions: 0o600]))
        }
        return path
    }
}

extension CLIHarness {
    /// Logs `name` in and takes the session's token out of the token file, so the next login
    /// does not end this session; the token is then passed as HOMEWARD_TOKEN.
    func sessionToken(_ name: String, password: String) throws -> String {
        try ok("login", name, "--password-stdin", stdin: password + "\n")
        let folder = path("state") + "/homeward"
        let file = try #require(try FileManager.default.contentsOfDirectory(atPath: folder).first { $0.hasSuffix(".token") })
        let token = try String(contentsOfFile: folder + "/" + file, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        try FileManager.default.removeItem(atPath: folder + "/" + file)
        return token
    }

    /// `homeward … --json` as a list of objects.
    func objects(_ arguments: String...) throws -> [[String: Any]] {
        let outcome = try run(arguments)
        #expect(outcome.status == 0, "homeward \(arguments.joined(separator: " ")) → \(outcome.status): \(outcome.stderr)")
        return try #require(try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [[String: Any]])
    }

    /// The stored link between `record` (CODE/TAG) and the person named `name`.
    func linkID(record: String, name: String, in links: [[String: Any]]) throws -> Int {
        let link = try #require(links.first { $0["record"] as? String == record && $0["name"] as? String == name },
                                "no link of \(record) to \(name)")
        return try #require(link["id"] as? Int)
    }
}

/// Synthetic inquiries for CSV imports: distinct names, service numbers and phones from an index.
enum SyntheticInquiries {
    static let header = "family_name,given_name,patronymic,date_of_birth,sex,service_number,last_known_region,date_last_seen,inquirer_name,relationship,phone,consent_tracing"
    static let families = ["Шевченко", "Коваленко", "Бондаренко", "Ткаченко", "Кравченко", "Олійник", "Шевчук", "Поліщук",
                           "Лисенко", "Мельник", "Бойко", "Руденко", "Савченко", "Марченко", "Гончаренко", "Петренко",
                           "Кузьменко", "Павленко", "Романенко", "Мороз"]
    static let givens = ["Олексій", "Андрій", "Юрій", "Дмитро", "Іван", "Петро", "Роман", "Тарас", "Микола", "Василь",
                         "Богдан", "Сергій", "Олег", "Віктор", "Ігор", "Максим", "Артем", "Назар", "Степан", "Євген"]
    static let patronymics = ["Петрович", "Іванович", "Миколайович", "Сергійович", "Васильович", "Олегович",
                              "Тарасович", "Андрійович", "Юрійович", "Богданович"]

    /// The person of row `index`: unique in family, given name and patronymic up to 4,000 rows.
    static func name(_ index: Int) -> (family: String, given: String, patronymic: String) {
        (families[index % families.count], givens[(index / families.count) % givens.count],
         patronymics[(index / (families.count * givens.count)) % patronymics.count])
    }

    static func serviceNumber(_ index: Int, series: Int) -> String {
        "ЗСУ-\(series)\(String(format: "%06d", index))"
    }

    /// One CSV row; `series` keeps service numbers and phones of different files apart.
    static func row(_ index: Int, series: Int) -> String {
        let (family, given, patronymic) = name(index)
        let born = "\(1970 + index % 33)-\(String(format: "%02d", 1 + index % 12))-\(String(format: "%02d", 1 + index % 28))"
        return "\(family),\(given),\(patronymic),\(born),male,\(serviceNumber(index, series: series)),UA-14,2024-0\(1 + index % 9),"
            + "\(family) Марія,мати,+38067\(series)\(String(format: "%06d", index)),yes"
    }

    static func csv(rows: Range<Int>, series: Int) -> String {
        ([header] + rows.map { row($0, series: series) }).joined(separator: "\n") + "\n"
    }

    /// A manifest row for the person of row `index`: the name and service number found on them.
    static func manifestRow(tag: String, kind: String, index: Int, series: Int) -> String {
        let (family, given, _) = name(index)
        return "\(tag),\(kind),\(family) \(given),\(serviceNumber(index, series: series)),male,20,55,Donetsk,,,,"
    }

    static let manifestHeader = "tag,kind,name,service_number,sex,age_min,age_max,recovery_region,recovery_place,recovery_date,effects,notes"
}
