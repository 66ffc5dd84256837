import Foundation
import GRDB

/// What a batch says about who it may concern, before or beside its manifest.
struct MatchBatch {
    let id: Int64
    let code: String
    let kind: BatchKind
    let date: CalendarDate
    let status: String
    let regions: [String]
    let records: [MatchRecord]
}

extension EvidenceModel {
    /// Every factor of a batch for one person: recovery regions, date and kind against last
    /// seen, and the best record of the manifest.
    func batchFactors(_ batch: MatchBatch, _ person: MatchPerson) -> (factors: [MatchFactor], best: String?) {
        var factors: [MatchFactor] = []
        factors.append(batchRegion(batch.regions, person.region))
        let delay = Self.daysAfterLastSeen(day: batch.date.dayNumber, from: person.lastSeen.from.dayNumber,
                                           to: person.lastSeen.to.dayNumber)
        let when = switch delay {
        case 0: "batch of \(batch.date), within the days last seen"
        case 1...Int(MatchWeights.transferSpanDays):
            "batch of \(batch.date), \(delay) day\(delay == 1 ? "" : "s") after last seen (any delay up to \(Int(MatchWeights.transferSpanDays / 365.25)) years is as likely)"
        case 1...: "batch of \(batch.date), \(delay) days after last seen (more than \(Int(MatchWeights.transferSpanDays / 365.25)) years)"
        default: "batch of \(batch.date), \(-delay) day\(delay == -1 ? "" : "s") before last seen"
        }
        factors.append(MatchFactor("date", ratio: dateRatio(delay: delay, day: batch.date.dayNumber, recovered: false), when))
        let kind: (Double, String) = switch batch.kind {
        case .remains: (MatchWeights.kindRemains, "remains transfer")
        case .powExchange: (MatchWeights.kindPrisonerExchange, "prisoner exchange")
        case .woundedExchange: (MatchWeights.kindOther, "exchange of wounded")
        case .civilians: (MatchWeights.kindOther, "return of civilians")
        }
        factors.append(MatchFactor("kind", ratio: kind.0, kind.1))
        if batch.status == "postponed" { factors.append(.note("status", "postponed: nothing has been transferred yet")) }
        guard !batch.records.isEmpty else {
            factors.append(.note("manifest", "none recorded yet; matching records starts when one is imported"))
            return (factors, nil)
        }
        // The manifest's own evidence beyond region and date: service number, name, sex, age.
        var best: (ratio: Double, record: MatchRecord, detail: [MatchFactor])?
        for record in batch.records {
            let parts = [service(record.serviceKey, person.serviceKey), name(record, person), sex(record.sex, person.sex),
                         age(record, person)].compactMap { $0 }
            let ratio = parts.reduce(1.0) { $0 * $1.ratio }
            if best.map({ ratio > $0.ratio }) ?? true { best = (ratio, record, parts) }
        }
        let count = batch.records.count
        if let best, best.ratio > 1 {
            let evidence = best.detail.filter { $0.ratio > 1 }.map(\.evidence).joined(separator: ", ")
            factors.append(MatchFactor("manifest", ratio: best.ratio,
                                       "best of \(count) record\(count == 1 ? "" : "s") is \(best.record.address) (\(evidence))"))
            return (factors, best.record.address)
        }
        factors.append(MatchFactor("manifest", ratio: MatchWeights.manifestNoResemblance,
                                   "none of \(count) record\(count == 1 ? "" : "s") resembles the person"))
        return (factors, nil)
    }

    /// The batch's recovery regions against the person's last known region.
    func batchRegion(_ codes: [String], _ person: String) -> MatchFactor {
        guard !codes.isEmpty else { return .note("region", "the batch's recovery regions are not recorded") }
        let inBatch = Set(codes)
        var same = 0.0
        var adjacent = 0.0
        var neighbours = Set<String>()
        // Summed in a fixed order: a set's order changes from process to process, and with
        // it the last digit of a floating-point sum (the same query must give the same score).
        for code in inBatch.sorted() {
            same += population.share(ofRegion: code)
            neighbours.formUnion(regions.neighbours(of: code))
        }
        neighbours.subtract(inBatch)
        for code in neighbours.sorted() { adjacent += population.share(ofRegion: code) }
        let floor = MatchWeights.shareFloor
        if inBatch.contains(person) {
            return MatchFactor("region", ratio: MatchWeights.regionSame / max(same, floor),
                               "\(regionName(person)) is a recovery region of the batch")
        }
        if neighbours.contains(person) {
            let next = codes.filter { regions.areAdjacent($0, person) }.joined(separator: ", ")
            return MatchFactor("region", ratio: MatchWeights.regionAdjacent / max(adjacent, floor),
                               "last known \(regionName(person)) borders the batch's \(next)")
        }
        return MatchFactor("region", ratio: MatchWeights.regionElsewhere / max(1 - same - adjacent, floor),
                           "last known \(regionName(person)); the batch's regions are \(codes.joined(separator: ", "))")
    }
}

extension Homeward {
    /// The batches that may concern an inquiry's person, best first, each with its reasons.
    /// With `save`, they are stored as batch-level candidate links.
    public func matchInquiry(_ actor: Actor, reference text: String, top: Int = 5, minScore: Double? = nil,
                             save: Bool = false) throws -> InquiryMatches {
        let reference = try InquiryReference.parse(text)
        let action = save ? "match.save" : "match.inquiry"
        try authorize(actor, .runMatching, action: action, entityType: "inquiry", entityID: reference.description)
        return try recordingFailure(action, by: actor, entityType: "inquiry", entityID: reference.description) {
            let top = try Self.checkedTop(top)
            let (person, batches, population, links) = try read { db -> (MatchPerson, [MatchBatch], MatchPopulation, [Int64: (id: Int64, state: String)]) in
                guard let inquiry = try InquiryRow.fetch(reference, in: db) else { throw CaseworkError.noSuchInquiry(reference.description) }
                switch inquiry.status {
                case "merged":
                    throw CaseworkError.invalidTransition(
                        "\(reference) was merged into \(inquiry.row["merged_into_reference"] as String? ?? "another inquiry"); match that one")
                case "withdrawn":
                    throw CaseworkError.invalidTransition("\(reference) was withdrawn; reopen it before matching")
                default: break
                }
                guard inquiry.row["consent_tracing"] as Int == 1 else {
                    throw CaseworkError.invalidTransition(
                        "\(reference) has no consent for tracing, so it is not matched; record the family's consent first (inquiry update --consent-tracing yes)")
                }
                var keys = MatchPopulation.KeyCache()
                let person = try Row.fetchOne(db, sql: """
                    SELECT \(MatchPopulation.personColumns) FROM inquiry i JOIN person p ON p.id = i.person_id WHERE i.id = ?
                    """, arguments: [inquiry.inquiryID]).map { MatchPopulation.person($0, keys: &keys) }
                guard let person else { throw CaseworkError.noSuchInquiry(reference.description) }
                var batches: [MatchBatch] = []
                for row in try Row.fetchAll(db, sql: "SELECT id, code, kind, date, status FROM batch ORDER BY date, code") {
                    let id: Int64 = row["id"]
                    let code: String = row["code"]
                    let date = CalendarDate(row["date"] as String) ?? today
                    let regions = try String.fetchAll(db, sql: "SELECT region FROM batch_region WHERE batch_id = ? ORDER BY region", arguments: [id])
                    batches.append(MatchBatch(id: id, code: code, kind: BatchKind(rawValue: row["kind"]) ?? .remains, date: date,
                                              status: row["status"], regions: regions,
                                              records: try MatchRecord.load(batchID: id, code: code, date: date, db)))
                }
                var links: [Int64: (id: Int64, state: String)] = [:]
                for row in try Row.fetchAll(db, sql: "SELECT id, batch_id, state FROM link WHERE person_id = ? AND record_id IS NULL",
                                            arguments: [person.personID]) {
                    links[row["batch_id"]] = (row["id"], row["state"])
                }
                return (person, batches, try MatchPopulation.load(db), links)
            }
            let model = EvidenceModel(population: population)
            var scored: [(batch: MatchBatch, factors: [MatchFactor], best: String?, score: Double)] = []
            for batch in batches where links[batch.id]?.state != "rejected" {
                var (factors, best) = model.batchFactors(batch, person)
                if let note = EvidenceModel.dnaNote(person.dnaReference) { factors.append(note) }
                scored.append((batch, factors, best, log10Score(factors)))
            }
            scored.sort { ($0.score, $1.batch.date, $1.batch.code) > ($1.score, $0.batch.date, $0.batch.code) }
            let kept = scored.prefix(top).filter { entry in minScore.map { Self.rounded(entry.score) >= $0 } ?? true }
            var saved: MatchSaved?
            if save {
                saved = try write { db in
                    var result = MatchSaved()
                    let stamp = Timestamp.text(now)
                    let floor = minScore ?? MatchWeights.saveFloor
                    result.weak = kept.count { $0.score < floor }
                    for entry in kept where entry.score >= floor {
                        try storeLink(person: person, batchID: entry.batch.id, recordID: nil, score: Self.rounded(entry.score),
                                      reasons: try Self.reasonsJSON(entry.factors.map(\.reason)), stamp: stamp, actor: actor,
                                      into: &result, db)
                    }
                    try audit(AuditEntry(action: "match.save", entityType: "inquiry", entityID: reference.description, details: [
                        "batches": String(batches.count), "added": String(result.added), "updated": String(result.updated),
                        "unchanged": String(result.unchanged), "not_saved": String(result.weak),
                    ]), by: actor, in: db)
                    return result
                }
            }
            let stored = save ? try read { db in
                try Row.fetchAll(db, sql: "SELECT id, batch_id, state FROM link WHERE person_id = ? AND record_id IS NULL",
                                 arguments: [person.personID])
                    .reduce(into: [Int64: (id: Int64, state: String)]()) { $0[$1["batch_id"]] = ($1["id"], $1["state"]) }
            } : links
            let views = kept.enumerated().map { rank, entry in
                BatchMatchView(batch: entry.batch.code, kind: entry.batch.kind.rawValue, date: entry.batch.date.description,
                               status: entry.batch.status, regions: entry.batch.regions, records: entry.batch.records.count,
                               rank: rank + 1, score: Self.rounded(entry.score), likelihoodRatio: pow(10, entry.score),
                               reasons: entry.factors.map(\.reason), bestRecord: entry.best,
                               link: stored[entry.batch.id]?.id, linkState: stored[entry.batch.id]?.state)
            }
            return InquiryMatches(reference: reference.description, batches: batches.count, candidates: views, saved: saved)
        }
    }
}
