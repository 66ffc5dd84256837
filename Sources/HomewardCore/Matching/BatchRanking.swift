import Foundation
import Synchronization

/// Ranks candidates for every record of a batch, then lets strong matches explain persons
/// away from the other records: one person is one body, so a person who is almost surely
/// record A is a weaker candidate for record B (a `claim` factor in B's reasons).
struct BatchRanking: Sendable {
    let matcher: RecordMatcher

    /// Decided pairs: persons rejected for a record, and persons confirmed as some record.
    struct Decisions: Sendable {
        var rejected: [Int64: Set<Int64>] = [:]
        var confirmed: [Int64: (recordID: Int64, address: String)] = [:]
    }

    /// The best `top` explained candidates of each record, best first.
    func rank(_ records: [MatchRecord], top: Int, decisions: Decisions) -> [[RecordCandidate]] {
        let population = matcher.population
        let services = matcher.serviceHits(records)
        // A margin below the cut: explaining can raise a block candidate's name part, and claims lower others.
        let pool = top + MatchWeights.rankingMargin
        let rejected = decisions.rejected
        let chances = RecordChances.all(records, matcher.model)
        var lists = Self.concurrentMap(Array(zip(records, chances))) { [matcher] record, chances in
            let names = RecordNameComparison(record, matcher.model)
            return matcher.candidates(for: record, limit: pool, excluded: rejected[record.recordID] ?? [],
                                      serviceHits: services[record.recordID] ?? [], names: names, chances: chances)
                .map { matcher.explain($0, record, names: names, chances: chances) }
        }
        // Posterior that record r is person p: prior odds π/N times the likelihood ratio,
        // shared among the record's candidates and "someone else" (odds 1).
        let priorOdds = MatchWeights.priorShareInDatabase / Double(max(population.count, 1))
        var claims: [Int32: [(record: Int, posterior: Double)]] = [:]
        for (index, list) in lists.enumerated() {
            let odds = list.map { min(pow(10, $0.score) * priorOdds, 1e12) }
            let total = 1 + odds.reduce(0, +)
            for (candidate, odds) in zip(list, odds) where odds / total >= MatchWeights.claimShown / 10 {
                claims[candidate.person, default: []].append((index, odds / total))
            }
        }
        for index in lists.indices {
            let record = records[index]
            lists[index] = lists[index].map { candidate in
                var candidate = candidate
                let person = population.persons[Int(candidate.person)]
                if let confirmed = decisions.confirmed[person.personID], confirmed.recordID != record.recordID {
                    candidate.factors.append(MatchFactor("claim", ratio: MatchWeights.claimFloor, "confirmed as \(confirmed.address)"))
                } else if let factor = Self.claim(claims[candidate.person] ?? [], besides: index, records) {
                    candidate.factors.append(factor)
                }
                candidate.score = log10Score(candidate.factors)
                return candidate
            }
            .sorted { ($0.score, $1.person) > ($1.score, $0.person) }
            .prefix(top).map { $0 }
        }
        return lists
    }

    /// The claim of the batch's other records on a person: one person is one body, so the
    /// chance that this record is the person is at most 1 − the posteriors that other
    /// records are (summed). Nil when the others claim too little to show.
    static func claim(_ posteriors: [(record: Int, posterior: Double)], besides index: Int, _ records: [MatchRecord]) -> MatchFactor? {
        let others = posteriors.filter { $0.record != index }
        let claimed = others.reduce(0) { $0 + $1.posterior }
        guard claimed >= MatchWeights.claimShown, let strongest = others.max(by: { $0.posterior < $1.posterior }) else { return nil }
        let ratio = max(1 - claimed, MatchWeights.claimFloor)
        func percent(_ share: Double) -> Int { Int((min(share, 1) * 100).rounded(.down)) }
        let detail = others.count == 1
            ? "more likely \(records[strongest.record].address) (\(percent(strongest.posterior))% there)"
            : "claimed by \(others.count) other records (\(percent(claimed))% in all, most \(records[strongest.record].address))"
        return MatchFactor("claim", ratio: ratio, detail)
    }

    /// `transform` of every element, in order, with the work spread over the cores (records
    /// are ranked independently: the population and model are read-only).
    static func concurrentMap<T: Sendable, R: Sendable>(_ items: [T], _ transform: @escaping @Sendable (T) -> R) -> [R] {
        let cores = ProcessInfo.processInfo.activeProcessorCount
        guard cores > 1, items.count > 1 else { return items.map(transform) }
        let chunks = min(items.count, cores * 4)
        let parts = Mutex<[Int: [R]]>([:])
        DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
            let part = items[(items.count * chunk / chunks)..<(items.count * (chunk + 1) / chunks)].map(transform)
            parts.withLock { $0[chunk] = part }
        }
        return parts.withLock { all in (0..<chunks).flatMap { all[$0] ?? [] } }
    }
}
