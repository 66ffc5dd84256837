import Foundation

/// The likelihood ratio of each kind of evidence, with the words that explain it.
///
/// The numbers come from `MatchWeights` (agreement and error rates) and the population
/// (how common the evidence is). The scoring loop in `RecordMatcher` reads tables filled
/// by these same functions, so a candidate's reasons always multiply to its score.
struct EvidenceModel: Sendable {
    let population: MatchPopulation
    let forms: GivenNameForms
    let regions: RegionDirectory

    init(population: MatchPopulation, forms: GivenNameForms = .standard, regions: RegionDirectory = .standard) {
        self.population = population
        self.forms = forms
        self.regions = regions
    }

    // MARK: Service number

    /// Service number agreement; nil when either side has none.
    func service(_ recordKey: String?, _ personKey: String?) -> MatchFactor? {
        guard let recordKey, let personKey else { return nil }
        if recordKey == personKey {
            return MatchFactor("service number", ratio: MatchWeights.serviceExactAgreement / MatchWeights.serviceExactChance, "exact")
        }
        if EditDistance.distance(recordKey, personKey, limit: 1) != nil {
            return MatchFactor("service number", ratio: MatchWeights.serviceOneEdit / MatchWeights.serviceOneEditChance,
                               "one character differs")
        }
        return MatchFactor("service number", ratio: serviceMismatchRatio, "differs")
    }

    var serviceMismatchRatio: Double {
        MatchWeights.serviceMismatch / (1 - MatchWeights.serviceExactChance - MatchWeights.serviceOneEditChance)
    }

    // MARK: Name

    enum Field: Int, CaseIterable {
        case family, given, patronymic

        var label: String {
            switch self {
            case .family: "family"
            case .given: "given"
            case .patronymic: "patronymic"
            }
        }
    }

    /// How one record word compares with one name field.
    struct FieldMatch {
        var ratio: Double
        var how: String
    }

    /// How common a key is in a field, blended with the typical frequency (see `MatchWeights`).
    func frequency(_ key: String, _ field: Field) -> Double {
        let counts = switch field {
        case .family: population.familyCounts
        case .given: population.givenCounts
        case .patronymic: population.patronymicCounts
        }
        let pseudo = MatchWeights.namePseudoCount
        return (Double(counts[key] ?? 0) + pseudo * Self.typicalFrequency(field)) / (Double(population.count) + pseudo)
    }

    func exactRatio(_ key: String, _ field: Field) -> Double {
        MatchWeights.nameExact / frequency(key, field)
    }

    /// u: another person's key is neither this key nor within an edit of it. The keys within an
    /// edit are other names, `keysPerEdit` of them, each about as common as a typical one, not
    /// as common as this key: a common name (Олександр, about 8 % of men) has no more near
    /// neighbours than a rare one, and its disagreement must still lower the score.
    func disagreementRatio(_ key: String, _ field: Field) -> Double {
        let near = MatchWeights.keysPerEdit * Self.typicalFrequency(field)
        return MatchWeights.nameDisagreement / max(1 - frequency(key, field) - near, MatchWeights.shareFloor)
    }

    /// The typical frequency of one name in a field (see `MatchWeights`).
    static func typicalFrequency(_ field: Field) -> Double {
        switch field {
        case .family: MatchWeights.typicalFamilyFrequency
        case .given: MatchWeights.typicalGivenFrequency
        case .patronymic: MatchWeights.typicalPatronymicFrequency
        }
    }

    /// One record word against one field key.
    func compare(word: String, field key: String, _ field: Field) -> FieldMatch {
        if word == key { return FieldMatch(ratio: exactRatio(key, field), how: "exact") }
        if word.unicodeScalars.count == 1, field != .family {
            let share = max(population.givenInitialShare[Character(String(word))] ?? 0, MatchWeights.shareFloor)
            if key.hasPrefix(word) { return FieldMatch(ratio: MatchWeights.initialAgreement / share, how: "initial") }
            return FieldMatch(ratio: (1 - MatchWeights.initialAgreement) / max(1 - share, MatchWeights.shareFloor), how: "other initial")
        }
        if field == .given, forms.areForms(word, key) {
            return FieldMatch(ratio: MatchWeights.nameOtherForm / frequency(key, field), how: "other form")
        }
        if field == .patronymic, forms.arePatronymicForms(word, key) {
            return FieldMatch(ratio: MatchWeights.nameOtherForm / frequency(key, field), how: "other form")
        }
        let allowance = EditDistance.typoAllowance(forLength: max(word.count, key.count))
        if let distance = EditDistance.distance(word, key, limit: allowance) {
            return typo(key, field, distance)
        }
        return FieldMatch(ratio: disagreementRatio(key, field), how: "differs")
    }

    private func typo(_ key: String, _ field: Field, _ distance: Int) -> FieldMatch {
        let agreement = distance == 1 ? MatchWeights.nameOneEdit : MatchWeights.nameTwoEdits
        // u: a random person's key lies this near the word: the key itself, or one of the
        // other keys within as many edits, each about as common as a typical name (not as
        // this one: a common name has no more neighbours than a rare one).
        let others = pow(MatchWeights.keysPerEdit, Double(distance)) * Self.typicalFrequency(field)
        let chance = min(frequency(key, field) + others, 1)
        return FieldMatch(ratio: agreement / chance, how: distance == 1 ? "1 edit" : "\(distance) edits")
    }

    /// A record word that is the person's family and given names run together (either order).
    func swallowed(word: String, family: String, given: String) -> FieldMatch? {
        guard !family.isEmpty, !given.isEmpty,
              word.unicodeScalars.count >= family.unicodeScalars.count + given.unicodeScalars.count - 3 else { return nil }
        let whole = exactRatio(family, .family) * exactRatio(given, .given) * MatchWeights.swallowedSpace
        var best: FieldMatch?
        for joined in [Self.joined(family, given), Self.joined(given, family)] {
            let allowance = EditDistance.typoAllowance(forLength: joined.count)
            guard let distance = EditDistance.distance(word, joined, limit: allowance) else { continue }
            let perEdit = MatchWeights.nameOneEdit / (MatchWeights.nameExact * MatchWeights.keysPerEdit)
            let ratio = whole * pow(perEdit, Double(distance))
            if best.map({ ratio > $0.ratio }) ?? true {
                best = FieldMatch(ratio: ratio, how: distance == 0 ? "run together" : "run together, \(distance) edit\(distance == 1 ? "" : "s")")
            }
        }
        return best
    }

    /// Two keys as one word: a letter that ends the first and starts the second is written once,
    /// as `NameKey` writes a repeated letter (Шевченко + Олексій is one word "…kol…").
    static func joined(_ first: String, _ second: String) -> String {
        first.last == second.first ? first + second.dropFirst() : first + second
    }

    /// How each record word compares with one person's name fields: one entry per word for
    /// each field the person has (nil for an empty field), and per word the reading of it as
    /// family and given names run together.
    struct NameTable {
        var fields: [[FieldMatch]?]
        var swallowed: [FieldMatch?]
    }

    /// One way to read the record's words as name fields: the word of each field, or -1.
    struct Reading {
        var words: (family: Int, given: Int, patronymic: Int)
        /// The word read as family and given names run together, or -1.
        var swallowed: Int

        func word(for field: Field) -> Int {
            switch field {
            case .family: words.family
            case .given: words.given
            case .patronymic: words.patronymic
            }
        }
    }

    /// Every assignment of up to `MatchRecord.maximumWords` words to the three fields (each
    /// field one word or none, no word twice), by word count, with how many words it uses.
    static let assignments: [[(reading: Reading, used: Int)]] = (0...MatchRecord.maximumWords).map { count in
        let options = [-1] + Array(0..<count)
        var all: [(Reading, Int)] = []
        for family in options {
            for given in options where given == -1 || given != family {
                for patronymic in options where patronymic == -1 || (patronymic != family && patronymic != given) {
                    let used = [family, given, patronymic].filter { $0 >= 0 }.count
                    all.append((Reading(words: (family, given, patronymic), swallowed: -1), used))
                }
            }
        }
        return all
    }

    /// The table of a person computed directly (explanations and tests; the matcher caches
    /// comparisons per key, see `RecordNameComparison`).
    func nameTable(words: [String], person: MatchPerson) -> NameTable {
        let keys = [person.family, person.given, person.patronymic]
        return NameTable(
            fields: Field.allCases.map { field in
                keys[field.rawValue].isEmpty ? nil : words.map { compare(word: $0, field: keys[field.rawValue], field) }
            },
            swallowed: words.map { swallowed(word: $0, family: person.family, given: person.given) })
    }

    /// The best reading of the record's words as the person's name fields, in any order: every
    /// word is read as one field (or, run together, as two) until words or fields run out;
    /// fields the record does not give count as unknown, not as disagreement.
    func bestReading(_ table: NameTable, wordCount: Int) -> (ratio: Double, reading: Reading)? {
        guard wordCount > 0 else { return nil }
        var best: (ratio: Double, reading: Reading)?
        // Called for every index hit: no allocation, each field's comparisons read once.
        let family = table.fields[Field.family.rawValue]
        let given = table.fields[Field.given.rawValue]
        let patronymic = table.fields[Field.patronymic.rawValue]
        let presentCount = (family == nil ? 0 : 1) + (given == nil ? 0 : 1) + (patronymic == nil ? 0 : 1)
        for (reading, used) in Self.assignments[min(wordCount, MatchRecord.maximumWords)] {
            var ratio = 1.0
            var assigned = 0
            // Written names lead with the family and given names: with two words or more both
            // are read (a differing one counts against); one word is one of them, never a patronymic.
            let (f, g, p) = reading.words
            if f >= 0 {
                guard let family else { continue }
                ratio *= family[f].ratio
                assigned += 1
            } else if wordCount >= 2, family != nil {
                continue
            }
            if g >= 0 {
                guard let given else { continue }
                ratio *= given[g].ratio
                assigned += 1
            } else if wordCount >= 2, given != nil {
                continue
            }
            if p >= 0 {
                guard wordCount >= 2, let patronymic else { continue }
                ratio *= patronymic[p].ratio
                assigned += 1
            }
            // Every word is read, or every field the person has is given a word.
            guard used == wordCount || assigned == presentCount else { continue }
            if best.map({ ratio > $0.ratio }) ?? true { best = (ratio, reading) }
        }
        for (index, match) in table.swallowed.enumerated() {
            guard let match else { continue }
            // The swallowed word covers family and given; a further word may be the patronymic.
            var ratio = match.ratio
            var patronymic = -1
            if let other = (0..<wordCount).first(where: { $0 != index }), let matches = table.fields[Field.patronymic.rawValue] {
                ratio *= matches[other].ratio
                patronymic = other
            }
            if best.map({ ratio > $0.ratio }) ?? true {
                best = (ratio, Reading(words: (-1, -1, patronymic), swallowed: index))
            }
        }
        return best
    }

    /// The best reading's ratio and, per field read, how it compared.
    func nameRatio(words: [String], person: MatchPerson, table: NameTable? = nil) -> (ratio: Double, how: [String])? {
        let table = table ?? nameTable(words: words, person: person)
        guard let (ratio, reading) = bestReading(table, wordCount: words.count) else { return nil }
        var how: [String] = []
        if reading.swallowed >= 0, let match = table.swallowed[reading.swallowed] {
            how.append("family and given \(match.how)")
        }
        for field in Field.allCases {
            let word = reading.word(for: field)
            if word >= 0, let matches = table.fields[field.rawValue] { how.append("\(field.label) \(matches[word].how)") }
        }
        return (ratio, how)
    }

    /// The lowest name ratio a person can get for these words: every word disagrees with a
    /// field. Persons no word comes near are scored with this in the fast pass.
    func nameFloor(words: [String]) -> Double {
        pow(MatchWeights.nameDisagreement, Double(min(words.count, 3)))
    }

    func name(_ record: MatchRecord, _ person: MatchPerson, table: NameTable? = nil) -> MatchFactor? {
        guard let (ratio, how) = nameRatio(words: record.words, person: person, table: table) else { return nil }
        let written = record.name ?? ""
        return MatchFactor("name", ratio: ratio, "\"\(written)\" ~ \"\(person.name)\": \(how.joined(separator: ", "))")
    }

    // MARK: Sex

    func sexRatio(_ record: Sex, _ person: Sex) -> Double? {
        guard record != .unknown, person != .unknown else { return nil }
        let share = min(max(population.sexShare[Int(MatchPopulation.sexNumber(record))], MatchWeights.shareFloor),
                        1 - MatchWeights.shareFloor)
        return record == person ? MatchWeights.sexAgreement / share : (1 - MatchWeights.sexAgreement) / share
    }

    func sex(_ record: Sex, _ person: Sex) -> MatchFactor? {
        guard let ratio = sexRatio(record, person) else { return nil }
        return MatchFactor("sex", ratio: ratio, record == person ? "\(record.rawValue) on both"
                           : "record \(record.rawValue), person \(person.rawValue)")
    }

    // MARK: Age

    /// Age in whole years on a day, from a day number of birth.
    static func age(bornDay: Int, on day: Int) -> Int {
        Int((Double(day - bornDay) / 365.2425).rounded(.down))
    }

    /// m: the chance density of an estimated range for a person of this true age.
    func ageAgreement(range: ClosedRange<Int>, age: Int) -> Double {
        let middle = Double(range.lowerBound + range.upperBound) / 2
        let half = max(Double(range.upperBound - range.lowerBound) / 2, 0.5)
        let sd = max(half / 1.645, MatchWeights.ageLeastSpreadYears)
        let off = abs(Double(age) - middle)
        let central = exp(-off * off / (2 * sd * sd)) / (sd * (2 * Double.pi).squareRoot())
        let scale = half + MatchWeights.ageSpreadYears
        let wrong = exp(-off / scale) / (2 * scale)
        return MatchWeights.ageWithinRange * central + (1 - MatchWeights.ageWithinRange) * wrong
    }

    /// u: the same density for a person picked at random (of known birth), in the year of
    /// the record's day: the average of `ageAgreement` over the ages of the database.
    func ageChance(range: ClosedRange<Int>, year: Int) -> Double {
        var weighted = 0.0
        var total = 0.0
        for age in 0...Tables.maximumAge {
            let share = population.birthYearShare(year - age)
            weighted += share * ageAgreement(range: range, age: age)
            total += share
        }
        return Self.positive(total > 0 ? weighted / total : ageAgreement(range: range, age: (range.lowerBound + range.upperBound) / 2))
    }

    func ageRatio(range: ClosedRange<Int>, age: Int, chance: Double) -> Double {
        ageAgreement(range: range, age: age) / chance
    }

    /// The age factor; `chance` is the record's `ageChance` (computed here when not given).
    func age(_ record: MatchRecord, _ person: MatchPerson, chance: Double? = nil) -> MatchFactor? {
        guard let range = record.ageRange, let born = person.dateOfBirth else { return nil }
        let chance = chance ?? ageChance(range: range, year: record.day.year)
        let day = record.day
        let age = Self.age(bornDay: born.middleDayNumber, on: day.dayNumber)
        let estimate = range.count == 1 ? "\(range.lowerBound)" : "\(range.lowerBound)–\(range.upperBound)"
        return MatchFactor("age", ratio: ageRatio(range: range, age: age, chance: chance),
                           "estimated \(estimate), born \(born) → \(age)")
    }

    /// A denominator kept away from zero (an empty database, a density far in a tail).
    static func positive(_ chance: Double) -> Double {
        max(chance, 1e-12)
    }

    // MARK: Region

    /// m: the chance that a person last known in `person` is recovered in `record`: the
    /// last known region, one of its neighbours (each equally), or one of the other regions
    /// (each equally).
    func regionLikelihood(_ record: String, _ person: String) -> Double {
        if record == person { return MatchWeights.regionSame }
        let neighbours = regions.neighbours(of: person).count
        if regions.areAdjacent(record, person) { return MatchWeights.regionAdjacent / Double(max(neighbours, 1)) }
        return MatchWeights.regionElsewhere / Double(max(regionCount - 1 - neighbours, 1))
    }

    /// The regions a body may be recovered in (the directory's).
    var regionCount: Int { max(regions.all.count, 2) }

    /// u: the chance that a person picked at random is recovered in `record`: the average of
    /// `regionLikelihood` over the last known regions of the database (regions nobody was
    /// last known in keep the blended share `MatchPopulation` gives them).
    func regionChance(_ record: String) -> Double {
        var chance = 0.0
        var covered = 0.0
        for (index, code) in population.regions.enumerated() {
            chance += population.regionShare[index] * regionLikelihood(record, code)
            covered += population.regionShare[index]
        }
        if covered < 1 {
            let rest = MatchWeights.regionElsewhere / Double(regionCount - 1)
            chance += (1 - covered) * rest
        }
        return Self.positive(chance)
    }

    func regionRatio(_ record: String, _ person: String, chance: Double) -> Double {
        regionLikelihood(record, person) / chance
    }

    func regionName(_ code: String) -> String {
        regions.region(code: code).map { "\(code) \($0.nameEN)" } ?? code
    }

    func region(_ record: String?, _ person: String, chances: RecordChances) -> MatchFactor? {
        guard let record, let chance = chances.region else { return nil }
        let ratio = regionRatio(record, person, chance: chance)
        let detail = if record == person {
            "\(regionName(record)) is the last known region"
        } else if regions.areAdjacent(record, person) {
            "recovered in \(regionName(record)), next to the last known \(regionName(person))"
        } else {
            "recovered in \(regionName(record)), last known in \(regionName(person))"
        }
        return MatchFactor("region", ratio: ratio, detail)
    }

    // MARK: Date

    /// Days from last seen to the record's day: 0 within the range last seen, negative before it.
    static func daysAfterLastSeen(day: Int, from: Int, to: Int) -> Int {
        if day > to { return day - to }
        if day < from { return day - from }
        return 0
    }

    /// The chance density of a delay between last seen and recovery (or transfer) for the
    /// same person; never zero (a date a century before last seen would underflow to 0).
    func delayDensity(_ days: Int, recovered: Bool) -> Double {
        max(rawDelayDensity(days, recovered: recovered), .leastNormalMagnitude)
    }

    private func rawDelayDensity(_ days: Int, recovered: Bool) -> Double {
        let delay = Double(days)
        let error = MatchWeights.lastSeenErrorDays
        let after = recovered ? MatchWeights.recoveredAfterLastSeen : MatchWeights.transferredAfterLastSeen
        // Wrong by more than the usual error: recovered (or transferred) well before last seen.
        let spread = MatchWeights.recoveredBeforeSpreadDays
        let before = days < 0 ? (1 - after) / spread * exp(delay / spread) : 0
        let span = recovered ? MatchWeights.recoveredLateSpanDays : MatchWeights.transferSpanDays
        let late = Self.uniformWithError(delay, span: span, error: error)
        guard recovered else { return before + after * late }
        let soon = Self.exponentialWithError(delay, mean: MatchWeights.recoveredSoonMeanDays, error: error)
        return before + after * (MatchWeights.recoveredSoonShare * soon + (1 - MatchWeights.recoveredSoonShare) * late)
    }

    /// The density at `x` of a delay spread evenly over 0...span, seen through a last-seen
    /// date that is off by a Laplace error of scale `error` days; beyond the span it falls
    /// by e every span.
    static func uniformWithError(_ x: Double, span: Double, error: Double) -> Double {
        func below(_ y: Double) -> Double { y < 0 ? 0.5 * exp(y / error) : 1 - 0.5 * exp(-y / error) }
        guard x <= span else { return 0.5 * exp(-(x - span) / span) / span }
        return (below(x) - below(x - span)) / span
    }

    /// The density at `x` of an exponential delay (of this mean) seen through a last-seen
    /// date off by a Laplace error of scale `error` days (their convolution, in closed form).
    static func exponentialWithError(_ x: Double, mean: Double, error: Double) -> Double {
        let a = 1 / mean
        let b = 1 / error
        let scale = a * b / 2
        guard x >= 0 else { return scale * exp(b * x) / (a + b) }
        let rising = abs(b - a) < 1e-12 ? x * exp(-a * x) : (exp(-a * x) - exp(-b * x)) / (b - a)
        return scale * (rising + exp(-a * x) / (a + b))
    }

    /// u for a record's day: the average of `delayDensity` over the last-seen dates of the
    /// database (range ends, smoothed as in `MatchPopulation.lastSeenShare`).
    func dateChance(day: Int, recovered: Bool, densities: DelayDensities? = nil) -> Double {
        guard let ends = population.lastSeenEnds else { return Self.positive(delayDensity(0, recovered: recovered)) }
        var weighted = 0.0
        var total = 0.0
        for seen in ends {
            let share = densities?.shares[seen - ends.lowerBound] ?? population.lastSeenShare(aroundDay: seen)
            weighted += share * (densities?.density(day - seen) ?? delayDensity(day - seen, recovered: recovered))
            total += share
        }
        return Self.positive(total > 0 ? weighted / total : delayDensity(0, recovered: recovered))
    }

    /// Ratio of a record's delay against the record's `dateChance`.
    /// Recovered before last seen never counts in favour, however unusual the day is for
    /// everyone else: the ratio is then at most the density against that of no delay (near
    /// 1 a few days before, as the last-seen date itself is off by days; ever less weeks or
    /// years before, never zero).
    func dateRatio(delay: Int, chance: Double, recovered: Bool) -> Double {
        let ratio = delayDensity(delay, recovered: recovered) / chance
        guard delay < 0 else { return ratio }
        return min(ratio, delayDensity(delay, recovered: recovered) / delayDensity(0, recovered: recovered))
    }

    /// Ratio for a batch's day against one person's last seen (inquiry → batch matching,
    /// where the person is fixed and batches vary): the chance side is how many persons were
    /// last seen around the person's own last-seen day.
    func dateRatio(delay: Int, day: Int, recovered: Bool) -> Double {
        let chance = max(population.lastSeenShare(aroundDay: day - delay),
                         MatchWeights.shareFloor / MatchWeights.transferSpanDays)
        return delayDensity(delay, recovered: recovered) / chance
    }

    func date(_ record: MatchRecord, _ person: MatchPerson, chances: RecordChances) -> MatchFactor {
        let day = record.day.dayNumber
        let delay = Self.daysAfterLastSeen(day: day, from: person.lastSeen.from.dayNumber, to: person.lastSeen.to.dayNumber)
        let recovered = record.recoveryDate != nil
        let verb = recovered ? "recovered" : "no recovery date; transferred"
        let detail = switch delay {
        case 0: "\(verb) within the days last seen"
        case 1...: "\(verb) \(delay) day\(delay == 1 ? "" : "s") after last seen"
        default: "\(verb) \(-delay) day\(delay == -1 ? "" : "s") before last seen"
        }
        return MatchFactor("date", ratio: dateRatio(delay: delay, chance: chances.date, recovered: recovered), detail)
    }

    // MARK: Notes

    /// The next step when the family has given no reference sample.
    static func dnaNote(_ status: String) -> MatchFactor? {
        switch status {
        case "none": .note("dna", "no family reference sample: request one")
        case "requested": .note("dna", "family reference sample requested, not yet taken")
        default: nil
        }
    }

    /// Every factor of a pair, in a fixed order.
    func factors(_ record: MatchRecord, _ person: MatchPerson, names: RecordNameComparison? = nil,
                 chances: RecordChances? = nil) -> [MatchFactor] {
        let chances = chances ?? RecordChances(record, self)
        return [service(record.serviceKey, person.serviceKey), name(record, person, table: names?.table(person)),
                sex(record.sex, person.sex), age(record, person, chance: chances.age),
                region(record.region, person.region, chances: chances), date(record, person, chances: chances)].compactMap { $0 }
    }
}

/// One record's name words against the name keys of many persons. Family, given and
/// patronymic keys repeat across persons, so each key is compared with the words once.
final class RecordNameComparison {
    let model: EvidenceModel
    let words: [String]
    private var cache: [[String: [EvidenceModel.FieldMatch]]] = [[:], [:], [:]]

    init(_ record: MatchRecord, _ model: EvidenceModel) {
        self.model = model
        words = record.words
    }

    private func matches(_ key: String, _ field: EvidenceModel.Field) -> [EvidenceModel.FieldMatch]? {
        guard !key.isEmpty else { return nil }
        if let known = cache[field.rawValue][key] { return known }
        let computed = words.map { model.compare(word: $0, field: key, field) }
        cache[field.rawValue][key] = computed
        return computed
    }

    func table(_ person: MatchPerson) -> EvidenceModel.NameTable {
        EvidenceModel.NameTable(
            fields: [matches(person.family, .family), matches(person.given, .given), matches(person.patronymic, .patronymic)],
            swallowed: words.map { model.swallowed(word: $0, family: person.family, given: person.given) })
    }

    /// The name ratio of the person's best reading, nil when the record has no name.
    func ratio(_ person: MatchPerson) -> Double? {
        model.bestReading(table(person), wordCount: words.count)?.ratio
    }
}

/// The delay densities (and last-seen shares) a batch's records need, each computed once:
/// every record compares its day with every last-seen day, and records share those delays.
final class DelayDensities: Sendable {
    let recovered: Bool
    let first: Int
    let densities: [Double]
    /// log10 of each density.
    let logs: [Double]
    let atZero: Double
    /// `MatchPopulation.lastSeenShare` of each day of `lastSeenEnds`.
    let shares: [Double]
    private let model: EvidenceModel

    init(_ model: EvidenceModel, recovered: Bool, delays: ClosedRange<Int>, shares: [Double]) {
        self.model = model
        self.recovered = recovered
        first = delays.lowerBound
        densities = delays.map { model.delayDensity($0, recovered: recovered) }
        logs = densities.map(log10)
        atZero = model.delayDensity(0, recovered: recovered)
        self.shares = shares
    }

    @inline(__always)
    func density(_ delay: Int) -> Double {
        let slot = delay - first
        return slot >= 0 && slot < densities.count ? densities[slot] : model.delayDensity(delay, recovered: recovered)
    }

    @inline(__always)
    func log(_ delay: Int) -> Double {
        let slot = delay - first
        return slot >= 0 && slot < logs.count ? logs[slot] : log10(model.delayDensity(delay, recovered: recovered))
    }

    /// `EvidenceModel.dateRatio` as log10, from the tables.
    func ratioLog(_ delay: Int, chance: Double) -> Double {
        let logDensity = log(delay)
        let ratio = logDensity - log10(chance)
        return delay < 0 ? min(ratio, logDensity - log10(atZero)) : ratio
    }
}

/// The denominators of a record's region, age and date ratios: how likely its evidence is
/// for a person picked at random from the database. They depend on the record alone, so a
/// record's candidates are ranked by how well each explains the record, and a common region,
/// age or last-seen date is not counted against the persons who have it.
struct RecordChances: Sendable {
    let region: Double?
    let age: Double?
    let date: Double
    /// Shared by the records of a batch (nil for a record ranked alone).
    let delays: DelayDensities?

    init(_ record: MatchRecord, _ model: EvidenceModel) {
        region = record.region.map { model.regionChance($0) }
        age = record.ageRange.map { model.ageChance(range: $0, year: record.day.year) }
        date = model.dateChance(day: record.day.dayNumber, recovered: record.recoveryDate != nil)
        delays = nil
    }

    /// The chances of every record of a batch, each distinct piece of evidence computed once:
    /// records share recovery days, regions and age ranges, and a date chance sums over
    /// every last-seen day of the database.
    static func all(_ records: [MatchRecord], _ model: EvidenceModel) -> [RecordChances] {
        struct AgeKey: Hashable { let range: ClosedRange<Int>, year: Int }
        struct DateKey: Hashable { let day: Int, recovered: Bool }
        var regions: [String: Double] = [:]
        var ages: [AgeKey: Double] = [:]
        var dates: [DateKey: Double] = [:]
        func known<Key: Hashable>(_ cache: inout [Key: Double], _ key: Key, _ compute: () -> Double) -> Double {
            if let value = cache[key] { return value }
            let value = compute()
            cache[key] = value
            return value
        }
        let population = model.population
        var densities: [Bool: DelayDensities] = [:]
        if let ends = population.lastSeenEnds, let earliest = population.earliestLastSeen,
           let firstDay = records.map(\.day.dayNumber).min(), let lastDay = records.map(\.day.dayNumber).max() {
            let delays = (firstDay - max(ends.upperBound, earliest))...(lastDay - min(earliest, ends.lowerBound))
            let shares = ends.map { population.lastSeenShare(aroundDay: $0) }
            for recovered in [false, true] where records.contains(where: { ($0.recoveryDate != nil) == recovered }) {
                densities[recovered] = DelayDensities(model, recovered: recovered, delays: delays, shares: shares)
            }
        }
        return records.map { record in
            let region = record.region.map { code in known(&regions, code) { model.regionChance(code) } }
            let age = record.ageRange.map { range in
                known(&ages, AgeKey(range: range, year: record.day.year)) { model.ageChance(range: range, year: record.day.year) }
            }
            let recovered = record.recoveryDate != nil
            let date = known(&dates, DateKey(day: record.day.dayNumber, recovered: recovered)) {
                model.dateChance(day: record.day.dayNumber, recovered: recovered, densities: densities[recovered])
            }
            return RecordChances(region: region, age: age, date: date, delays: densities[recovered])
        }
    }

    private init(region: Double?, age: Double?, date: Double, delays: DelayDensities?) {
        self.region = region
        self.age = age
        self.date = date
        self.delays = delays
    }
}
