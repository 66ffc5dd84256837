import Foundation
import GRDB

extension Homeward {
    /// Finds persons (as ``search(_:_:limit:)`` does, for roles that may read cases) and returned
    /// records (by `CODE/TAG`, tag, service number or the name on them, for roles that may read
    /// batches; volunteers only in their assigned batches). Voided records are never found.
    ///
    /// - Parameter limit: at most this many hits; nil for all.
    /// - Returns: hits best first; persons before records of equal score.
    /// The longest search text accepted, in characters.
    public static let longestSearch = 500

    public func find(_ actor: Actor, _ query: String, limit: Int? = nil) throws -> [SearchResult] {
        try Self.checkLimit(limit)
        let readsCases = actor.may(.readInquiries)
        let text = String(Cell.trimmed(query))
        let isReference = text.uppercased().hasPrefix("HW-")
        if !readsCases && (isReference || !actor.may(.readBatches)) {
            // Volunteers read no inquiries: a reference search is refused as such, not answered "no matches".
            try authorize(actor, .readInquiries, action: "search")
        }
        guard !text.isEmpty else {
            throw CaseworkError.invalid([FieldProblem(field: "text", message: "empty; give a name, reference, tag, service number or phone")])
        }
        // No name, reference or number is this long; the API's query parameter has the same bound.
        guard text.count <= Self.longestSearch else {
            throw CaseworkError.invalid([FieldProblem(field: "text", message: "\(text.count) characters; a search is at most \(Self.longestSearch): give a name, reference, tag, service number or phone")])
        }
        var results = [SearchResult]()
        if readsCases { results += try search(actor, text, limit: limit).map(SearchResult.inquiry) }
        if !isReference && actor.may(.readBatches) {
            results += try read { db in try recordHits(actor, text, in: db) }.map(SearchResult.record)
        }
        let ranked = results.enumerated().sorted { ($0.element.score, -$0.offset) > ($1.element.score, -$1.offset) }.map(\.element)
        return Array(ranked.prefix(limit ?? .max))
    }

    /// Returned records the actor may read that match the text, best first.
    func recordHits(_ actor: Actor, _ text: String, in db: Database) throws -> [RecordHit] {
        let scope = """
            r.voided_at IS NULL AND (? OR r.batch_id IN (SELECT batch_id FROM batch_assignment WHERE user_id = ?))
            """
        let everyBatch = actor.role != .volunteer
        let select = """
            SELECT r.id, r.tag, r.kind, r.name, r.name_latin, r.service_number, r.sex, r.age_min, r.age_max, r.recovery_region,
                   r.recovery_date, b.code
            FROM returned_record r JOIN batch b ON b.id = r.batch_id
            """
        var found = [(id: Int64, hit: RecordHit)]()
        func add(_ rows: [Row], score: Double, matchedBy: String) {
            for row in rows { found.append((row["id"], Self.recordHit(row, score: score, matchedBy: matchedBy))) }
        }
        if text.contains("/"), let address = try? RecordAddress.parse(text) {
            add(try Row.fetchAll(db, sql: "\(select) WHERE b.code = ? AND r.tag = ? COLLATE NOCASE AND \(scope)",
                                 arguments: [address.code, address.tag, everyBatch, actor.userID]), score: 100, matchedBy: "tag")
        }
        add(try Row.fetchAll(db, sql: "\(select) WHERE r.tag = ? COLLATE NOCASE AND \(scope) ORDER BY b.date DESC, r.id",
                             arguments: [text, everyBatch, actor.userID]), score: 100, matchedBy: "tag")
        if text.contains(where: \.isNumber), let key = ServiceNumber.key(text) {
            add(try Row.fetchAll(db, sql: "\(select) WHERE r.service_number_key = ? AND \(scope) ORDER BY b.date DESC, r.id",
                                 arguments: [key, everyBatch, actor.userID]), score: 100, matchedBy: "service_number")
        }
        let words = Array(Set(NameKey.keys(text))).filter { !$0.isEmpty }
        if text.contains(where: \.isLetter), !words.isEmpty {
            // Names on records are few beside persons (a manifest per batch), so they are compared
            // one by one instead of through an index.
            let cursor = try Row.fetchCursor(db, sql: "\(select) WHERE r.name IS NOT NULL AND \(scope)",
                                             arguments: [everyBatch, actor.userID])
            var named = [(id: Int64, hit: RecordHit)]()
            while let row = try cursor.next() {
                guard let score = Self.nameScore(words, NameKey.keys(row["name"] as String)) else { continue }
                named.append((row["id"], Self.recordHit(row, score: (score * 100).rounded() / 100, matchedBy: "name")))
            }
            found += named.sorted { ($0.hit.score, -$0.id) > ($1.hit.score, -$1.id) }
        }
        var seen = Set<Int64>()
        return found.filter { seen.insert($0.id).inserted }.map(\.hit)
    }

    /// How well every query word matches some word of a name (1 exact, less for typos, 0.6 for a
    /// prefix of four or more letters), summed; nil when any query word matches none.
    static func nameScore(_ words: [String], _ nameKeys: [String]) -> Double? {
        var total = 0.0
        for word in words {
            let allowance = EditDistance.typoAllowance(forLength: word.utf8.count)
            var best = 0.0
            for key in nameKeys {
                if let distance = EditDistance.distance(word, key, limit: allowance) {
                    best = max(best, 1.0 - 0.15 * Double(distance))
                } else if word.utf8.count >= 4, key.hasPrefix(word) {
                    best = max(best, 0.6)
                }
            }
            guard best > 0 else { return nil }
            total += best
        }
        return total
    }

    private static func recordHit(_ row: Row, score: Double, matchedBy: String) -> RecordHit {
        let code: String = row["code"]
        let tag: String = row["tag"]
        return RecordHit(
            record: "\(code)/\(tag)", batch: code, tag: tag, recordKind: row["kind"], name: row["name"],
            nameLatin: row["name_latin"], serviceNumber: row["service_number"], sex: row["sex"], ageMin: row["age_min"], ageMax: row["age_max"],
            recoveryRegion: row["recovery_region"], recoveryDate: row["recovery_date"], score: score, matchedBy: matchedBy)
    }
}
