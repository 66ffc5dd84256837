import Foundation
import GRDB

/// One person who may be matched: an open or linked inquiry whose consent covers tracing.
///
/// A class: the scoring loop hands persons around by the thousand, and a reference costs
/// one retain where a copy of a dozen strings costs a dozen.
final class MatchPerson: Sendable {
    let personID: Int64
    let inquiryID: Int64
    let reference: String
    /// The name fields as recorded.
    let familyName: String
    let givenName: String
    let patronymicName: String?
    /// The name key of each field, its words run together ("" when the field is empty).
    let family: String
    let given: String
    let patronymic: String
    let sex: Sex
    let dateOfBirth: PartialDate?
    let serviceKey: String?
    let region: String
    let lastSeen: DayRange
    let dnaReference: String

    init(personID: Int64, inquiryID: Int64, reference: String, familyName: String, givenName: String,
         patronymicName: String?, family: String, given: String, patronymic: String, sex: Sex,
         dateOfBirth: PartialDate?, serviceKey: String?, region: String, lastSeen: DayRange, dnaReference: String) {
        self.personID = personID
        self.inquiryID = inquiryID
        self.reference = reference
        self.familyName = familyName
        self.givenName = givenName
        self.patronymicName = patronymicName
        self.family = family
        self.given = given
        self.patronymic = patronymic
        self.sex = sex
        self.dateOfBirth = dateOfBirth
        self.serviceKey = serviceKey
        self.region = region
        self.lastSeen = lastSeen
        self.dnaReference = dnaReference
    }

    /// The name as recorded, family name first.
    var name: String { [familyName, givenName, patronymicName].compactMap { $0 }.joined(separator: " ") }
}

/// Everyone matching may propose, with the indexes that find candidates without a scan and
/// the statistics that tell how common a piece of evidence is among them.
///
/// Built in memory for one run: persons are read once, and every lookup afterwards is a
/// dictionary probe or a walk over one block.
final class MatchPopulation: Sendable {
    let persons: [MatchPerson]
    /// Compact per-person facts for the scoring loop, by person index.
    let regionIndex: [UInt16]
    let sexIndex: [UInt8]
    /// Middle day of the date of birth, or `Int32.min` when unknown.
    let birthDay: [Int32]
    let lastSeenFrom: [Int32]
    let lastSeenTo: [Int32]
    let hasServiceNumber: [Bool]

    /// Region codes by index (every region some person was last known in).
    let regions: [String]
    let regionByCode: [String: Int]

    /// Persons by family name key, by given name key and by service number key.
    let byFamilyKey: [String: [Int32]]
    let byGivenKey: [String: [Int32]]
    let byServiceKey: [String: [Int32]]
    /// Near-neighbour index over the family and given keys: each key with one symbol deleted,
    /// pointing at the keys it came from (one edit on both sides finds distance ≤ 2).
    let deletions: [String: [String]]
    /// Blocks for unnamed remains: persons by region × sex, each sorted by birth day.
    let blocks: [Int: [Int32]]

    /// How often each key occurs in each field.
    let familyCounts: [String: Int]
    let givenCounts: [String: Int]
    let patronymicCounts: [String: Int]
    /// Share of given names starting with each first symbol of their key.
    let givenInitialShare: [Character: Double]
    let regionShare: [Double]
    let sexShare: [Double]
    /// Persons by birth year (known dates of birth only).
    let birthYearCounts: [Int: Int]
    let knownBirthCount: Int
    /// Persons last seen (the end of their range) on each day from `firstLastSeenDay`, as running totals.
    let lastSeenRunningCount: [Int32]
    let firstLastSeenDay: Int
    /// The earliest start and the span of ends of the last-seen ranges (nil without persons).
    let earliestLastSeen: Int?
    let lastSeenEnds: ClosedRange<Int>?

    var count: Int { persons.count }

    init(persons: [MatchPerson]) {
        self.persons = persons
        var regions: [String] = []
        var regionByCode: [String: Int] = [:]
        var regionIndex: [UInt16] = []
        var sexIndex: [UInt8] = []
        var birthDay: [Int32] = []
        var lastSeenFrom: [Int32] = []
        var lastSeenTo: [Int32] = []
        var byFamilyKey: [String: [Int32]] = [:]
        var byGivenKey: [String: [Int32]] = [:]
        var byServiceKey: [String: [Int32]] = [:]
        var familyCounts: [String: Int] = [:]
        var givenCounts: [String: Int] = [:]
        var patronymicCounts: [String: Int] = [:]
        var initials: [Character: Int] = [:]
        var regionCounts: [Int] = []
        var sexCounts = [0, 0, 0]
        var birthYearCounts: [Int: Int] = [:]
        var knownBirthCount = 0
        regionIndex.reserveCapacity(persons.count)
        for (index, person) in persons.enumerated() {
            let position = Int32(index)
            let region: Int
            if let known = regionByCode[person.region] {
                region = known
            } else {
                region = regions.count
                regionByCode[person.region] = region
                regions.append(person.region)
                regionCounts.append(0)
            }
            regionCounts[region] += 1
            regionIndex.append(UInt16(region))
            let sex = Self.sexNumber(person.sex)
            sexIndex.append(sex)
            sexCounts[Int(sex)] += 1
            if let born = person.dateOfBirth {
                birthDay.append(Int32(born.middleDayNumber))
                birthYearCounts[born.year, default: 0] += 1
                knownBirthCount += 1
            } else {
                birthDay.append(Int32.min)
            }
            lastSeenFrom.append(Int32(person.lastSeen.from.dayNumber))
            lastSeenTo.append(Int32(person.lastSeen.to.dayNumber))
            if !person.family.isEmpty {
                byFamilyKey[person.family, default: []].append(position)
                familyCounts[person.family, default: 0] += 1
            }
            if !person.given.isEmpty {
                byGivenKey[person.given, default: []].append(position)
                givenCounts[person.given, default: 0] += 1
                if let first = person.given.first { initials[first, default: 0] += 1 }
            }
            if !person.patronymic.isEmpty { patronymicCounts[person.patronymic, default: 0] += 1 }
            if let key = person.serviceKey { byServiceKey[key, default: []].append(position) }
        }
        var deletions: [String: [String]] = [:]
        deletions.reserveCapacity((byFamilyKey.count + byGivenKey.count) * 8)
        for key in Set(byFamilyKey.keys).union(byGivenKey.keys) where key.count >= 4 {
            for variant in Self.deletionVariants(key) { deletions[variant, default: []].append(key) }
        }
        var blocks: [Int: [Int32]] = [:]
        for index in persons.indices {
            blocks[Int(regionIndex[index]) * 3 + Int(sexIndex[index]), default: []].append(Int32(index))
        }
        for key in blocks.keys { blocks[key]?.sort { birthDay[Int($0)] < birthDay[Int($1)] } }

        let lastDays = lastSeenTo.map(Int.init)
        let first = (lastDays.min() ?? 0) - MatchWeights.dateSmoothingDays - 1
        let last = (lastDays.max() ?? 0) + MatchWeights.dateSmoothingDays + 1
        var perDay = [Int32](repeating: 0, count: last - first + 1)
        for day in lastDays { perDay[day - first] += 1 }
        var running: Int32 = 0
        for day in perDay.indices {
            running += perDay[day]
            perDay[day] = running
        }

        let total = Double(persons.count)
        self.regions = regions
        self.regionByCode = regionByCode
        self.regionIndex = regionIndex
        self.sexIndex = sexIndex
        self.birthDay = birthDay
        self.lastSeenFrom = lastSeenFrom
        self.lastSeenTo = lastSeenTo
        hasServiceNumber = persons.map { $0.serviceKey != nil }
        self.byFamilyKey = byFamilyKey
        self.byGivenKey = byGivenKey
        self.byServiceKey = byServiceKey
        self.deletions = deletions
        self.blocks = blocks
        self.familyCounts = familyCounts
        self.givenCounts = givenCounts
        self.patronymicCounts = patronymicCounts
        let initialTotal = Double(max(initials.values.reduce(0, +), 1))
        givenInitialShare = initials.mapValues { Double($0) / initialTotal }
        let pseudo = MatchWeights.statisticsPseudoCount
        let evenRegion = 1 / Double(max(RegionDirectory.standard.all.count, 1))
        regionShare = regionCounts.map { (Double($0) + pseudo * evenRegion) / (total + pseudo) }
        sexShare = zip(sexCounts, [MatchWeights.evenMaleShare, MatchWeights.evenFemaleShare,
                                   1 - MatchWeights.evenMaleShare - MatchWeights.evenFemaleShare])
            .map { (Double($0) + pseudo * $1) / (total + pseudo) }
        self.birthYearCounts = birthYearCounts
        self.knownBirthCount = knownBirthCount
        lastSeenRunningCount = perDay
        firstLastSeenDay = first
        earliestLastSeen = lastSeenFrom.min().map(Int.init)
        lastSeenEnds = lastDays.min().flatMap { low in lastDays.max().map { low...$0 } }
    }

    static func sexNumber(_ sex: Sex) -> UInt8 {
        switch sex {
        case .male: 0
        case .female: 1
        case .unknown: 2
        }
    }

    /// The key with each one symbol left out.
    static func deletionVariants(_ key: String) -> [String] {
        let symbols = Array(key.unicodeScalars)
        var variants: [String] = []
        variants.reserveCapacity(symbols.count)
        for skip in symbols.indices where skip == 0 || symbols[skip] != symbols[skip - 1] {
            var variant = String.UnicodeScalarView()
            for index in symbols.indices where index != skip { variant.append(symbols[index]) }
            variants.append(String(variant))
        }
        return variants
    }

    /// Family and given keys within the typo allowance of a record word, with their distance
    /// (exact first). Looks up the word, its one-deletion variants, and the keys whose own
    /// one-deletion variants equal the word or one of its variants; each is verified by
    /// `EditDistance`.
    func nearKeys(_ word: String) -> [(key: String, distance: Int)] {
        let allowance = EditDistance.typoAllowance(forLength: word.count)
        var found: [String: Int] = [:]
        if byFamilyKey[word] != nil || byGivenKey[word] != nil { found[word] = 0 }
        guard allowance > 0 else { return found.map { ($0.key, $0.value) } }
        var probes = Self.deletionVariants(word)
        probes.append(word)
        for probe in probes {
            if probe != word, byFamilyKey[probe] != nil || byGivenKey[probe] != nil, found[probe] == nil {
                if let distance = EditDistance.distance(word, probe, limit: allowance) { found[probe] = distance }
            }
            for key in deletions[probe] ?? [] where found[key] == nil {
                if let distance = EditDistance.distance(word, key, limit: allowance) { found[key] = distance }
            }
        }
        return found.map { ($0.key, $0.value) }.sorted { ($0.distance, $0.key) < ($1.distance, $1.key) }
    }

    /// Persons last seen (range end) within the smoothing window around a day, as a share.
    func lastSeenShare(aroundDay day: Int) -> Double {
        let window = MatchWeights.dateSmoothingDays
        let low = day - window - firstLastSeenDay
        let high = min(day + window - firstLastSeenDay, lastSeenRunningCount.count - 1)
        guard high >= 0, low < lastSeenRunningCount.count else { return 0 }
        let before = low > 0 ? lastSeenRunningCount[low - 1] : 0
        let measured = Double(lastSeenRunningCount[high] - before) / Double(2 * window + 1)
        return blend(measured: measured, even: 1 / MatchWeights.transferSpanDays)
    }

    /// Share of persons last known in a region (blended with an even spread over the directory's regions).
    func share(ofRegion code: String) -> Double {
        if let index = regionByCode[code] { return regionShare[index] }
        return blend(measured: 0, even: 1 / Double(max(RegionDirectory.standard.all.count, 1)))
    }

    /// A share measured as `measured` persons, blended with an even spread (see `MatchWeights.statisticsPseudoCount`).
    func blend(measured persons: Double, even share: Double, of total: Int? = nil) -> Double {
        let pseudo = MatchWeights.statisticsPseudoCount
        return (persons + pseudo * share) / (Double(total ?? count) + pseudo)
    }

    /// Share of persons (of known birth) born in a year, averaged over the smoothing window.
    func birthYearShare(_ year: Int) -> Double {
        let window = MatchWeights.ageSmoothingYears
        var total = 0
        for offset in -window...window { total += birthYearCounts[year + offset] ?? 0 }
        return blend(measured: Double(total) / Double(2 * window + 1), even: 1 / MatchWeights.evenAgeSpanYears, of: knownBirthCount)
    }
}

extension MatchPopulation {
    /// Every person with an open or linked inquiry whose consent covers tracing; a person
    /// with several such inquiries is matched once, through the oldest. Persons come in the
    /// order of their oldest such inquiry.
    static func load(_ db: Database) throws -> MatchPopulation {
        // Every matchable inquiry in the order received (no sort); a person's later inquiries are skipped.
        let rows = try Row.fetchCursor(db, sql: """
            SELECT \(personColumns)
            FROM inquiry i JOIN person p ON p.id = i.person_id
            WHERE i.status IN ('open', 'linked') AND i.consent_tracing = 1
            ORDER BY i.id
            """)
        var persons: [MatchPerson] = []
        var keys = KeyCache()
        var seen = Set<Int64>()
        while let row = try rows.next() {
            guard seen.insert(row[0]).inserted else { continue }
            persons.append(person(row, keys: &keys))
        }
        return MatchPopulation(persons: persons)
    }

    /// Name keys of field texts already seen: names repeat, and a key costs more than a lookup.
    struct KeyCache {
        private var keys: [Text: String] = [:]

        mutating func key(_ text: String) -> String {
            if let known = keys[Text(text)] { return known }
            let key = NameKey.keys(text).joined()
            keys[Text(text)] = key
            return key
        }

        /// A text compared and hashed by its bytes: `String`'s own hashing normalizes
        /// Unicode first, which costs more than the lookup saves for Cyrillic names.
        /// (Canonically equal texts in different bytes are keyed twice, to the same key.)
        struct Text: Hashable {
            let text: String

            init(_ text: String) { self.text = text }

            static func == (lhs: Self, rhs: Self) -> Bool {
                var left = lhs.text
                var right = rhs.text
                return left.withUTF8 { a in
                    right.withUTF8 { b in a.count == b.count && (a.count == 0 || memcmp(a.baseAddress!, b.baseAddress!, a.count) == 0) }
                }
            }

            func hash(into hasher: inout Hasher) {
                var copy = text
                copy.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
            }
        }
    }

    /// The columns `person(_:keys:)` reads, by position, from `person p` and `inquiry i`.
    static let personColumns = """
        p.id, i.id, i.reference, p.family_name, p.given_name, p.patronymic, p.sex, p.date_of_birth,
        p.service_number_key, p.last_known_region, p.last_seen_from, p.last_seen_to, p.dna_reference_status
        """

    /// A person from a row of `personColumns`.
    static func person(_ row: Row, keys: inout KeyCache) -> MatchPerson {
        let family: String = row[3]
        let given: String = row[4]
        let patronymic: String? = row[5]
        let from = CalendarDate(row[10] as String) ?? CalendarDate(validYear: 2022, month: 2, day: 24)
        let to = CalendarDate(row[11] as String) ?? from
        return MatchPerson(
            personID: row[0], inquiryID: row[1], reference: row[2],
            familyName: family, givenName: given, patronymicName: patronymic,
            family: keys.key(family), given: keys.key(given), patronymic: patronymic.map { keys.key($0) } ?? "",
            sex: Sex(rawValue: row[6]) ?? .unknown,
            dateOfBirth: (row[7] as String?).flatMap { PartialDate($0) },
            serviceKey: row[8], region: row[9],
            lastSeen: DayRange(from: from, to: to), dnaReference: row[12])
    }
}
