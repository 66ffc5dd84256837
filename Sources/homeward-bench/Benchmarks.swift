import Foundation
import HomewardCore
import HomewardDemo

struct BenchSettings {
    var rows: Int
    var manifestRows: Int
    var queries: Int
    var runs: Int
}

/// The measurements of DESIGN §10 that this build can make.
struct Benchmarks {
    let settings: BenchSettings
    let folder: URL
    let staffPassword = "quiet lanterns over the harbour"

    init(_ settings: BenchSettings) {
        self.settings = settings
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("homeward-bench-\(getpid())")
    }

    func runAll() throws {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        defer { try? FileManager.default.removeItem(at: folder) }
        var generator = InquiryCSVGenerator(seed: 2024)
        generator.rows = settings.rows
        let csvURL = folder.appendingPathComponent("inquiries.csv")
        try Data(generator.makeFile()).write(to: csvURL)
        report("generated", "\(settings.rows) inquiry rows, \(try size(csvURL) / 1_000_000) MB, seed 2024")

        try importAgainstFloors(csvURL)
        var homewardSeconds = Double.infinity
        var store: (Homeward, Actor)?
        for run in 0..<settings.runs {
            let (homeward, actor) = try freshStore("import-\(run)")
            if run == 0 {
                let dryStart = Date()
                _ = try homeward.importInquiries(actor, file: csvURL, dryRun: true)
                report("homeward inquiry import --dry-run", seconds(Date().timeIntervalSince(dryStart)))
            }
            let start = Date()
            let summary = try homeward.importInquiries(actor, file: csvURL)
            precondition(summary.rows == settings.rows)
            homewardSeconds = min(homewardSeconds, Date().timeIntervalSince(start))
            store = (homeward, actor)
        }
        let parseStart = Date()
        _ = try CSVTable(contentsOf: csvURL)
        report("homeward inquiry import (\(settings.rows) rows, in process, streamed)",
               "\(seconds(homewardSeconds)) (the whole file parsed alone: \(seconds(Date().timeIntervalSince(parseStart)))), "
                   + "process peak so far \(mebibytes(processPeakKiB))")
        guard let (homeward, actor) = store else { return }
        try searchBenchmark(homeward, actor)
        try manifestBenchmark(homeward, actor)
        try loginBenchmark()
        try reportAndStartup()
        if !CommandLine.arguments.contains("--no-matching") { try matchingSpeed(sizes: [100_000, 200_000]) }
    }

    /// Name search with queries in Cyrillic, official Latin and Latin with a typo.
    func searchBenchmark(_ homeward: Homeward, _ actor: Actor) throws {
        var random = SeededRandom(seed: 7)
        let sample = try homeward.inquiries(actor, filter: InquiryFilter(limit: 5_000))
        var timings = [Double]()
        var found = 0
        for index in 0..<settings.queries {
            let person = sample[random.int(in: 0...(sample.count - 1))]
            let latinWords = person.latinName.split(separator: " ").map(String.init)
            let query: String
            switch index % 3 {
            case 0: query = "\(person.familyName) \(person.givenName)"
            case 1: query = latinWords.joined(separator: " ")
            default:
                var family = Array(latinWords.first ?? "")
                if family.count > 5 { family.swapAt(3, 4) }
                query = ([String(family)] + latinWords.dropFirst()).joined(separator: " ")
            }
            let start = Date()
            let hits = try homeward.search(actor, query, limit: 50)
            timings.append(Date().timeIntervalSince(start))
            if hits.contains(where: { $0.familyName == person.familyName && $0.givenName == person.givenName }) { found += 1 }
        }
        timings.sort()
        let p50 = timings[timings.count / 2], p95 = timings[Int(Double(timings.count) * 0.95)]
        let p99 = timings[min(timings.count - 1, Int(Double(timings.count) * 0.99))]
        report("name search (\(settings.rows) persons, \(settings.queries) queries, in process)",
               "p50 \(millis(p50)), p95 \(millis(p95)), p99 \(millis(p99)), max \(millis(timings.last ?? 0)); person found in \(found)/\(settings.queries)")
    }

    func manifestBenchmark(_ homeward: Homeward, _ actor: Actor) throws {
        var lines = ["tag,kind,name,service_number,sex,age_min,age_max,recovery_region,recovery_place,recovery_date,effects,notes"]
        var random = SeededRandom(seed: 11)
        for index in 1...settings.manifestRows {
            let age = random.int(in: 18...50)
            lines.append("R-\(index),remains,,,male,\(age),\(age + 10),\(random.pick(["Donetsk", "UA-09", "Херсонська область", "Zaporozhye", "Kursk"])),,2025-0\(random.int(in: 1...5))-1\(random.int(in: 0...9)),\"personal effects, tag\",")
        }
        let url = folder.appendingPathComponent("manifest.csv")
        try Data((lines.joined(separator: "\r\n") + "\r\n").utf8).write(to: url)
        let elapsed = try best {
            let code = try homeward.addBatch(actor, BatchForm(date: "2025-06-14", kind: "remains", received: settings.manifestRows,
                                                              regions: ["UA-14,UA-09,UA-65,UA-23,RU-KRS"])).code
            let start = Date()
            let summary = try homeward.importManifest(actor, code: code, table: try CSVTable(contentsOf: url))
            precondition(summary.rows == settings.manifestRows)
            return Date().timeIntervalSince(start)
        }
        report("manifest import (\(settings.manifestRows) records, in process)", "\(seconds(elapsed)), process peak so far \(mebibytes(processPeakKiB))")
    }

    func loginBenchmark() throws {
        let (homeward, _) = try freshStore("login")
        var timings = [Double]()
        for _ in 0..<7 {
            let start = Date()
            _ = try homeward.login(name: "olena", password: staffPassword)
            timings.append(Date().timeIntervalSince(start))
        }
        timings.sort()
        let parameters = Argon2Parameters.policy
        report("login (argon2id m=\(parameters.memoryKiB) KiB, t=\(parameters.iterations), p=\(parameters.parallelism))",
               "median \(millis(timings[timings.count / 2]))")
    }

    // MARK: - Helpers

    /// A new database file with an admin and a logged-in coordinator.
    func freshStore(_ name: String) throws -> (Homeward, Actor) {
        let homeward = try Homeward.open(path: folder.appendingPathComponent("\(name).sqlite").path, create: true)
        try homeward.initialise(adminName: "admin", password: "river stones remember every flood")
        let admin = try homeward.login(name: "admin", password: "river stones remember every flood").actor
        try homeward.addUser(admin, name: "olena", role: .coordinator, password: staffPassword)
        return (homeward, try homeward.login(name: "olena", password: staffPassword).actor)
    }

    func best(_ body: () throws -> Double) throws -> Double {
        var result = Double.infinity
        for _ in 0..<settings.runs { result = min(result, try body()) }
        return result
    }

    func size(_ url: URL) throws -> Int {
        (try FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int) ?? 0
    }

    func report(_ name: String, _ value: String) { print("\(name): \(value)") }
    func seconds(_ value: Double) -> String { String(format: "%.3f s", value) }
    func millis(_ value: Double) -> String { String(format: "%.2f ms", value * 1000) }
}

enum BenchError: Error, CustomStringConvertible {
    case childFailed(String)
    var description: String {
        switch self {
        case let .childFailed(what): what
        }
    }
}

/// The benchmark process's own peak resident memory so far.
var processPeakKiB: Int {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return usage.ru_maxrss
}
