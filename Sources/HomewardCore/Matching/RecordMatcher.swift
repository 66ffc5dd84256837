import Foundation

/// One candidate person for one returned record.
struct RecordCandidate: Sendable {
    let person: Int32
    /// log10 of the combined likelihood ratio.
    var score: Double
    /// Set once the candidate is explained; the score is then the sum of their logs.
    var factors: [MatchFactor] = []
}

/// Finds and ranks candidate persons for returned records without comparing every pair.
///
/// For each record, candidates come from indexes: persons whose family or given name key is
/// within the typo allowance of a record word (or two of whose names the word runs together),
/// persons with the same or a near service number; everyone else through the region × sex
/// blocks, each sorted by birth, walked best bound first (the recovery region and the
/// recorded sex, then neighbours, then the rest) and, within a block, age by age from the
/// estimate outwards, stopping where no one left could enter the list. Each candidate is
/// scored from per-record tables (region, sex, age, date) filled by `EvidenceModel`, plus
/// the name and service factors of the index hits; persons no name word comes near take the
/// lowest name ratio. The best are then explained factor by factor.
struct RecordMatcher: Sendable {
    let model: EvidenceModel
    var population: MatchPopulation { model.population }

    /// A given-name posting list longer than this does not make candidates by itself (every
    /// Oleksandr would); the family name, service number or block must.
    var givenPostingLimit: Int { max(200, population.count / 200) }

    /// The best `limit` candidates of a record, best first, not yet explained; `excluded`
    /// persons (rejected links) are left out.
    func candidates(for record: MatchRecord, limit: Int, excluded: Set<Int64> = [],
                    serviceHits: [(person: Int32, distance: Int)] = [], names: RecordNameComparison? = nil,
                    chances: RecordChances? = nil) -> [RecordCandidate] {
        guard population.count > 0, limit > 0 else { return [] }
        let tables = Tables(record, model, chances: chances)
        let names = names ?? RecordNameComparison(record, model)
        var heap = TopScores(capacity: limit)
        var exact: [Int32: Double] = [:]

        // Index hits: names and service numbers, scored exactly.
        var hits = Set<Int32>()
        for word in record.words { hits.formUnion(nameHits(word)) }
        for hit in serviceHits { hits.insert(hit.person) }
        for person in hits {
            let facts = population.persons[Int(person)]
            if excluded.contains(facts.personID) { continue }
            var score = tables.score(person, population)
            if let name = names.ratio(facts) { score += log10(name) - tables.nameFloorLog }
            if let service = model.service(record.serviceKey, facts.serviceKey) { score += log10(service.ratio) - tables.serviceMissLog(facts) }
            exact[person] = score
            heap.insert(person, score)
        }

        // The blocks: every region × sex, best bound first. Within a block region and sex are
        // fixed and persons are sorted by birth, so each age is one run of the block; ages are
        // taken by falling ratio and the scan stops as soon as no person of the remaining ages
        // could enter the list. The bounds are exact, so nobody is left out whose score would
        // have entered it: disagreeing sex, region or age lowers a person, never removes one.
        let bestDate = tables.date.max() ?? 0
        let ages = tables.ageKnown ? (0...Tables.maximumAge).sorted { (tables.age[$0], $1) > (tables.age[$1], $0) } : []
        let bestAge = ages.first.map { max(tables.age[$0], 0) } ?? 0
        var parts = population.blocks.map { key, persons in
            (persons: persons, bound: tables.region[key / 3] + tables.sex[key % 3] + tables.nameFloorLog)
        }
        parts.sort { ($0.bound, $0.persons.count) > ($1.bound, $1.persons.count) }
        // Index hits are scored already; the scan skips them (a few dozen, sorted).
        let scored = exact.keys.sorted()
        let population = self.population
        let day = Int(tables.day)
        let serviceMiss = tables.recordHasService ? tables.serviceMismatchLog : 0
        population.lastSeenFrom.withUnsafeBufferPointer { from in
        population.lastSeenTo.withUnsafeBufferPointer { to in
        population.hasServiceNumber.withUnsafeBufferPointer { hasService in
        population.birthDay.withUnsafeBufferPointer { born in
        tables.date.withUnsafeBufferPointer { dates in
        tables.age.withUnsafeBufferPointer { ageLogs in
            func scan(_ run: ArraySlice<Int32>, base: Double) {
                for person in run {
                    let index = Int(person)
                    let delay = EvidenceModel.daysAfterLastSeen(day: day, from: Int(from[index]), to: Int(to[index]))
                    let slot = delay - tables.firstDelay
                    var score = base + (slot >= 0 && slot < dates.count ? dates[slot] : 0)
                    if hasService[index] { score += serviceMiss }
                    guard heap.admits(score) else { continue }
                    if !scored.isEmpty, Self.contains(scored, person) { continue }
                    if !excluded.isEmpty, excluded.contains(population.persons[index].personID) { continue }
                    heap.insert(person, score)
                }
            }
            /// The first position in a block (sorted by birth day) whose birth day is after `day`.
            func firstBornAfter(_ day: Int32, in block: [Int32]) -> Int {
                var low = 0
                var high = block.count
                while low < high {
                    let middle = (low + high) / 2
                    if born[Int(block[middle])] > day { high = middle } else { low = middle + 1 }
                }
                return low
            }
            for (block, bound) in parts {
                if !heap.admits(bound + bestAge + bestDate) { continue }
                // Unknown births (Int32.min, sorted first) take no age factor.
                let known = firstBornAfter(Int32.min, in: block)
                if known > 0, heap.admits(bound + bestDate) { scan(block[..<known], base: bound) }
                for age in ages {
                    let base = bound + ageLogs[age]
                    if !heap.admits(base + bestDate) { break }
                    let (earliest, latest) = birthDays(age: age, on: day)
                    let low = max(firstBornAfter(earliest, in: block), known)
                    let high = firstBornAfter(latest, in: block)
                    if high > low { scan(block[low..<high], base: base) }
                }
            }
        }
        }
        }
        }
        }
        }
        return heap.sorted().map { RecordCandidate(person: $0.person, score: $0.score) }
    }

    /// Persons some word of the record names: family or given keys near the word, or two
    /// names run together in it.
    func nameHits(_ word: String) -> Set<Int32> {
        var hits = Set<Int32>()
        for near in population.nearKeys(word) {
            hits.formUnion(population.byFamilyKey[near.key] ?? [])
            if let given = population.byGivenKey[near.key], given.count <= givenPostingLimit { hits.formUnion(given) }
        }
        let symbols = Array(word.unicodeScalars)
        guard symbols.count >= 6 else { return hits }
        for split in 3...(symbols.count - 3) {
            let left = String(String.UnicodeScalarView(symbols[..<split]))
            var rights = [String(String.UnicodeScalarView(symbols[split...]))]
            // A letter shared by the two names is written once in a key (Шевченко+Олексій).
            rights.append(String(String.UnicodeScalarView([symbols[split - 1]] + symbols[split...])))
            for right in rights {
                if let family = population.byFamilyKey[left], population.byGivenKey[right] != nil {
                    hits.formUnion(family.filter { population.persons[Int($0)].given == right })
                }
                if let family = population.byFamilyKey[right], population.byGivenKey[left] != nil {
                    hits.formUnion(family.filter { population.persons[Int($0)].given == left })
                }
            }
        }
        return hits
    }

    /// Whether a sorted array holds a value (binary search).
    @inline(__always)
    static func contains(_ sorted: [Int32], _ value: Int32) -> Bool {
        var low = 0
        var high = sorted.count
        while low < high {
            let middle = (low + high) / 2
            if sorted[middle] < value { low = middle + 1 } else { high = middle }
        }
        return low < sorted.count && sorted[low] == value
    }

    /// The birth days (exclusive, inclusive] of persons `age` years old on `day`, as
    /// `EvidenceModel.age` counts years; the youngest and oldest ages take everyone beyond.
    private func birthDays(age: Int, on day: Int) -> (Int32, Int32) {
        let year = 365.2425
        let earliest = age >= Tables.maximumAge ? Int32.min : Int32(clamping: Int((Double(day) - Double(age + 1) * year).rounded(.down)))
        let latest = age <= 0 ? Int32.max : Int32(clamping: Int((Double(day) - Double(age) * year).rounded(.down)))
        return (earliest, latest)
    }


    /// Explains a candidate: every factor, and the score as their sum of logs.
    func explain(_ candidate: RecordCandidate, _ record: MatchRecord, names: RecordNameComparison? = nil,
                 chances: RecordChances? = nil) -> RecordCandidate {
        let person = population.persons[Int(candidate.person)]
        var factors = model.factors(record, person, names: names, chances: chances)
        if let note = EvidenceModel.dnaNote(person.dnaReference) { factors.append(note) }
        return RecordCandidate(person: candidate.person, score: log10Score(factors), factors: factors)
    }

    /// Service number hits of every record at once: exact keys, and keys one edit away found
    /// through their one-deletion variants.
    func serviceHits(_ records: [MatchRecord]) -> [Int64: [(person: Int32, distance: Int)]] {
        var byVariant: [UInt64: [Int]] = [:]
        var hits: [Int64: [(person: Int32, distance: Int)]] = [:]
        for (index, record) in records.enumerated() {
            guard let key = record.serviceKey else { continue }
            for person in population.byServiceKey[key] ?? [] { hits[record.recordID, default: []].append((person, 0)) }
            Self.forEachVariantHash(of: key) { byVariant[$0, default: []].append(index) }
        }
        guard !byVariant.isEmpty else { return hits }
        for (key, persons) in population.byServiceKey {
            var seen: [Int] = []
            Self.forEachVariantHash(of: key) { hash in
                for index in byVariant[hash] ?? [] where !seen.contains(index) {
                    seen.append(index)
                    let record = records[index]
                    guard let recordKey = record.serviceKey, recordKey != key,
                          EditDistance.distance(recordKey, key, limit: 1) != nil else { continue }
                    for person in persons { hits[record.recordID, default: []].append((person, 1)) }
                }
            }
        }
        return hits
    }

    /// Hashes of a key and of each of its one-deletion variants (FNV-1a over the bytes left),
    /// without building the variants: two keys one edit apart share one of these. Hashes may
    /// collide, so a shared hash is only a hint, verified by `EditDistance`.
    static func forEachVariantHash(of key: String, _ body: (UInt64) -> Void) {
        var key = key
        key.withUTF8 { bytes in
            for skip in -1..<bytes.count {
                var hash: UInt64 = 0xcbf2_9ce4_8422_2325
                for index in bytes.indices where index != skip {
                    hash = (hash ^ UInt64(bytes[index])) &* 0x0000_0100_0000_01b3
                }
                body(hash)
            }
        }
    }
}

/// Per-record tables: the ratio of every value a person's region, sex, age and date can take,
/// as logs, so scoring a person is four lookups.
struct Tables {
    let region: [Double]
    let sex: [Double]
    /// By age in whole years on the record's day (0 when the record has no estimate).
    let age: [Double]
    let ageKnown: Bool
    /// By delay in days from `firstDelay`.
    let date: [Double]
    let firstDelay: Int
    let day: Int32
    let nameFloorLog: Double
    let recordHasService: Bool
    let serviceMismatchLog: Double

    static let maximumAge = 130

    init(_ record: MatchRecord, _ model: EvidenceModel, chances: RecordChances? = nil) {
        let population = model.population
        let chances = chances ?? RecordChances(record, model)
        if let code = record.region, let chance = chances.region {
            region = population.regions.map { log10(model.regionRatio(code, $0, chance: chance)) }
        } else {
            region = population.regions.map { _ in 0 }
        }
        sex = [Sex.male, .female, .unknown].map { person in model.sexRatio(record.sex, person).map(log10) ?? 0 }
        let day = record.day.dayNumber
        self.day = Int32(day)
        if let range = record.ageRange, let chance = chances.age {
            age = (0...Self.maximumAge).map { log10(model.ageRatio(range: range, age: $0, chance: chance)) }
            ageKnown = true
        } else {
            age = []
            ageKnown = false
        }
        let latest = population.lastSeenEnds?.upperBound ?? day
        let earliest = population.earliestLastSeen ?? day
        firstDelay = day - max(latest, earliest)
        let lastDelay = day - earliest
        let recovered = record.recoveryDate != nil
        if firstDelay > lastDelay {
            date = []
        } else if let delays = chances.delays {
            date = (firstDelay...lastDelay).map { delays.ratioLog($0, chance: chances.date) }
        } else {
            date = (firstDelay...lastDelay).map { log10(model.dateRatio(delay: $0, chance: chances.date, recovered: recovered)) }
        }
        nameFloorLog = record.isNamed ? log10(model.nameFloor(words: record.words)) : 0
        recordHasService = record.serviceKey != nil
        serviceMismatchLog = log10(model.serviceMismatchRatio)
    }

    /// The date part of a score for a delay in days.
    @inline(__always)
    func dateLog(_ delay: Int) -> Double {
        let slot = delay - firstDelay
        return slot >= 0 && slot < date.count ? date[slot] : 0
    }

    /// The log score of a person before any name or service hit.
    @inline(__always)
    func score(_ person: Int32, _ population: MatchPopulation) -> Double {
        let index = Int(person)
        var total = region[Int(population.regionIndex[index])] + sex[Int(population.sexIndex[index])] + nameFloorLog
        if ageKnown, population.birthDay[index] != Int32.min {
            let years = EvidenceModel.age(bornDay: Int(population.birthDay[index]), on: Int(day))
            total += age[min(max(years, 0), Self.maximumAge)]
        }
        let delay = EvidenceModel.daysAfterLastSeen(day: Int(day), from: Int(population.lastSeenFrom[index]),
                                                    to: Int(population.lastSeenTo[index]))
        total += dateLog(delay)
        if recordHasService, population.hasServiceNumber[index] { total += serviceMismatchLog }
        return total
    }

    /// The service part `score` assumed for a person (a mismatch when both have numbers).
    func serviceMissLog(_ person: MatchPerson) -> Double {
        recordHasService && person.serviceKey != nil ? serviceMismatchLog : 0
    }
}

/// The best N (person, score) pairs seen, kept in a min-heap.
struct TopScores {
    let capacity: Int
    private var heap: [(person: Int32, score: Double)] = []

    init(capacity: Int) {
        self.capacity = capacity
        heap.reserveCapacity(min(capacity, 1 << 16))
    }

    /// Whether a score would enter the list.
    @inline(__always)
    func admits(_ score: Double) -> Bool {
        heap.count < capacity || score > heap[0].score
    }

    mutating func insert(_ person: Int32, _ score: Double) {
        if heap.count < capacity {
            heap.append((person, score))
            siftUp(heap.count - 1)
        } else if score > heap[0].score {
            heap[0] = (person, score)
            siftDown(0)
        }
    }

    /// Best first; ties by person index, so results are stable.
    func sorted() -> [(person: Int32, score: Double)] {
        heap.sorted { ($0.score, $1.person) > ($1.score, $0.person) }
    }

    private mutating func siftUp(_ start: Int) {
        var child = start
        while child > 0 {
            let parent = (child - 1) / 2
            guard heap[child].score < heap[parent].score else { return }
            heap.swapAt(child, parent)
            child = parent
        }
    }

    private mutating func siftDown(_ start: Int) {
        var parent = start
        while true {
            let left = 2 * parent + 1
            let right = left + 1
            var smallest = parent
            if left < heap.count, heap[left].score < heap[smallest].score { smallest = left }
            if right < heap.count, heap[right].score < heap[smallest].score { smallest = right }
            if smallest == parent { return }
            heap.swapAt(parent, smallest)
            parent = smallest
        }
    }
}
