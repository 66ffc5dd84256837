import Foundation
import GRDB

extension Homeward {
    /// Candidate persons for every live record of a batch, best `top` per record, each with
    /// its reasons; `minScore` (log10) drops weaker ones. With `save`, the candidates are
    /// stored as links in state `candidate` (see ``saveRecordLinks``).
    ///
    /// Only persons with an open or linked inquiry whose consent covers tracing are matched;
    /// a person rejected for a record is never proposed for it again.
    public func matchBatch(_ actor: Actor, code text: String, top: Int = 5, minScore: Double? = nil,
                           save: Bool = false) throws -> BatchMatches {
        let code = try BatchCode.parse(text)
        let action = save ? "match.save" : "match.batch"
        try authorize(actor, .runMatching, action: action, entityType: "batch", entityID: code)
        return try recordingFailure(action, by: actor, entityType: "batch", entityID: code) {
            let top = try Self.checkedTop(top)
            let (batchID, allRecords, population, decisions, links) = try read { db -> (Int64, [MatchRecord], MatchPopulation, BatchRanking.Decisions, [LinkKey: (id: Int64, state: String)]) in
                guard let batch = try Row.fetchOne(db, sql: "SELECT id, date FROM batch WHERE code = ?", arguments: [code]) else {
                    throw CaseworkError.noSuchBatch(code)
                }
                let batchID: Int64 = batch["id"]
                let date = CalendarDate(batch["date"] as String) ?? today
                return (batchID, try MatchRecord.load(batchID: batchID, code: code, date: date, db), try MatchPopulation.load(db),
                        try Self.decisions(batchID: batchID, db), try Self.recordLinks(batchID: batchID, db))
            }
            // A record someone is confirmed as is settled: it is not matched again (its person
            // still weighs little in the other records, through the claim factor).
            let confirmedRecords = Set(decisions.confirmed.values.map(\.recordID))
            let records = allRecords.filter { !confirmedRecords.contains($0.recordID) }
            let ranking = BatchRanking(matcher: RecordMatcher(model: EvidenceModel(population: population)))
            let lists = ranking.rank(records, top: top, decisions: decisions)
            var views: [RecordMatchView] = []
            var chosen: [(record: MatchRecord, candidate: RecordCandidate)] = []
            for (record, list) in zip(records, lists) {
                // Against the score as shown and stored, so that a score copied from the output keeps its candidate.
                for (rank, candidate) in list.enumerated() where minScore.map({ Self.rounded(candidate.score) >= $0 }) ?? true {
                    let person = population.persons[Int(candidate.person)]
                    let link = links[LinkKey(record: record.recordID, person: person.personID)]
                    views.append(RecordMatchView(
                        record: record.address, recordName: record.name, reference: person.reference, name: person.name,
                        rank: rank + 1, score: Self.rounded(candidate.score), likelihoodRatio: pow(10, candidate.score),
                        reasons: candidate.factors.map(\.reason), link: link?.id, linkState: link?.state))
                    chosen.append((record, candidate))
                }
            }
            var saved: MatchSaved?
            if save {
                saved = try write { db in
                    let floor = minScore ?? MatchWeights.saveFloor
                    var result = try saveRecordLinks(chosen.filter { $0.candidate.score >= floor }, batchID: batchID,
                                                     population: population, by: actor, in: db)
                    result.weak = chosen.count { $0.candidate.score < floor }
                    try audit(AuditEntry(action: "match.save", entityType: "batch", entityID: code, details: [
                        "records": String(records.count), "added": String(result.added), "updated": String(result.updated),
                        "not_saved": String(result.weak),
                        "unchanged": String(result.unchanged),
                    ]), by: actor, in: db)
                    return result
                }
                // Show the stored links' ids.
                let stored = try read { db in try Self.recordLinks(batchID: batchID, db) }
                for index in views.indices {
                    let person = population.persons[Int(chosen[index].candidate.person)]
                    let link = stored[LinkKey(record: chosen[index].record.recordID, person: person.personID)]
                    views[index].link = link?.id
                    views[index].linkState = link?.state
                }
            }
            return BatchMatches(batch: code, records: allRecords.count, settled: allRecords.count - records.count,
                                persons: population.count, candidates: views, saved: saved)
        }
    }

    static func checkedTop(_ top: Int) throws -> Int {
        guard (1...100_000).contains(top) else {
            throw CaseworkError.invalid([FieldProblem(field: "top", message: "must be between 1 and 100000")])
        }
        return top
    }

    /// Scores rounded for display and storage: differences below 0.001 in log10 mean nothing.
    static func rounded(_ score: Double) -> Double {
        (score * 1000).rounded() / 1000
    }

    struct LinkKey: Hashable {
        var record: Int64
        var person: Int64
    }

    /// Record-level links of a batch by pair.
    static func recordLinks(batchID: Int64, _ db: Database) throws -> [LinkKey: (id: Int64, state: String)] {
        var links: [LinkKey: (id: Int64, state: String)] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT id, record_id, person_id, state FROM link WHERE batch_id = ? AND record_id IS NOT NULL",
                                    arguments: [batchID]) {
            links[LinkKey(record: row["record_id"], person: row["person_id"])] = (row["id"], row["state"])
        }
        return links
    }

    /// Rejections for the batch's records and every confirmed record link.
    static func decisions(batchID: Int64, _ db: Database) throws -> BatchRanking.Decisions {
        var decisions = BatchRanking.Decisions()
        for row in try Row.fetchAll(db, sql: "SELECT record_id, person_id FROM link WHERE batch_id = ? AND state = 'rejected' AND record_id IS NOT NULL",
                                    arguments: [batchID]) {
            decisions.rejected[row["record_id"], default: []].insert(row["person_id"])
        }
        for row in try Row.fetchAll(db, sql: """
            SELECT l.person_id, l.record_id, b.code || '/' || r.tag AS address
            FROM link l JOIN returned_record r ON r.id = l.record_id JOIN batch b ON b.id = r.batch_id
            WHERE l.state = 'confirmed' AND l.record_id IS NOT NULL
            """) {
            decisions.confirmed[row["person_id"]] = (row["record_id"], row["address"])
        }
        return decisions
    }

    /// Stores candidates as links: a new pair becomes a `candidate`; a stored candidate gets
    /// the new score and reasons; a pair a person decided (confirmed or rejected) is left
    /// exactly as it is, so re-running matching never duplicates or resurrects anything.
    func saveRecordLinks(_ chosen: [(record: MatchRecord, candidate: RecordCandidate)], batchID: Int64,
                         population: MatchPopulation, by actor: Actor, in db: Database) throws -> MatchSaved {
        var saved = MatchSaved()
        let stamp = Timestamp.text(now)
        for (record, candidate) in chosen {
            let person = population.persons[Int(candidate.person)]
            let score = Self.rounded(candidate.score)
            let reasons = try Self.reasonsJSON(candidate.factors.map(\.reason))
            try storeLink(person: person, batchID: batchID, recordID: record.recordID, score: score, reasons: reasons,
                          stamp: stamp, actor: actor, into: &saved, db)
        }
        return saved
    }

    /// Inserts or refreshes one candidate link (record-level when `recordID` is given).
    func storeLink(person: MatchPerson, batchID: Int64, recordID: Int64?, score: Double, reasons: String, stamp: String,
                   actor: Actor, into saved: inout MatchSaved, _ db: Database) throws {
        let existing = try Row.fetchOne(db, sql: """
            SELECT id, state, score, reasons FROM link
            WHERE person_id = ? AND batch_id = ? AND record_id IS ?
            """, arguments: [person.personID, batchID, recordID])
        guard let existing else {
            try db.execute(sql: """
                INSERT INTO link (person_id, inquiry_id, batch_id, record_id, score, reasons, created_at, created_by, scored_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [person.personID, person.inquiryID, batchID, recordID, score, reasons, stamp, actor.userID, stamp])
            saved.added += 1
            return
        }
        guard existing["state"] as String == "candidate" else {
            saved.decided += 1
            return
        }
        if existing["score"] as Double == score, existing["reasons"] as String == reasons {
            saved.unchanged += 1
            return
        }
        try db.execute(sql: "UPDATE link SET score = ?, reasons = ?, scored_at = ?, inquiry_id = ? WHERE id = ? AND state = 'candidate'",
                       arguments: [score, reasons, stamp, person.inquiryID, existing["id"] as Int64])
        saved.updated += 1
    }

    static func reasonsJSON(_ reasons: [String]) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        return String(decoding: try encoder.encode(reasons), as: UTF8.self)
    }
}
