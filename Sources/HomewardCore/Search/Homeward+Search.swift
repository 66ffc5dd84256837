import Foundation
import GRDB

extension Homeward {
    /// Finds persons by inquiry reference, service number, phone (roles that may see contact
    /// details only; audited) or name in any script and common spelling, with typos.
    ///
    /// - Parameter limit: at most this many hits; nil for all.
    public func search(_ actor: Actor, _ query: String, limit: Int? = nil) throws -> [SearchHit] {
        try Self.checkLimit(limit)
        try authorize(actor, .readInquiries, action: "search")
        let text = String(Cell.trimmed(query))
        guard !text.isEmpty else {
            throw CaseworkError.invalid([FieldProblem(field: "text", message: "empty; give a name, reference, service number or phone")])
        }
        if text.uppercased().hasPrefix("HW-") {
            let reference = try InquiryReference.parse(text)
            return try read { db in
                let ids = try Int64.fetchAll(db, sql: "SELECT person_id FROM inquiry WHERE reference = ?", arguments: [reference.description])
                return try hits(for: ids.map { ($0, 100.0) }, matchedBy: "reference", in: db)
            }
        }
        var found = [SearchHit]()
        var searchedPhone = false
        try read { db in
            if text.contains(where: \.isNumber) {
                if let key = ServiceNumber.key(text) {
                    let ids = try Int64.fetchAll(db, sql: "SELECT id FROM person WHERE service_number_key = ?", arguments: [key])
                    found += try hits(for: ids.map { ($0, 100.0) }, matchedBy: "service_number", in: db)
                }
                // The same normaliser as when numbers are stored, plus the form older numbers were stored in.
                let phones = PhoneNumber.storedForms(text)
                if actor.may(.seeContactDetails), !phones.isEmpty {
                    searchedPhone = true
                    let ids = try Int64.fetchAll(db, sql: """
                        SELECT DISTINCT person_id FROM inquiry WHERE phone IN (\(databaseQuestionMarks(count: phones.count)))
                        """, arguments: StatementArguments(phones))
                    found += try hits(for: ids.map { ($0, 100.0) }, matchedBy: "phone", in: db)
                }
            }
            if text.contains(where: \.isLetter) {
                let matches = try NameMatcher(db: db).persons(matching: text, limit: limit ?? .max)
                let named = try hits(for: matches.map { ($0.personID, $0.score) }, matchedBy: "name", in: db)
                found += Self.bySpelling(named, query: text)
            }
        }
        // Only a phone number could have matched, and this role may not search by phone: say
        // so rather than "no matches", which would be untrue.
        if !searchedPhone, found.isEmpty, !PhoneNumber.storedForms(text).isEmpty, !text.contains(where: \.isLetter) {
            try authorize(actor, .seeContactDetails, action: "search.phone")
        }
        if searchedPhone {
            // A phone lookup reads contact details: record that it happened, not the number.
            try write { db in try audit(AuditEntry(action: "search.phone", details: ["hits": String(found.count)]), by: actor, in: db) }
        }
        var seen = Set<String>()
        return Array(found.filter { seen.insert($0.reference).inserted }.prefix(limit ?? .max))
    }

    /// Orders hits of equal score by how close their Latin names are to the query as typed,
    /// so "Шевченко" comes before "Шевчієнко", whose name key is the same.
    static func bySpelling(_ hits: [SearchHit], query: String) -> [SearchHit] {
        let words = Transliteration.latin(query, language: Transliteration.guessLanguage(query)).lowercased()
            .split(whereSeparator: { !$0.isLetter }).map(String.init)
        func distance(_ hit: SearchHit) -> Int {
            let names = hit.latinName.lowercased().split(whereSeparator: { !$0.isLetter }).map(String.init)
            return words.reduce(0) { total, word in
                total + (names.compactMap { EditDistance.distance(word, $0, limit: 8) }.min() ?? 9)
            }
        }
        return hits.map { ($0, distance($0)) }
            .enumerated()
            .sorted { ($0.element.0.score, -$0.element.1, -$0.offset) > ($1.element.0.score, -$1.element.1, -$1.offset) }
            .map(\.element.0)
    }

    /// Hits for persons that still have an inquiry (merged-away persons are left out), in the given order.
    private func hits(for persons: [(Int64, Double)], matchedBy: String, in db: Database) throws -> [SearchHit] {
        guard !persons.isEmpty else { return [] }
        let ids = persons.map(\.0)
        let rows = try Row.fetchAll(db, sql: """
            SELECT p.id, p.family_name, p.given_name, p.patronymic, p.family_name_latin, p.given_name_latin,
                   p.patronymic_latin, p.date_of_birth, p.last_known_region,
                   i.reference, i.status
            FROM person p JOIN inquiry i ON i.person_id = p.id
            WHERE p.id IN (\(databaseQuestionMarks(count: ids.count)))
            ORDER BY i.status = 'merged', i.received_on DESC, i.id DESC
            """, arguments: StatementArguments(ids))
        var byPerson = [Int64: SearchHit]()
        for row in rows {
            let id: Int64 = row["id"]
            let reference: String = row["reference"]
            if byPerson[id] != nil {
                byPerson[id]?.references.append(reference)
                continue
            }
            let latin = [row["family_name_latin"], row["given_name_latin"], row["patronymic_latin"] as String?]
                .compactMap { $0 }.joined(separator: " ")
            byPerson[id] = SearchHit(
                reference: reference, references: [reference], familyName: row["family_name"], givenName: row["given_name"],
                patronymic: row["patronymic"], latinName: latin, dateOfBirth: row["date_of_birth"],
                lastKnownRegion: row["last_known_region"], status: row["status"], score: 0, matchedBy: matchedBy)
        }
        return persons.compactMap { id, score in
            guard var hit = byPerson[id], hit.status != "merged" else { return nil }
            hit.score = (score * 100).rounded() / 100
            return hit
        }
    }
}

extension Homeward {
    /// A result limit must be 1 or more (nil: no limit); a caller's mistake, never a crash.
    static func checkLimit(_ limit: Int?) throws(CaseworkError) {
        if let limit, limit < 1 {
            throw .invalid([FieldProblem(field: "limit", message: "\(limit) is not a positive number; give 1 or more")])
        }
    }
}
