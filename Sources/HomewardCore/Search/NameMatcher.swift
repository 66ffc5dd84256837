import Foundation
import GRDB

/// Finds persons whose name words are close to the words of a query.
///
/// Each query word is reduced to its ``NameKey``; candidate keys are the exact key, keys it
/// is a prefix of (for half-typed names), and keys within the typo allowance found by scanning
/// the distinct keys of similar length. Persons are ranked by how many query words they match,
/// then by how closely.
struct NameMatcher {
    struct Candidate {
        var key: String
        var similarity: Double
    }

    let db: Database

    /// Person ids with (words matched, score), best first, at most `limit`.
    func persons(matching query: String, limit: Int) throws -> [(personID: Int64, matched: Int, score: Double)] {
        let words = Array(Set(NameKey.keys(query))).filter { !$0.isEmpty }
        guard !words.isEmpty else { return [] }
        var candidatesOfWord = [[Candidate]]()
        for word in words { candidatesOfWord.append(try candidates(for: word)) }

        var similarityOfKey = [String: [Int: Double]]()  // key → word index → similarity
        for (index, candidates) in candidatesOfWord.enumerated() {
            for candidate in candidates {
                similarityOfKey[candidate.key, default: [:]][index] = max(similarityOfKey[candidate.key]?[index] ?? 0, candidate.similarity)
            }
        }
        var bestOfPerson = [Int64: [Int: Double]]()  // person → word index → best similarity
        // A family-name match counts slightly more, so "Shevchenko" ranks Shevchenkos first.
        let fields: [(columns: [String], weight: Double)] = [(["family"], 1.0), (["given", "patronymic"], 0.95)]
        let statement = try db.cachedStatement(sql: "SELECT rowid FROM person_name WHERE person_name MATCH ?")
        for (key, similarities) in similarityOfKey {
            for field in fields {
                let cursor = try Int64.fetchCursor(statement, arguments: [SearchToken.query(key, columns: field.columns)])
                while let personID = try cursor.next() {
                    for (index, similarity) in similarities {
                        let value = similarity * field.weight
                        if value > bestOfPerson[personID]?[index] ?? 0 { bestOfPerson[personID, default: [:]][index] = value }
                    }
                }
            }
        }
        let scored = bestOfPerson.map { (personID: $0.key, matched: $0.value.count, score: $0.value.values.reduce(0, +)) }
        let bestMatched = scored.map(\.matched).max() ?? 0
        let ranked = scored
            .filter { $0.matched == bestMatched }
            .sorted { ($0.score, -$0.personID) > ($1.score, -$1.personID) }
        // Keep everyone tied with the last place, so the caller can break ties by spelling.
        guard ranked.count > limit, limit > 0 else { return ranked }
        let cutoff = ranked[limit - 1].score
        return Array(ranked.prefix { $0.score >= cutoff }.prefix(max(limit, 2_000)))
    }

    /// Exact, prefix and typo-tolerant candidate keys of one query word.
    func candidates(for word: String) throws -> [Candidate] {
        let length = word.utf8.count
        let allowance = EditDistance.typoAllowance(forLength: length)
        var result = [Candidate(key: word, similarity: 1.0)]
        let cursor = try String.fetchCursor(db, sql: "SELECT key FROM name_key WHERE length BETWEEN ? AND ?",
                                            arguments: [length - allowance, length + max(allowance, length >= 4 ? 8 : 0)])
        while let key = try cursor.next() {
            guard key != word else { continue }
            if let distance = EditDistance.distance(word, key, limit: allowance) {
                result.append(Candidate(key: key, similarity: 1.0 - 0.15 * Double(distance)))
            } else if length >= 4, key.hasPrefix(word) {
                result.append(Candidate(key: key, similarity: 0.6))
            }
        }
        return result
    }
}
