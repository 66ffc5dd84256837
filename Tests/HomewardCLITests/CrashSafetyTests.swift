import Foundation
import Testing

/// Issue "Prove it", item 2: an import, a merge, link decisions and identification status
/// changes, each run in a child `homeward` and killed with SIGKILL at a random moment, many
/// times. After every kill the file is sound (integrity, foreign keys, `db check`, the audit
/// chain verified by an auditor) and the operation is wholly there or wholly absent.
///
/// HOMEWARD_CRASH_KILLS (default 12), HOMEWARD_CRASH_SEED and HOMEWARD_CRASH_IMPORT_ROWS
/// (default 2,000) size it; `make crash` runs 200 kills.
@Suite(.serialized) struct CrashSafetyTests {
    /// One operation killed on copies of the prepared database.
    struct Operation {
        let name: String
        /// `homeward …` without `--db`.
        let arguments: [String]
        /// What it changes: SQL expressions, each with its value once the operation is wholly
        /// applied given its value before. Timestamps are left out: they differ from run to run.
        let footprint: [(sql: String, applied: (String) -> String)]

        func beforeAndAfter(_ before: [String]) -> [String] {
            zip(footprint, before).map { $0.applied($1) }
        }
    }

    /// An operation's footprint before and after, and when it writes, from one uncut run.
    struct Calibration {
        let before: [String]
        let after: [String]
        let duration: Duration
        /// The longest time it held the write lock: its own transaction.
        let write: Range<Duration>?

        /// How a kill is timed: `delay` after the start, or `delay` after the child is seen in the
        /// operation's write (for `holding` without a break, so as not to be a short write).
        enum Plan {
            case fromStart(Duration)
            case intoWrite(Duration, holding: Duration)

            var description: String {
                switch self {
                case .fromStart(let delay): String(format: "%.1f ms after the start", delay.milliseconds)
                case .intoWrite(let delay, let holding):
                    String(format: "%.1f ms into the write (seen for %.0f ms)", delay.milliseconds, holding.milliseconds)
                }
            }
        }

        /// The first kill of each operation comes as soon as it is seen writing (the import's
        /// once its write has lasted a quarter of its usual length, which no other write does),
        /// so kills surely land inside a transaction; after that, a quarter are spread from the
        /// start to the usual end, a quarter aimed at the write by the clock
        /// (widened, as no two runs keep the same time), and half a random part of the way into
        /// the write once it is seen (a small operation's write lasts a few milliseconds of a
        /// process's hundred).
        func plan(first: Bool, long: Bool, using generator: inout SeededGenerator) -> Plan {
            guard let write else { return .fromStart(.milliseconds(Double.random(in: 0...duration.milliseconds, using: &generator))) }
            let length = (write.upperBound - write.lowerBound).milliseconds
            if first { return .intoWrite(.zero, holding: long ? .milliseconds(length / 4) : .zero) }
            switch Int.random(in: 0..<4, using: &generator) {
            case 0:
                return .fromStart(.milliseconds(Double.random(in: 0...duration.milliseconds, using: &generator)))
            case 1:
                let margin = max(length * 0.3, 1.5)
                let low = max(0, write.lowerBound.milliseconds - margin), high = write.upperBound.milliseconds + margin
                return .fromStart(.milliseconds(Double.random(in: low...high, using: &generator)))
            default:
                // Not quite to the usual end: a run's write is as often shorter as longer.
                return .intoWrite(.milliseconds(Double.random(in: 0...(length * 0.8), using: &generator)), holding: .zero)
            }
        }
    }

    /// The tally printed at the end.
    struct Tally {
        var kills = 0
        var midTransaction = 0
        var midTransactionApplied = 0
        /// Kills while the child rebuilt the WAL index or made GRDB's write on opening the file.
        var openingFile = 0
        var beforeWrite = 0
        var afterCommit = 0
        var afterExit = 0
        var halfApplied = 0
        var byOperation: [String: Int] = [:]
    }

    static func count(_ delta: Int) -> (String) -> String { { String((Int($0) ?? 0) + delta) } }
    static func becomes(_ value: String) -> (String) -> String { { _ in value } }

    /// Admin alice, coordinator olena and auditor audra; five inquiries (A and B to merge, I1 with
    /// a candidate link L1, I2 linked through a confirmed link L2, I3 linked to a returnee T-1);
    /// a remains batch (R-1, R-2 and an unnamed R-3) and a prisoner exchange (T-1).
    struct Prepared {
        let cli: CLIHarness
        let template: DatabaseTemplate
        let coordinatorToken: String
        let auditorToken: String
        let operations: [Operation]
        /// `PRAGMA schema_version` of the template.
        let schemaVersion: [String]
        /// Whether homeward writes on opening a copy (GRDB creates and drops a table when the
        /// file has no WAL yet), as `whoami`, which changes nothing itself, shows.
        let opensWithWrite: Bool
    }

    func prepared(importRows: Int) throws -> Prepared {
        let cli = try CLIHarness.initialised()
        for (name, role) in [("olena", "coordinator"), ("audra", "auditor")] {
            try cli.ok("user", "add", name, "--role", role, "--password-stdin", stdin: CLIHarness.staffPassword + "\n")
        }
        let auditor = try cli.sessionToken("audra", password: CLIHarness.staffPassword)
        let coordinator = try cli.sessionToken("olena", password: CLIHarness.staffPassword)
        cli.environment["HOMEWARD_TOKEN"] = coordinator

        let base = try cli.write("base.csv", SyntheticInquiries.csv(rows: 0..<5, series: 1))
        try cli.ok("inquiry", "import", base)
        let references = try cli.objects("inquiry", "list", "--json").compactMap { $0["reference"] as? String }.sorted()
        #expect(references.count == 5)
        let (a, b, i1, i2, i3) = (references[0], references[1], references[2], references[3], references[4])
        let remains = try cli.ok("batch", "add", "--date", "2025-06-14", "--kind", "remains", "--received", "3",
                                 "--regions", "Donetsk").stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        try cli.ok("batch", "import-manifest", remains, try cli.write("remains.csv", [
            SyntheticInquiries.manifestHeader,
            SyntheticInquiries.manifestRow(tag: "R-1", kind: "remains", index: 2, series: 1),
            SyntheticInquiries.manifestRow(tag: "R-2", kind: "remains", index: 3, series: 1),
            "R-3,remains,,,,,,,,,,",
        ].joined(separator: "\n") + "\n"))
        let exchange = try cli.ok("batch", "add", "--date", "2025-06-14", "--kind", "pow_exchange", "--received", "1",
                                  "--regions", "Donetsk").stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        try cli.ok("batch", "import-manifest", exchange, try cli.write("exchange.csv", [
            SyntheticInquiries.manifestHeader, SyntheticInquiries.manifestRow(tag: "T-1", kind: "returnee", index: 4, series: 1),
        ].joined(separator: "\n") + "\n"))
        try cli.ok("match", "--batch", remains, "--save")
        try cli.ok("match", "--batch", exchange, "--save")
        let links = try cli.objects("link", "list", "--json")
        func person(_ index: Int) -> String {
            let name = SyntheticInquiries.name(index)
            return "\(name.family) \(name.given) \(name.patronymic)"
        }
        let l1 = try cli.linkID(record: "\(remains)/R-1", name: person(2), in: links)
        let l2 = try cli.linkID(record: "\(remains)/R-2", name: person(3), in: links)
        let l3 = try cli.linkID(record: "\(exchange)/T-1", name: person(4), in: links)
        try cli.ok("link", "confirm", "\(l2)")
        try cli.ok("link", "confirm", "\(l3)")
        // The sessions count as used a little in the future, so no child opens with the touch of
        // `last_used_at` (a write of its own, once a minute) before the operation under test.
        let pinned = try Hostile.tool(["sqlite3", cli.databasePath,
                                       "UPDATE session SET last_used_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '+50 minutes')"])
        #expect(pinned.status == 0, "\(pinned.stderr)")
        let template = try DatabaseTemplate(of: cli.databasePath)

        let imported = try cli.write("import.csv", SyntheticInquiries.csv(rows: 0..<importRows, series: 2))
        func inquiry(_ reference: String) -> String { "SELECT status FROM inquiry WHERE reference = '\(reference)'" }
        func events(_ action: String, _ entity: String) -> String {
            "SELECT count(*) FROM audit_event WHERE action = '\(action)' AND outcome = 'ok' AND entity_id = '\(entity)'"
        }
        func history(_ record: String) -> String {
            let parts = record.split(separator: "/")
            return """
                SELECT count(*) || ' ' || coalesce(group_concat(e.status), 'none') FROM identification_event e
                JOIN returned_record r ON r.id = e.record_id JOIN batch b ON b.id = r.batch_id
                WHERE b.code = '\(parts[0])' AND r.tag = '\(parts[1])'
                """
        }
        func link(_ id: Int) -> String {
            "SELECT state || ' ' || (decided_by IS NOT NULL) || ' ' || coalesce(decision_reason, 'none') FROM link WHERE id = \(id)"
        }
        let operations = [
            Operation(name: "import", arguments: ["inquiry", "import", imported], footprint: [
                ("SELECT count(*) FROM inquiry", Self.count(importRows)),
                ("SELECT count(*) FROM person", Self.count(importRows)),
                ("SELECT count(*) FROM inquiry i JOIN person_name n ON n.rowid = i.person_id", Self.count(importRows)),
                ("SELECT count(*) FROM audit_event WHERE action = 'inquiry.import' AND outcome = 'ok' AND json_extract(details, '$.rows') = '\(importRows)'",
                 Self.count(1)),
                ("SELECT count(*) FROM audit_event WHERE action = 'inquiry.import'", Self.count(1)),
            ]),
            Operation(name: "merge", arguments: ["inquiry", "merge", a, b, "--force"], footprint: [
                ("""
                 SELECT m.status || ' into ' || coalesce(t.reference, 'none') || ' same person ' || (m.person_id = b.person_id)
                        || ' kept ' || coalesce(m.premerge_status, 'none') || ' ' || (m.premerge_person_id IS NOT NULL)
                 FROM inquiry m JOIN inquiry b ON b.reference = '\(b)' LEFT JOIN inquiry t ON t.id = m.merged_into_id
                 WHERE m.reference = '\(a)'
                 """, Self.becomes("merged into \(b) same person 1 kept open 1")),
                (events("inquiry.merge", a), Self.count(1)),
            ]),
            Operation(name: "link confirm", arguments: ["link", "confirm", "\(l1)"], footprint: [
                (link(l1), Self.becomes("confirmed 1 none")),
                (inquiry(i1), Self.becomes("linked")),
                (events("link.confirm", "\(l1)"), Self.count(1)),
            ]),
            Operation(name: "link reject", arguments: ["link", "reject", "\(l2)", "--reason", "DNA exclusion"], footprint: [
                (link(l2), Self.becomes("rejected 1 DNA exclusion")),
                (inquiry(i2), Self.becomes("open")),
                (events("link.reject", "\(l2)"), Self.count(1)),
            ]),
            Operation(name: "ident set", arguments: ["ident", "set", "\(remains)/R-3", "examination", "--expect", "received"], footprint: [
                (history("\(remains)/R-3"), Self.becomes("1 examination")),
                (events("ident.set", "\(remains)/R-3"), Self.count(1)),
            ]),
            Operation(name: "ident verify", arguments: ["ident", "set", "\(exchange)/T-1", "identity_verified", "--method", "documents"], footprint: [
                (history("\(exchange)/T-1"), Self.becomes("1 identity_verified")),
                (inquiry(i3), Self.becomes("resolved")),
                (events("ident.set", "\(exchange)/T-1"), Self.count(1)),
            ]),
        ]
        let schema = "SELECT schema_version FROM pragma_schema_version"
        let probe = try template.copy(into: cli.folder, "probe")
        let schemaVersion = try Inspection.values(probe, [schema])
        try cli.ok("whoami", "--db", probe)
        let opensWithWrite = try Inspection.values(probe, [schema]) != schemaVersion
        return Prepared(cli: cli, template: template, coordinatorToken: coordinator, auditorToken: auditor, operations: operations,
                        schemaVersion: schemaVersion, opensWithWrite: opensWithWrite)
    }

    /// Runs `operation` uncut on a copy: it must succeed and leave exactly its footprint, and
    /// its timing says where to aim the kills.
    func calibrate(_ operation: Operation, _ p: Prepared, in folder: URL, environment: [String: String]) throws -> Calibration {
        let path = try p.template.copy(into: folder, "calibrate")
        defer { try? FileManager.default.removeItem(at: folder.appendingPathComponent("calibrate")) }
        let sql = operation.footprint.map(\.sql)
        let before = try Inspection.values(path, sql)
        let child = try ChildProcess.spawn(operation.arguments + ["--db", path], environment: environment,
                                           folder: folder.appendingPathComponent("calibrate").path)
        let windows = child.watchWrites(database: path)
        let duration = child.elapsed
        #expect(child.status == 0, "\(operation.name): \(child.stderr)")
        let after = try Inspection.values(path, sql)
        #expect(after == operation.beforeAndAfter(before), "\(operation.name) left \(after), not what it should from \(before)")
        #expect(after != before, "\(operation.name) changed nothing")
        #expect(try Inspection.problems(path).isEmpty)
        let write = windows.max { ($0.upperBound - $0.lowerBound) < ($1.upperBound - $1.lowerBound) }
        #expect(write != nil, "\(operation.name) was never seen holding the write lock")
        return Calibration(before: before, after: after, duration: duration, write: write)
    }

    @Test func aKilledOperationIsWhollyPresentOrWhollyAbsent() throws {
        let kills = FaultSettings.count("HOMEWARD_CRASH_KILLS", default: 12)
        let rows = FaultSettings.count("HOMEWARD_CRASH_IMPORT_ROWS", default: 2000)
        let seed = FaultSettings.seed("HOMEWARD_CRASH_SEED")
        var generator = SeededGenerator(seed: seed)
        let p = try prepared(importRows: rows)
        let trials = p.cli.folder.appendingPathComponent("kills")
        var environment = p.cli.environment
        environment["HOMEWARD_TOKEN"] = p.coordinatorToken
        // A short operation is timed twice and the faster run kept: a first, cold start (binary
        // and file not yet in the page cache) runs slower than the kills' runs will.
        let calibrations = try p.operations.map { operation in
            let first = try calibrate(operation, p, in: trials, environment: environment)
            guard first.duration < .seconds(1) else { return first }
            let second = try calibrate(operation, p, in: trials, environment: environment)
            return second.duration < first.duration ? second : first
        }

        var tally = Tally()
        for kill in 0..<kills {
            let index = kill % p.operations.count
            let (operation, calibration) = (p.operations[index], calibrations[index])
            let plan = calibration.plan(first: kill < p.operations.count, long: operation.name == "import", using: &generator)
            let name = "kill-\(kill)"
            let path = try p.template.copy(into: trials, name)
            let child = try ChildProcess.spawn(operation.arguments + ["--db", path], environment: environment,
                                               folder: trials.appendingPathComponent(name).path)
            switch plan {
            case .fromStart(let delay):
                sleep(until: delay, after: child.started)
            case .intoWrite(let delay, let holding):
                if let seen = child.waitForWrite(database: path, pastFirstWrite: p.opensWithWrite, holding: holding) {
                    sleep(until: delay, after: seen)
                }
            }
            let moment = child.stopAndKill(database: path)
            let context = "kill \(kill) (seed \(seed)), \(operation.name) \(plan.description), \(moment)"

            let state = try Inspection.values(path, operation.footprint.map(\.sql))
            let applied = state == calibration.after
            // GRDB's write on opening creates and drops a table, so the schema cookie tells
            // whether that write had committed: a kill while writing before it was in that write.
            let opened = try Inspection.values(path, ["SELECT schema_version FROM pragma_schema_version"]) != p.schemaVersion
            if !applied && state != calibration.before {
                tally.halfApplied += 1
                Issue.record("\(context): half-applied: \(state); before \(calibration.before), after \(calibration.after)")
            }
            switch moment {
            case .exitedFirst(let status):
                tally.afterExit += 1
                #expect(status == 0 && applied, "\(context): it ended by itself but \(applied ? "" : "did not apply"): \(child.stderr)")
            case .midTransaction where !applied && p.opensWithWrite && !opened:
                tally.openingFile += 1
            case .midTransaction:
                tally.midTransaction += 1
                if applied { tally.midTransactionApplied += 1 }
            case .recoveringWAL:
                tally.openingFile += 1
                #expect(!applied, "\(context): applied before its process had opened the file")
            case .outsideTransaction:
                if applied { tally.afterCommit += 1 } else { tally.beforeWrite += 1 }
            }
            // Only the import changes the schema mid-transaction (it drops and rebuilds indexes
            // around a large load), so only its copies pay for `db check`'s schema comparison.
            let problems = try Inspection.problems(path)
                + Inspection.homewardFailures(p.cli, path, auditorToken: p.auditorToken, schema: operation.name == "import")
            #expect(problems.isEmpty, "\(context): \(problems)")
            tally.kills += 1
            tally.byOperation[operation.name, default: 0] += 1
            try? FileManager.default.removeItem(at: trials.appendingPathComponent(name))
        }
        // Typed: with GRDB in the module graph, an untyped interpolation here can become its SQL literal.
        let operations: String = zip(p.operations, calibrations).map { operation, calibration -> String in
            let write = calibration.write.map { String(format: ", writing %.0f–%.0f", $0.lowerBound.milliseconds, $0.upperBound.milliseconds) } ?? ""
            return "\(operation.name) \(tally.byOperation[operation.name] ?? 0) (\(String(format: "%.0f", calibration.duration.milliseconds)) ms\(write))"
        }.joined(separator: ", ")
        print("crash safety: \(tally.kills) kills (seed \(seed), \(rows)-row import): \(tally.midTransaction) mid-transaction "
              + "(\(tally.midTransactionApplied) of them in the commit), \(tally.openingFile) opening the file (WAL recovery or GRDB's first write), "
              + "\(tally.beforeWrite) otherwise before the write, "
              + "\(tally.afterCommit) after the commit, \(tally.afterExit) after exit; half-applied \(tally.halfApplied); \(operations)")
        #expect(tally.halfApplied == 0)
        #expect(tally.kills == kills)
        // The kills must reach inside transactions, not only fall between them: the first import
        // kill, once the import has been seen writing for a quarter of its usual write, cannot
        // miss its transaction.
        #expect(tally.midTransaction > 0, "no kill landed inside a transaction")
    }
}
