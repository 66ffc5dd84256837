import Foundation

/// Measurements of the `homeward` binary as users run it, each a child process timed from
/// outside with its own peak memory, beside the `sqlite3` shell's floors on the same file.
extension Benchmarks {
    /// The `homeward` built beside this benchmark (`make bench` builds both).
    var homewardBinary: String {
        URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
            .appendingPathComponent("homeward").path
    }

    /// The repository, for schema/ and scripts/ (the benchmark runs from a checkout).
    var repository: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    var sqlite3: String {
        let paths = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin").split(separator: ":")
        return paths.map { "\($0)/sqlite3" }.first { FileManager.default.isExecutableFile(atPath: $0) } ?? "/usr/bin/sqlite3"
    }

    /// The environment of a `homeward` child using the database `name` in the bench folder.
    func environment(_ name: String) -> [String: String] {
        ["HOME": folder.path, "XDG_STATE_HOME": folder.appendingPathComponent("state-\(name)").path,
         "HOMEWARD_DB": folder.appendingPathComponent("\(name).sqlite").path, "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"]
    }

    /// `homeward ARGS` with `secret` (a password) on standard input, through a 0600 file removed at once.
    @discardableResult
    func homeward(_ arguments: [String], _ name: String, secret: String? = nil) throws -> ChildRun {
        var input = "/dev/null"
        if let secret {
            input = folder.appendingPathComponent("secret-\(UUID().uuidString)").path
            guard FileManager.default.createFile(atPath: input, contents: Data((secret + "\n").utf8), attributes: [.posixPermissions: 0o600])
            else { throw BenchError.childFailed("cannot write a file in \(folder.path)") }
        }
        defer { if secret != nil { unlink(input) } }
        let run = try ChildRun.run(homewardBinary, arguments, in: folder, environment: environment(name), stdin: input)
        guard run.status == 0 else { throw BenchError.childFailed("homeward \(arguments.first ?? "") exited \(run.status)") }
        return run
    }

    /// A new database `name` made through the CLI with coordinator olena logged in.
    func freshCLIStore(_ name: String) throws {
        let admin = "river stones remember every flood"
        try homeward(["init", "--admin", "admin", "--password-stdin"], name, secret: admin)
        try homeward(["login", "admin", "--password-stdin"], name, secret: admin)
        try homeward(["user", "add", "olena", "--role", "coordinator", "--password-stdin"], name, secret: staffPassword)
        try homeward(["login", "olena", "--password-stdin"], name, secret: staffPassword)
    }

    /// The inquiry import through the CLI against a bare `.import` and the same-schema floor
    /// (scripts/sqlite-floor.sql), all three on the same file in the same run.
    func importAgainstFloors(_ csv: URL) throws {
        let rows = settings.rows
        let bare = try bestRun {
            let database = "bare-\(UUID().uuidString).db"
            return try ChildRun.run(sqlite3, [database, ".mode csv", ".import \(csv.lastPathComponent) t"], in: folder, environment: [:])
        }
        report("sqlite3 .import, bare table (\(rows) rows)", "\(seconds(bare.seconds)), peak \(mebibytes(bare.peakKiB))")
        let schema = try FileManager.default.contentsOfDirectory(at: repository.appendingPathComponent("schema"), includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "sql" }.sorted { $0.lastPathComponent < $1.lastPathComponent }
        let floorScript = repository.appendingPathComponent("scripts/sqlite-floor.sql").path
        let floor = try bestRun {
            let database = "floor-\(UUID().uuidString).sqlite"
            let setup = folder.appendingPathComponent("\(database).setup.sql")
            var text = try schema.map { try String(contentsOf: $0, encoding: .utf8) }.joined(separator: "\n")
            text += "\nINSERT INTO app_user (name, role, password_hash, created_at, password_changed_at, name_key) "
                + "VALUES ('olena', 'coordinator', '$argon2id$floor', 't', 't', 'olena');\n"
            try Data(text.utf8).write(to: setup)
            guard try ChildRun.run(sqlite3, [database], in: folder, environment: [:], stdin: setup.path).status == 0 else {
                throw BenchError.childFailed("sqlite3 could not create the floor's schema")
            }
            return try ChildRun.run(sqlite3, [database], in: folder, environment: [:], stdin: floorScript)
        }
        report("sqlite3 same-schema floor (\(rows) rows, scripts/sqlite-floor.sql)", "\(seconds(floor.seconds)), peak \(mebibytes(floor.peakKiB))")
        var attempt = 0
        let imported = try bestRun {
            attempt += 1
            try freshCLIStore("cli-import-\(attempt)")
            return try homeward(["inquiry", "import", csv.lastPathComponent, "--quiet"], "cli-import-\(attempt)")
        }
        report("homeward inquiry import (\(rows) rows, CLI)", "\(seconds(imported.seconds)), peak \(mebibytes(imported.peakKiB)); "
               + String(format: "%.2f× the same-schema floor, %.2f× bare .import", imported.seconds / floor.seconds, imported.seconds / bare.seconds))
    }

    /// `homeward report family` end to end on the demo database, and `homeward --version` cold.
    func reportAndStartup() throws {
        let demo = try ChildRun.run(homewardBinary, ["demo", "--db", folder.appendingPathComponent("demo.sqlite").path, "--json"],
                                    in: folder, environment: environment("demo"))
        guard demo.status == 0, let object = try JSONSerialization.jsonObject(with: Data(demo.stdout.utf8)) as? [String: Any],
              let accounts = object["accounts"] as? [[String: Any]], let reports = object["reports"] as? [[String: Any]],
              let password = accounts.first(where: { $0["name"] as? String == "olena" })?["password"] as? String
        else { throw BenchError.childFailed("homeward demo exited \(demo.status)") }
        try homeward(["login", "olena", "--password-stdin"], "demo", secret: password)
        let references = reports.compactMap { $0["reference"] as? String }
        for format in ["html", "txt", "json"] {
            var runs: [ChildRun] = []
            for index in 0..<max(30, settings.runs) {
                runs.append(try homeward(["report", "family", references[index % references.count], "--format", format], "demo"))
            }
            report("homeward report family --format \(format) (demo database, \(runs.count) runs)", summary(runs))
        }
        var starts: [ChildRun] = []
        for _ in 0..<30 { starts.append(try homeward(["--version"], "demo")) }
        report("homeward --version (30 runs)", summary(starts))
    }

    /// Median and 95th percentile wall time, and the largest peak memory, of runs.
    func summary(_ runs: [ChildRun]) -> String {
        let times = runs.map(\.seconds).sorted()
        let p95 = times[min(times.count - 1, Int(Double(times.count) * 0.95))]
        return "median \(millis(times[times.count / 2])), p95 \(millis(p95)), peak \(mebibytes(runs.map(\.peakKiB).max() ?? 0))"
    }

    /// The fastest of `settings.runs` runs.
    func bestRun(_ body: () throws -> ChildRun) throws -> ChildRun {
        var best: ChildRun?
        for _ in 0..<settings.runs {
            let run = try body()
            guard run.status == 0 else { throw BenchError.childFailed("exit \(run.status)") }
            if best.map({ run.seconds < $0.seconds }) ?? true { best = run }
        }
        return best!
    }

    func mebibytes(_ kib: Int) -> String { String(format: "%.0f MiB", Double(kib) / 1024) }
}
