import Foundation
import Synchronization
import Testing

/// Issue "Prove it", item 3: eight processes at once against one database, setting
/// identification statuses, deciding links and adding inquiries. Every acknowledged write is
/// there afterwards, no "database is locked" reaches anyone, the audit chain runs 1…N without
/// gaps or forks, and records two processes changed lose no update.
///
/// HOMEWARD_CONCURRENCY_OPS (default 3 per process and round), HOMEWARD_CONCURRENCY_ROUNDS
/// (default 2) and HOMEWARD_CONCURRENCY_SEED size it; `make concurrency` runs more.
@Suite(.serialized) struct ConcurrencyTests {
    static let workers = 8
    /// The family name of every inquiry the workers add, to find them afterwards.
    static let addedFamily = "Паралельний"

    /// One command a worker runs.
    enum Step {
        /// `inquiry add` of a person of its own.
        case addInquiry
        /// The next status of the worker's own record, `--expect` the one it set last.
        case ownStatus
        /// A decision on one of the worker's own candidate links.
        case ownLink(index: Int, confirm: Bool)
        /// Read the shared record's status, then set the next one `--expect` what was read.
        case contestedStatus
        /// `link confirm` of the round's shared link: one of the eight wins.
        case contestedLink
    }

    /// What one worker did, for the checks afterwards (nothing is asserted off the test's thread).
    struct WorkerLog: Sendable {
        /// Reference and given name of each inquiry acknowledged.
        var added: [(reference: String, given: String)] = []
        /// Statuses of the own record, in the order acknowledged.
        var ownStatuses: [String] = []
        /// Own links decided: link id and whether confirmed.
        var decided: [(id: Int, confirmed: Bool)] = []
        /// Transitions of the shared record acknowledged: (expected, set).
        var contestedWins: [(from: String, to: String)] = []
        var contestedLosses = 0
        /// Rounds in which this worker won the race on the round's record, and the round's link.
        var racesWon: [Int] = []
        var linksWon: [Int] = []
        var losses = 0
        var commands = 0
        /// Any outcome that was not one the step allows, and any stderr naming a lock or busy.
        var unexpected: [String] = []
    }

    struct Prepared {
        let cli: CLIHarness
        let batch: String
        let tokens: [String]
        let auditorToken: String
        /// Per worker, its candidate links (id) with their inquiry's reference.
        let pools: [[(id: Int, reference: String)]]
        /// Per round, the shared link.
        let contestedLinks: [Int]
    }

    /// Coordinators olena and petro (the workers alternate), auditor audra; one remains batch with
    /// the shared record C-1, a race record per round, an own record per worker, named records with
    /// a candidate link each for the workers' pools, and one per round for the shared link.
    func prepared(rounds: Int, pool: Int) throws -> Prepared {
        let cli = try CLIHarness.initialised()
        for (name, role) in [("olena", "coordinator"), ("petro", "coordinator"), ("audra", "auditor")] {
            try cli.ok("user", "add", name, "--role", role, "--password-stdin", stdin: CLIHarness.staffPassword + "\n")
        }
        let auditor = try cli.sessionToken("audra", password: CLIHarness.staffPassword)
        let petro = try cli.sessionToken("petro", password: CLIHarness.staffPassword)
        let olena = try cli.sessionToken("olena", password: CLIHarness.staffPassword)
        cli.environment["HOMEWARD_TOKEN"] = olena

        let persons = Self.workers * pool + rounds
        try cli.ok("inquiry", "import", try cli.write("persons.csv", SyntheticInquiries.csv(rows: 0..<persons, series: 3)))
        var manifest = [SyntheticInquiries.manifestHeader, "C-1,remains,,,,,,,,,,"]
        manifest += (0..<rounds).map { "RACE-\($0),remains,,,,,,,,,," }
        manifest += (0..<Self.workers).map { "OWN-\($0),remains,,,,,,,,,," }
        manifest += (0..<persons).map { SyntheticInquiries.manifestRow(tag: "L-\($0)", kind: "remains", index: $0, series: 3) }
        let batch = try cli.ok("batch", "add", "--date", "2025-06-14", "--kind", "remains", "--received", "\(manifest.count - 1)",
                               "--regions", "Donetsk").stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        try cli.ok("batch", "import-manifest", batch, try cli.write("manifest.csv", manifest.joined(separator: "\n") + "\n"))
        try cli.ok("match", "--batch", batch, "--save")
        let links = try cli.objects("link", "list", "--batch", batch, "--json")
        func link(_ index: Int) throws -> (id: Int, reference: String) {
            let name = SyntheticInquiries.name(index)
            let id = try cli.linkID(record: "\(batch)/L-\(index)", name: "\(name.family) \(name.given) \(name.patronymic)", in: links)
            let reference = try #require(links.first { $0["id"] as? Int == id }?["reference"] as? String)
            return (id, reference)
        }
        let pools = try (0..<Self.workers).map { worker in try (0..<pool).map { try link(worker * pool + $0) } }
        let contested = try (0..<rounds).map { try link(Self.workers * pool + $0).id }
        return Prepared(cli: cli, batch: batch, tokens: [olena, petro], auditorToken: auditor, pools: pools, contestedLinks: contested)
    }

    /// Each worker's steps per round, drawn from the seed: `operations` random ones and, at a
    /// random place among them, the round's shared link. Own links run out; then it adds.
    static func plans(rounds: Int, operations: Int, pool: Int, using generator: inout SeededGenerator) -> [[[Step]]] {
        var used = Array(repeating: 0, count: workers)
        return (0..<rounds).map { _ in
            (0..<workers).map { worker in
                var steps: [Step] = (0..<operations).map { _ in
                    switch Int.random(in: 0..<4, using: &generator) {
                    case 0: return .ownStatus
                    case 1 where used[worker] < pool:
                        used[worker] += 1
                        return .ownLink(index: used[worker] - 1, confirm: Bool.random(using: &generator))
                    case 2: return .contestedStatus
                    default: return .addInquiry
                    }
                }
                steps.insert(.contestedLink, at: Int.random(in: 0...steps.count, using: &generator))
                return steps
            }
        }
    }

    /// Runs `body(worker)` on eight threads released together; their results in worker order.
    static func together<T: Sendable>(_ body: @escaping @Sendable (Int) -> T) -> [T] {
        let results = Mutex([Int: T]())
        let start = DispatchSemaphore(value: 0)
        let done = DispatchGroup()
        for worker in 0..<workers {
            done.enter()
            Thread {
                start.wait()
                let result = body(worker)
                results.withLock { $0[worker] = result }
                done.leave()
            }.start()
        }
        for _ in 0..<workers { start.signal() }
        done.wait()
        return results.withLock { all in (0..<workers).compactMap { all[$0] } }
    }

    /// The next status along examination ⇄ dna_sampled (received goes to examination).
    static func next(after status: String) -> String { status == "examination" ? "dna_sampled" : "examination" }

    /// Runs one worker's steps of `round`, carrying its log from the rounds before.
    static func run(_ worker: Int, round: Int, _ steps: [Step], _ p: Prepared, log start: WorkerLog) -> WorkerLog {
        var log = start
        let session = ["HOMEWARD_TOKEN": p.tokens[worker % p.tokens.count]]
        func homeward(_ arguments: [String]) -> CLIHarness.Outcome? {
            log.commands += 1
            guard let outcome = try? p.cli.run(arguments, extraEnvironment: session) else {
                log.unexpected.append("could not start homeward \(arguments.joined(separator: " "))")
                return nil
            }
            let said = outcome.stderr.lowercased()
            if said.contains("locked") || said.contains("busy") {
                log.unexpected.append("homeward \(arguments.joined(separator: " ")): \(outcome.stderr)")
            }
            return outcome
        }
        /// Exit 0, or 65 "changed meanwhile" where another worker may have come first.
        func won(_ outcome: CLIHarness.Outcome?, _ arguments: [String], contested: Bool) -> Bool {
            guard let outcome else { return false }
            if outcome.status == 0 { return true }
            if !(contested && outcome.status == 65 && outcome.stderr.hasPrefix("error: changed meanwhile: ")) {
                log.unexpected.append("homeward \(arguments.joined(separator: " ")) → \(outcome.status): \(outcome.stderr)")
            }
            log.losses += 1
            return false
        }

        // Every round opens with all eight setting the round's record from received at once.
        let race = ["ident", "set", "\(p.batch)/RACE-\(round)", "examination", "--expect", "received"]
        if won(homeward(race), race, contested: true) { log.racesWon.append(round) }
        for (index, step) in steps.enumerated() {
            switch step {
            case .addInquiry:
                let given = "Учасник" + letters(worker * 100_000 + round * 1000 + index)
                let arguments = ["inquiry", "add", "--family-name", addedFamily, "--given-name", given, "--region", "UA-14",
                                 "--last-seen", "2024-05", "--inquirer-name", "\(addedFamily) Марія", "--relationship", "мати",
                                 "--phone", "+38068" + String(format: "%d%02d%04d", worker, round, index), "--consent-tracing", "yes"]
                let outcome = homeward(arguments)
                if won(outcome, arguments, contested: false), let outcome {
                    log.added.append((outcome.stdout.trimmingCharacters(in: .whitespacesAndNewlines), given))
                }
            case .ownStatus:
                let current = log.ownStatuses.last ?? "received"
                let target = next(after: current)
                let arguments = ["ident", "set", "\(p.batch)/OWN-\(worker)", target, "--expect", current]
                if won(homeward(arguments), arguments, contested: false) { log.ownStatuses.append(target) }
            case .ownLink(let index, let confirm):
                let id = p.pools[worker][index].id
                let arguments = confirm ? ["link", "confirm", "\(id)"] : ["link", "reject", "\(id)", "--reason", "not this person"]
                if won(homeward(arguments), arguments, contested: false) { log.decided.append((id, confirm)) }
            case .contestedStatus:
                let show = ["batch", "show", "\(p.batch)/C-1", "--json"]
                guard let shown = homeward(show), won(shown, show, contested: false),
                      let record = try? JSONSerialization.jsonObject(with: Data(shown.stdout.utf8)) as? [String: Any],
                      let current = record["status"] as? String else {
                    log.unexpected.append("no status for \(p.batch)/C-1")
                    continue
                }
                let target = next(after: current)
                let arguments = ["ident", "set", "\(p.batch)/C-1", target, "--expect", current]
                if won(homeward(arguments), arguments, contested: true) {
                    log.contestedWins.append((current, target))
                } else {
                    log.contestedLosses += 1
                }
            case .contestedLink:
                let arguments = ["link", "confirm", "\(p.contestedLinks[round])"]
                if won(homeward(arguments), arguments, contested: true) { log.linksWon.append(round) }
            }
        }
        return log
    }

    /// A number as Cyrillic letters (base 20), for names no other inquiry has.
    static func letters(_ number: Int) -> String {
        let alphabet = Array("абвгдежзиклмнопрстух")
        var number = number, text = ""
        repeat {
            text = String(alphabet[number % alphabet.count]) + text
            number /= alphabet.count
        } while number > 0
        return text
    }

    /// Counts of audit events by action and outcome ("ident.set ok" → 12).
    static func auditCounts(_ database: String) throws -> [String: Int] {
        var counts: [String: Int] = [:]
        for row in try Inspection.rows(database, "SELECT action || ' ' || outcome, count(*) FROM audit_event GROUP BY 1") {
            let parts = row.split(separator: "|")
            if parts.count == 2 { counts[String(parts[0])] = Int(parts[1]) }
        }
        return counts
    }

    /// The statuses of a record's identification history, oldest first.
    static func history(_ database: String, _ batch: String, _ tag: String) throws -> [String] {
        try Inspection.rows(database, """
            SELECT e.status FROM identification_event e JOIN returned_record r ON r.id = e.record_id
            JOIN batch b ON b.id = r.batch_id WHERE b.code = '\(batch)' AND r.tag = '\(tag)' ORDER BY e.id
            """)
    }

    @Test func eightProcessesAtOnceLoseNothingAndNeverSeeALock() throws {
        let operations = FaultSettings.count("HOMEWARD_CONCURRENCY_OPS", default: 3)
        let rounds = FaultSettings.count("HOMEWARD_CONCURRENCY_ROUNDS", default: 2)
        let seed = FaultSettings.seed("HOMEWARD_CONCURRENCY_SEED")
        var generator = SeededGenerator(seed: seed)
        // Enough own links for a third of the steps; a worker that runs out adds inquiries instead.
        let pool = operations * rounds / 3 + 1
        let p = try prepared(rounds: rounds, pool: pool)
        let database = p.cli.databasePath
        let plans = Self.plans(rounds: rounds, operations: operations, pool: pool, using: &generator)
        let before = try Self.auditCounts(database)

        var logs = Array(repeating: WorkerLog(), count: Self.workers)
        for round in 0..<rounds {
            let carried = logs
            logs = Self.together { worker in Self.run(worker, round: round, plans[round][worker], p, log: carried[worker]) }
        }
        #expect(logs.count == Self.workers)
        for (worker, log) in logs.enumerated() {
            #expect(log.unexpected.isEmpty, "worker \(worker): \(log.unexpected)")
        }

        // Every acknowledged inquiry is there, with the name it was given, and nothing else.
        let added = logs.flatMap(\.added)
        let stored = try Inspection.rows(database, """
            SELECT i.reference || '|' || p.given_name FROM inquiry i JOIN person p ON p.id = i.person_id
            WHERE p.family_name = '\(Self.addedFamily)'
            """)
        #expect(Set(stored) == Set(added.map { "\($0.reference)|\($0.given)" }) && stored.count == added.count,
                "\(added.count) acknowledged, \(stored.count) stored")

        // Each own record's history is exactly what its worker was told, in order.
        for (worker, log) in logs.enumerated() {
            #expect(try Self.history(database, p.batch, "OWN-\(worker)") == log.ownStatuses, "OWN-\(worker)")
        }

        // Each own link is as decided, and its inquiry moved (or not) with it.
        let decided = logs.flatMap(\.decided)
        for (id, confirmed) in decided {
            let reference = try #require(p.pools.joined().first { $0.id == id }?.reference)
            let state = try Inspection.values(database, ["SELECT state FROM link WHERE id = \(id)",
                                                         "SELECT status FROM inquiry WHERE reference = '\(reference)'"])
            #expect(state == (confirmed ? ["confirmed", "linked"] : ["rejected", "open"]), "link \(id): \(state)")
        }

        // The races: one winner each, the history exactly its one change.
        for round in 0..<rounds {
            #expect(logs.filter { $0.racesWon.contains(round) }.count == 1, "race \(round)")
            #expect(try Self.history(database, p.batch, "RACE-\(round)") == ["examination"], "RACE-\(round)")
            #expect(logs.filter { $0.linksWon.contains(round) }.count == 1, "shared link of round \(round)")
            #expect(try Inspection.values(database, ["SELECT state FROM link WHERE id = \(p.contestedLinks[round])"]) == ["confirmed"])
        }

        // The shared record: its history's steps are exactly the acknowledged ones. A lost update
        // (two processes both moving it from the same status) would show as a step the history
        // does not have, or one more acknowledgement than there are changes.
        let history = try Self.history(database, p.batch, "C-1")
        let steps = zip(["received"] + history, history).map { "\($0)→\($1)" }
        let wins = logs.flatMap(\.contestedWins).map { "\($0.from)→\($0.to)" }
        #expect(steps.sorted() == wins.sorted(), "history \(steps), acknowledged \(wins)")
        let contestedTries = logs.map { $0.contestedWins.count + $0.contestedLosses }.reduce(0, +)

        // The trail: one event per write acknowledged, one `failed` per race lost; 1…N, no fork.
        let after = try Self.auditCounts(database)
        func delta(_ key: String) -> Int { (after[key] ?? 0) - (before[key] ?? 0) }
        let ownStatuses = logs.map(\.ownStatuses.count).reduce(0, +)
        #expect(delta("inquiry.add ok") == added.count)
        #expect(delta("ident.set ok") == ownStatuses + wins.count + rounds)
        #expect(delta("link.confirm ok") == decided.filter(\.confirmed).count + rounds)
        #expect(delta("link.reject ok") == decided.filter { !$0.confirmed }.count)
        let losses = logs.map(\.losses).reduce(0, +)
        #expect(delta("ident.set failed") + delta("link.confirm failed") == losses)
        #expect(try Inspection.problems(database).isEmpty)
        #expect(try Inspection.homewardFailures(p.cli, database, auditorToken: p.auditorToken).isEmpty)
        let events = try Inspection.values(database, ["SELECT max(seq) FROM audit_event"]).first ?? "?"

        let commands = logs.map(\.commands).reduce(0, +)
        let writes = added.count + ownStatuses + decided.count + wins.count + rounds * 2
        print("concurrency: \(Self.workers) processes × \(rounds) rounds × \(operations) steps (seed \(seed)): \(commands) commands, "
              + "\(writes) writes acknowledged and found (\(added.count) inquiries added, \(ownStatuses + wins.count + rounds) status "
              + "changes, \(decided.count + rounds) link decisions); shared record \(wins.count) of \(contestedTries) tries won, "
              + "\(rounds) races and \(rounds) shared links won once each, \(losses) told \"changed meanwhile\"; "
              + "0 lost updates, 0 \"locked\"/\"busy\"; audit 1…\(events) intact")
    }
}
