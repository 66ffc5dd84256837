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
        let pool = top + 20
        let rejected = decisions.rejected
        var lists = Self.concurrentMap(records) { [matcher] record in
            let names = RecordNameComparison(record, matcher.model)
            return matcher.candidates(for: record, limit: pool, excluded: rejected[record.recordID] ?? [],
                                      serviceHits: services[record.recordID] ?? [], names: names)
                .map { matcher.explain($0, record, names: names) }
        }
        // Posterior that record r is person p: prior odds π/N times the likelihood ratio.
        let priorOdds = MatchWeights.priorShareInDatabase / Double(max(population.count, 1))
        var best: [Int32: (record: Int, posterior: Double, score: Double)] = [:]
        for (index, list) in lists.enumerated() {
            for candidate in list.prefix(3) {
                let odds = pow(10, candidate.score) * priorOdds
                let posterior = odds.isFinite ? odds / (1 + odds) : 1
                if best[candidate.person].map({ candidate.score > $0.score }) ?? true {
                    best[candidate.person] = (index, posterior, candidate.score)
                }
            }
        }
        for index in lists.indices {
            let record = records[index]
            lists[index] = lists[index].map { candidate in
                var candidate = candidate
                let person = population.persons[Int(candidate.person)]
                if let confirmed = decisions.confirmed[person.personID], confirmed.recordID != record.recordID {
                    candidate.factors.append(MatchFactor("claim", ratio: MatchWeights.claimFloor, "confirmed as \(confirmed.address)"))
                } else if let claim = best[candidate.person], claim.record != index, claim.posterior >= MatchWeights.strongClaim {
                    let ratio = max(1 - claim.posterior, MatchWeights.claimFloor)
                    candidate.factors.append(MatchFactor(
                        "claim", ratio: ratio,
                        "more likely \(records[claim.record].address) (\(Int((claim.posterior * 100).rounded(.down)))% there)"))
                }
                candidate.score = log10Score(candidate.factors)
                return candidate
            }
            .sorted { ($0.score, $1.person) > ($1.score, $0.person) }
            .prefix(top).map { $0 }
        }
        return lists
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
