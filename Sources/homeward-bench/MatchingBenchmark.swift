import Foundation
import GRDB
import HomewardCore
import HomewardDemo

/// Matching speed and quality on generated persons and a noisy manifest with known truth.
extension Benchmarks {
    /// A store with `persons` inquiries and one remains batch whose manifest views `records` of them.
    func matchingStore(persons: Int, records: Int, seed: UInt64) throws -> (Homeward, Actor, String, [String: Int], Set<String>, [String: Int]) {
        var generator = MatchingDataGenerator(seed: seed)
        generator.persons = persons
        generator.records = records
        let people = generator.makePersons()
        var truth = MatchingDataGenerator.Truth()
        let manifest = generator.manifestCSV(people, truth: &truth)
        let (homeward, actor) = try freshStore("match-\(persons)-\(seed)")
        let inquiries = folder.appendingPathComponent("match-inquiries-\(persons).csv")
        try Data(generator.inquiryCSV(people).utf8).write(to: inquiries)
        _ = try homeward.importInquiries(actor, table: try CSVTable(contentsOf: inquiries))
        let manifestURL = folder.appendingPathComponent("match-manifest-\(persons).csv")
        try Data(manifest.utf8).write(to: manifestURL)
        let code = try homeward.addBatch(actor, BatchForm(date: generator.batchDate, kind: "remains", received: records,
                                                          regions: ["UA-14", "UA-09", "UA-65", "UA-23", "UA-63", "RU-KRS"])).code
        _ = try homeward.importManifest(actor, code: code, table: try CSVTable(contentsOf: manifestURL))
        // Which reference is which generated person (its number is in the inquiry's notes).
        let queue = try DatabaseQueue(path: folder.appendingPathComponent("match-\(persons)-\(seed).sqlite").path)
        var personByReference: [String: Int] = [:]
        try queue.read { db in
            for row in try Row.fetchAll(db, sql: "SELECT reference, notes FROM inquiry") {
                let notes: String = row["notes"]
                personByReference[row["reference"]] = Int(notes.dropFirst("synthetic-".count))
            }
        }
        return (homeward, actor, code, truth.personByTag, truth.named, personByReference)
    }

    /// Times `match --batch` (top 5) on a 1,212-record batch at each size.
    func matchingSpeed(sizes: [Int]) throws {
        var previous: Double?
        for persons in sizes {
            let (homeward, actor, code, _, _, _) = try matchingStore(persons: persons, records: 1_212, seed: 2025)
            let elapsed = try best {
                let start = Date()
                let result = try homeward.matchBatch(actor, code: code, top: 5)
                precondition(result.records == 1_212)
                return Date().timeIntervalSince(start)
            }
            let growth = previous.map { String(format: ", ×%.2f the previous size", elapsed / $0) } ?? ""
            report("match 1212 records × \(persons) persons (top 5, load included)", seconds(elapsed) + growth)
            previous = elapsed
        }
    }

    /// Named records: share with the true person first. Unnamed: share with the true person
    /// within the top 1, 5 and 10 % of persons (pessimistic: a person outside the list counts
    /// as a miss).
    func matchingQuality(persons: Int, seed: UInt64) throws {
        let (homeward, actor, code, personByTag, named, personByReference) = try matchingStore(persons: persons, records: 1_212, seed: seed)
        let depth = max(persons / 10, 5)
        let start = Date()
        let result = try homeward.matchBatch(actor, code: code, top: depth)
        let elapsed = Date().timeIntervalSince(start)
        var rankByTag: [String: Int] = [:]
        for candidate in result.candidates {
            let tag = String(candidate.record.split(separator: "/").last ?? "")
            if personByReference[candidate.reference] == personByTag[tag] { rankByTag[tag] = candidate.rank }
        }
        let namedTags = personByTag.keys.filter { named.contains($0) }
        let unnamedTags = personByTag.keys.filter { !named.contains($0) }
        let first = namedTags.filter { rankByTag[$0] == 1 }.count
        func within(_ share: Double) -> Int {
            let cut = max(1, Int(Double(persons) * share))
            return unnamedTags.filter { (rankByTag[$0] ?? Int.max) <= cut }.count
        }
        func percent(_ count: Int, _ total: Int) -> String { String(format: "%.1f %%", 100 * Double(count) / Double(max(total, 1))) }
        report("matching quality, \(persons) persons, seed \(seed): named records true person first",
               "\(percent(first, namedTags.count)) of \(namedTags.count)")
        report("matching quality, \(persons) persons, seed \(seed): unnamed remains true person in top 1 / 5 / 10 %",
               "\(percent(within(0.01), unnamedTags.count)) / \(percent(within(0.05), unnamedTags.count)) / \(percent(within(0.10), unnamedTags.count)) of \(unnamedTags.count)")
        report("  (ranking \(depth) per record took \(seconds(elapsed)))", "")
        if ProcessInfo.processInfo.environment["DIAG"] != nil {
            let queue = try DatabaseQueue(path: folder.appendingPathComponent("match-\(persons)-\(seed).sqlite").path)
            let cut = max(1, Int(Double(persons) * 0.05))
            var refByPerson: [Int: String] = [:]
            for (ref, p) in personByReference { refByPerson[p] = ref }
            try queue.read { db in
                for tag in unnamedTags {
                    let rank = rankByTag[tag] ?? Int.max
                    guard let ref = refByPerson[personByTag[tag]!] else { continue }
                    let r = try Row.fetchOne(db, sql: "SELECT sex, age_min, age_max, recovery_region, recovery_date FROM returned_record WHERE tag = ?", arguments: [tag])!
                    let p = try Row.fetchOne(db, sql: "SELECT p.sex, p.date_of_birth, p.last_known_region, p.last_seen_to FROM person p JOIN inquiry i ON i.person_id = p.id WHERE i.reference = ?", arguments: [ref])!
                    print("DIAG \(rank <= cut ? "ok  " : "MISS") rank \(rank == Int.max ? -1 : rank) rec[\(r[0] as String? ?? "-") \(r[1] as Int? ?? -1)-\(r[2] as Int? ?? -1) \(r[3] as String? ?? "-") \(r[4] as String? ?? "-")] per[\(p[0] as String) \(p[1] as String? ?? "-") \(p[2] as String) \(p[3] as String)]")
                }
            }
        }
    }
}
