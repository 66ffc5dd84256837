import Foundation
import Testing
@testable import HomewardCore

/// Properties of every factor over generated populations and pairs (a seeded generator, so a
/// failure repeats): disagreement lowers a ratio but never to zero, agreement always scores
/// higher, and a candidate's reasons are its score.
@Suite struct FactorPropertyTests {
    // MARK: Generated worlds

    /// What a generated person is, as it would be typed into an inquiry.
    struct Spec {
        var id: Int64
        var family: String
        var given: String
        var patronymic: String?
        var sex: Sex
        var born: CalendarDate?
        var service: String?
        var region: String
        var lastSeen: CalendarDate

        var person: MatchPerson {
            MatchSample.person(id, family: family, given: given, patronymic: patronymic, sex: sex, born: born?.description,
                               service: service, region: region, lastSeen: lastSeen.description)
        }
    }

    struct World {
        var specs: [Spec]
        var model: EvidenceModel
        /// Where most of the centre's families come from, and how many of them do.
        var home: String
        var concentration: Double
    }

    static let codes = RegionDirectory.standard.all.map(\.code)
    static let families = ["Шевченко", "Мельник", "Бондаренко", "Коваленко", "Ткаченко", "Кравченко", "Олійник", "Шевчук",
                           "Поліщук", "Бойко", "Кравчук", "Лисенко", "Марченко", "Руденко", "Савченко", "Петренко",
                           "Мороз", "Павленко", "Левченко", "Кузьменко", "Гончаренко", "Зінченко", "Яковенко", "Ковальчук"]
    static let givens = ["Олександр", "Олексій", "Андрій", "Сергій", "Дмитро", "Микола", "Володимир", "Іван", "Юрій",
                         "Василь", "Михайло", "Віталій", "Богдан", "Тарас", "Роман", "Максим", "Віктор", "Ігор"]
    static let patronymics = ["Олександрович", "Миколайович", "Іванович", "Петрович", "Васильович", "Сергійович",
                              "Володимирович", "Михайлович", "Андрійович", "Юрійович"]

    /// A name from a list with Zipf-like weights: the first ones common, the tail rare.
    static func zipf(_ list: [String], _ random: inout SeededGenerator) -> String {
        let weights = list.indices.map { 1 / Double($0 + 1) }
        var pick = Double.random(in: 0..<weights.reduce(0, +), using: &random)
        for (index, weight) in weights.enumerated() {
            pick -= weight
            if pick < 0 { return list[index] }
        }
        return list[list.count - 1]
    }

    static func day(_ number: Int) -> CalendarDate {
        // Howard Hinnant's civil_from_days, the inverse of `dayNumber`.
        let z = number + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return CalendarDate(validYear: yoe + era * 400 + (m <= 2 ? 1 : 0), month: m, day: d)
    }

    static func serviceNumber(_ random: inout SeededGenerator) -> String {
        "ЗСУ-" + String((0..<7).map { _ in Character(String(Int.random(in: 0...9, using: &random))) })
    }

    /// A population of `size` persons; `concentration` of them last known in `home`, the rest anywhere.
    static func world(size: Int, concentration: Double, _ random: inout SeededGenerator) -> World {
        let home = codes.randomElement(using: &random) ?? "UA-14"
        let first = CalendarDate(validYear: 2022, month: 2, day: 24).dayNumber
        let last = CalendarDate(validYear: 2025, month: 3, day: 31).dayNumber
        var specs: [Spec] = []
        for index in 0..<size {
            let roll = Double.random(in: 0..<1, using: &random)
            let sex: Sex = roll < 0.92 ? .male : roll < 0.98 ? .female : .unknown
            let born: CalendarDate? = Double.random(in: 0..<1, using: &random) < 0.9
                ? day(CalendarDate(validYear: Int.random(in: 1962...2004, using: &random), month: 1, day: 1).dayNumber
                      + Int.random(in: 0...364, using: &random)) : nil
            specs.append(Spec(
                id: Int64(index + 1), family: zipf(families, &random), given: zipf(givens, &random),
                patronymic: Double.random(in: 0..<1, using: &random) < 0.8 ? zipf(patronymics, &random) : nil,
                sex: sex, born: born,
                service: Double.random(in: 0..<1, using: &random) < 0.7 ? serviceNumber(&random) : nil,
                region: Double.random(in: 0..<1, using: &random) < concentration ? home : (codes.randomElement(using: &random) ?? home),
                lastSeen: day(Int.random(in: first...last, using: &random))))
        }
        return World(specs: specs, model: MatchSample.model(specs.map(\.person)), home: home, concentration: concentration)
    }

    /// Worlds from a few dozen persons spread evenly to thousands gathered in one region (a
    /// regional centre's families mostly come from its own oblast).
    static func worlds(_ random: inout SeededGenerator) -> [World] {
        var worlds: [World] = []
        for size in [25, 300, 3000] {
            for concentration in [0.0, 0.6, 0.95] {
                worlds.append(world(size: size, concentration: concentration, &random))
            }
        }
        return worlds
    }

    // MARK: Pairs

    /// The record a person would leave if every piece of evidence agreed: named as the
    /// person, the person's number, sex and region, the age estimated around the true age,
    /// recovered within a year of last seen.
    static func agreeing(_ spec: Spec, _ random: inout SeededGenerator) -> (record: MatchRecord, recovered: CalendarDate) {
        let recovered = day(spec.lastSeen.dayNumber + Int.random(in: 0...300, using: &random))
        let age = spec.born.map { EvidenceModel.age(bornDay: $0.dayNumber, on: recovered.dayNumber) } ?? 30
        let half = Int.random(in: 0...7, using: &random)
        let name = [spec.family, spec.given] + (Bool.random(using: &random) ? [spec.patronymic].compactMap { $0 } : [])
        let sex: Sex = spec.sex == .unknown ? .male : spec.sex
        return (MatchSample.record(1, name: name.joined(separator: " "), service: spec.service ?? serviceNumber(&random), sex: sex,
                                   age: max(0, age - half)...(age + half), region: spec.region, recovered: recovered.description,
                                   batchDate: day(recovered.dayNumber + 30).description), recovered)
    }

    /// A different name: family and given keys beyond a typo of the person's, given names
    /// not forms of each other.
    static func otherName(than spec: Spec, _ random: inout SeededGenerator) -> (family: String, given: String) {
        func far(_ a: String, _ b: String) -> Bool {
            let (x, y) = (NameKey.key(a), NameKey.key(b))
            return EditDistance.distance(x, y, limit: EditDistance.typoAllowance(forLength: max(x.count, y.count))) == nil
                && !GivenNameForms.standard.areForms(x, y)
        }
        let family = families.filter { far($0, spec.family) && far($0, spec.given) }.randomElement(using: &random) ?? "Левченко"
        let given = givens.filter { far($0, spec.given) && far($0, spec.family) && far($0, spec.patronymic ?? "") }
            .randomElement(using: &random) ?? "Тарас"
        return (family, given)
    }

    /// A number more than one edit from `text` (two swapped digits are one edit).
    static func otherNumber(than text: String?, _ random: inout SeededGenerator) -> String {
        guard let text else { return serviceNumber(&random) }
        while true {
            let other = changedDigits(text, &random)
            if let a = ServiceNumber.key(text), let b = ServiceNumber.key(other), EditDistance.distance(a, b, limit: 1) == nil {
                return other
            }
        }
    }

    static func changedDigits(_ text: String, _ random: inout SeededGenerator) -> String {
        var digits = Array(text)
        var positions = Array(4..<digits.count)
        positions.shuffle(using: &random)
        for position in positions.prefix(Int.random(in: 2...4, using: &random)) {
            let old = digits[position]
            var new = old
            while new == old { new = Character(String(Int.random(in: 0...9, using: &random))) }
            digits[position] = new
        }
        return String(digits)
    }

    /// A region neither the same as nor next to `code`.
    static func farRegion(from code: String, _ random: inout SeededGenerator) -> String {
        codes.filter { $0 != code && !RegionDirectory.standard.areAdjacent($0, code) }.randomElement(using: &random) ?? "UA-46"
    }

    static func copy(_ record: MatchRecord, name: String? = nil, service: String? = nil, sex: Sex? = nil, age: ClosedRange<Int>? = nil,
                     region: String? = nil, recovered: CalendarDate? = nil) -> MatchRecord {
        MatchRecord(recordID: record.recordID, address: record.address, kind: record.kind, name: name ?? record.name,
                    serviceKey: service.flatMap(ServiceNumber.key) ?? record.serviceKey, sex: sex ?? record.sex,
                    ageMin: age?.lowerBound ?? record.ageMin, ageMax: age?.upperBound ?? record.ageMax, region: region ?? record.region,
                    recoveryDate: recovered ?? record.recoveryDate, batchDate: record.batchDate)
    }

    enum Kind: String, CaseIterable {
        case service = "service number", name, sex, age, region, date
    }

    /// The record-side and person-side disagreement of one kind: the same person against a
    /// record that disagrees, and the same record against a person who disagrees.
    static func disagreeing(_ kind: Kind, _ spec: Spec, _ record: MatchRecord, recovered: CalendarDate,
                            _ random: inout SeededGenerator) -> (record: MatchRecord, person: Spec) {
        var other = spec
        switch kind {
        case .service:
            other.service = otherNumber(than: spec.service, &random)
            return (copy(record, service: otherNumber(than: spec.service, &random)), other)
        case .name:
            let (family, given) = otherName(than: spec, &random)
            (other.family, other.given) = otherName(than: spec, &random)
            other.patronymic = nil
            return (copy(record, name: "\(family) \(given)"), other)
        case .sex:
            let flipped: Sex = record.sex == .male ? .female : .male
            other.sex = flipped
            return (copy(record, sex: flipped), other)
        case .age:
            // The estimate's middle 30 years away from the true age, and a person born 30 years apart.
            let low = record.ageMin ?? 0, high = record.ageMax ?? 0
            let shift = low >= 30 && Bool.random(using: &random) ? -30 : 30
            let years = Double(Bool.random(using: &random) ? 30 : -30) * 365.2425
            other.born = day((spec.born ?? CalendarDate(validYear: 1994, month: 3, day: 12)).dayNumber + Int(years))
            return (copy(record, age: (low + shift)...(high + shift)), other)
        case .region:
            let far = farRegion(from: spec.region, &random)
            other.region = farRegion(from: record.region ?? spec.region, &random)
            return (copy(record, region: far), other)
        case .date:
            // Recovered years before last seen: anywhere back to the earliest date a manifest takes (1900).
            let earliest = CalendarDate(validYear: 1900, month: 1, day: 1).dayNumber
            let years = Int.random(in: 1...130, using: &random)
            let before = max(earliest, spec.lastSeen.dayNumber - Int(Double(years) * 365.2425))
            other.lastSeen = day(recovered.dayNumber + Int(Double(Int.random(in: 1...8, using: &random)) * 365.2425))
            return (copy(record, recovered: day(before)), other)
        }
    }

    static func factor(_ kind: Kind, _ factors: [MatchFactor]) -> MatchFactor? {
        factors.first { $0.evidence == kind.rawValue }
    }

    // MARK: Properties

    @Test func disagreementLowersEveryFactorButNeverToZero() throws {
        var random = SeededGenerator(seed: 0x4D41_5443_4831)
        var checked = [Kind: Int]()
        for world in Self.worlds(&random) {
            for _ in 0..<40 {
                guard let spec = world.specs.filter({ $0.born != nil && $0.sex != .unknown && $0.service != nil }).randomElement(using: &random) else { continue }
                let (record, recovered) = Self.agreeing(spec, &random)
                let agreeing = world.model.factors(record, spec.person)
                for kind in Kind.allCases {
                    let agreement = try #require(Self.factor(kind, agreeing), "no \(kind) factor for an agreeing pair")
                    let (otherRecord, otherSpec) = Self.disagreeing(kind, spec, record, recovered: recovered, &random)
                    for (label, factors) in [("record", world.model.factors(otherRecord, spec.person)),
                                             ("person", world.model.factors(record, otherSpec.person))] {
                        for factor in factors {
                            #expect(factor.ratio.isFinite && factor.ratio > 0,
                                    "\(kind) disagreeing (\(label)): \(factor.reason) in a world of \(world.specs.count) (\(world.concentration) in \(world.home))")
                        }
                        let disagreement = try #require(Self.factor(kind, factors), "no \(kind) factor when it disagrees")
                        if kind != .sex, kind != .region {
                            // It lowers the score, not only less than agreement would raise it.
                            #expect(disagreement.ratio < 1, "\(kind) disagreeing (\(label)): \(disagreement.reason)")
                        }
                        #expect(disagreement.ratio < agreement.ratio,
                                """
                                \(kind) disagreeing on the \(label) side scores \(disagreement.reason), agreeing \(agreement.reason) \
                                (\(world.specs.count) persons, \(world.concentration) in \(world.home))
                                """)
                    }
                    checked[kind, default: 0] += 1
                }
            }
        }
        #expect(Kind.allCases.allSatisfy { (checked[$0] ?? 0) >= 300 }, "\(checked)")
    }

    /// The extremes a manifest and an inquiry allow: recovered in 1900 of someone last seen in
    /// 2025, an estimate of 0–1 years for someone born in 1900, the rarest sex and region.
    @Test func extremeButValidEvidenceStillGivesAPositiveRatio() {
        let persons = (1...500).map { MatchSample.person(Int64($0), family: "Мельник", given: "Іван", region: "UA-14") }
        let model = MatchSample.model(persons)
        let person = MatchSample.person(9999, family: "Шевченко", given: "Олексій", sex: .female, born: "1900-01-01",
                                        service: "ЗСУ-1111111", region: "UA-21", lastSeen: "2025-05-01")
        let record = MatchSample.record(1, name: "Ковальчук Тарас", service: "ЗСУ-9999999", sex: .male, age: 0...1,
                                        region: "UA-09", recovered: "1900-01-01", batchDate: "2025-06-14")
        let factors = model.factors(record, person)
        #expect(Set(factors.map(\.evidence)) == ["service number", "name", "sex", "age", "region", "date"])
        for factor in factors {
            #expect(factor.ratio.isFinite && factor.ratio > 0, "\(factor.reason)")
        }
        #expect(log10Score(factors).isFinite)
        // The matcher's own tables, which score every person before any is explained, are finite too.
        let all = MatchSample.model(persons + [person])
        let tables = Tables(record, all)
        #expect(tables.date.allSatisfy(\.isFinite) && tables.age.allSatisfy(\.isFinite) && tables.region.allSatisfy(\.isFinite))
        let explained = RecordMatcher(model: all).explain(RecordCandidate(person: 500, score: 0), record)
        #expect(explained.score.isFinite && explained.factors.allSatisfy { $0.ratio > 0 && $0.ratio.isFinite })
    }

    /// Reasons are the score: their ratios multiply to it, one line per factor, each a
    /// readable sentence; and the printed ratios multiply to the printed score too.
    @Test func reasonsMultiplyToTheScoreOneReasonPerFactor() throws {
        var random = SeededGenerator(seed: 0x5245_4153_4F4E)
        var candidates = 0
        for world in Self.worlds(&random) {
            var records: [MatchRecord] = []
            for index in 0..<12 {
                guard let spec = world.specs.randomElement(using: &random) else { continue }
                var (record, _) = Self.agreeing(spec, &random)
                // Records leave out evidence at random, as manifests do.
                let unnamed = Bool.random(using: &random)
                record = MatchRecord(recordID: Int64(index + 1), address: "B-2025-001/R-\(index + 1)", kind: "remains",
                                     name: unnamed ? nil : record.name, serviceKey: Bool.random(using: &random) ? record.serviceKey : nil,
                                     sex: Bool.random(using: &random) ? record.sex : .unknown,
                                     ageMin: Bool.random(using: &random) ? record.ageMin : nil, ageMax: record.ageMax,
                                     region: Bool.random(using: &random) ? record.region : nil,
                                     recoveryDate: Bool.random(using: &random) ? record.recoveryDate : nil, batchDate: record.batchDate)
                records.append(record)
            }
            let population = world.model.population
            let lists = BatchRanking(matcher: RecordMatcher(model: world.model)).rank(records, top: 8, decisions: .init())
            for (record, list) in zip(records, lists) {
                // Every person can fill the list: blocks are walked by exact bounds, so sex, region
                // or age that disagree lower a person but never leave one out.
                #expect(list.count == min(8, population.count), "\(record.address): \(list.count) candidates of \(population.count)")
                #expect(zip(list, list.dropFirst()).allSatisfy { $0.score >= $1.score }, "not best first")
                for candidate in list {
                    candidates += 1
                    let person = population.persons[Int(candidate.person)]
                    #expect(abs(log10Score(candidate.factors) - candidate.score) < 1e-9)
                    let kinds = candidate.factors.map(\.evidence)
                    #expect(Set(kinds).count == kinds.count, "a factor twice: \(kinds)")
                    var expected: Set<String> = ["date"]
                    if record.serviceKey != nil, person.serviceKey != nil { expected.insert("service number") }
                    if record.isNamed { expected.insert("name") }
                    if record.sex != .unknown, person.sex != .unknown { expected.insert("sex") }
                    if record.ageRange != nil, person.dateOfBirth != nil { expected.insert("age") }
                    if record.region != nil { expected.insert("region") }
                    expected.insert("dna")
                    #expect(Set(kinds).subtracting(["claim"]) == expected, "\(record.address): \(kinds)")
                    let reasons = candidate.factors.map(\.reason)
                    #expect(reasons.count == candidate.factors.count)
                    for (factor, reason) in zip(candidate.factors, reasons) {
                        #expect(reason.count >= 8 && reason.count <= 240 && !reason.contains("\n"), "\(reason)")
                        #expect(reason.hasPrefix(factor.evidence + ": ") && reason.count > factor.evidence.count + 4, "\(reason)")
                    }
                    // The printed ratios (two significant digits) multiply to the printed score.
                    let printed = reasons.compactMap(Self.printedRatio)
                    #expect(printed.count == candidate.factors.filter { $0.evidence != "dna" }.count)
                    let sum = printed.reduce(0) { $0 + log10($1) }
                    #expect(abs(sum - candidate.score) <= 0.03 * Double(printed.count), "\(reasons) vs \(candidate.score)")
                }
            }
        }
        #expect(candidates > 500)
    }

    /// The ratio a reason line ends with: `(×8.0)`, `(×1000)`, `(×3.2e-05)`.
    static func printedRatio(_ reason: String) -> Double? {
        guard reason.hasSuffix(")"), let open = reason.range(of: "(×", options: .backwards) else { return nil }
        return Double(reason[open.upperBound..<reason.index(before: reason.endIndex)])
    }

    @Test func ratiosPrintAsPeopleReadThem() {
        #expect(MatchFactor.format(1000) == "1000")
        #expect(MatchFactor.format(8.04) == "8.0")
        #expect(MatchFactor.format(0.3) == "0.30")
        #expect(MatchFactor.format(0.0204) == "0.020")
        #expect(MatchFactor.format(0.00003) == "3.0e-05")
        #expect(MatchFactor.format(2.5e7) == "2.5e+07")
        #expect(MatchFactor.format(9.96e-6) == "1.0e-05")
        #expect(MatchFactor.note("dna", "no family reference sample: request one").reason == "dna: no family reference sample: request one")
    }
}
