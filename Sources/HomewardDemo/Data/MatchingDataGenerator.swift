import Foundation
import HomewardCore

/// Persons with inquiries, and a manifest of noisy views of some of them, with the truth kept:
/// which record is which person. Fixed seed, so runs compare.
///
/// The noise is what manifests from the other side and from the field show: Russian forms of
/// Ukrainian names and their Latin spellings, German-style spellings, typos (one swallowing
/// the space between two words), names in either order or with only an initial legible, age
/// estimates off by years, recovery in a neighbouring region, dates off (some before the day
/// last seen), sex now and then wrong or unknown, service numbers missing or misread.
public struct MatchingDataGenerator {
    public var persons = 100_000
    public var records = 1_212
    /// Share of records that carry a name.
    public var namedShare = 0.45
    public var batchDate = "2025-06-14"
    /// The manifest's `kind` cell: `remains`, or `returnee` for an exchange of prisoners.
    public var recordKind = "remains"
    public var random: SeededRandom

    /// A generator with the benchmark's default seed.
    public init(seed: UInt64 = 8_2025) {
        random = SeededRandom(seed: seed)
    }

    /// One generated missing person.
    public struct Person: Sendable {
        public var family, given, patronymic, father: String
        public var female: Bool
        public var born: (year: Int, month: Int, day: Int)
        public var service: String?
        public var region: String
        /// Day number (``CalendarDay``) of the day last seen.
        public var lastSeen: Int
    }

    /// Which manifest record views which person.
    public struct Truth: Sendable {
        /// Manifest tag → person number (the `notes` of its inquiry row).
        public var personByTag: [String: Int] = [:]
        public var named: Set<String> = []

        public init() {}
    }

    /// Frontline regions weighted as the missing are: most in the east and south.
    public static let regionWeights: [(code: String, weight: Int)] = [
        ("UA-14", 30), ("UA-23", 14), ("UA-63", 14), ("UA-09", 12), ("UA-65", 10), ("UA-59", 4), ("UA-12", 4),
        ("UA-48", 3), ("UA-74", 2), ("UA-32", 2), ("RU-KRS", 3), ("UA-43", 2),
    ]

    /// Russian forms of the generator's Ukrainian given names (its own list, not the matcher's).
    public static let russianGiven: [String: String] = [
        "Олександр": "Александр", "Андрій": "Андрей", "Іван": "Иван", "Дмитро": "Дмитрий", "Сергій": "Сергей",
        "Микола": "Николай", "Василь": "Василий", "Юрій": "Юрий", "Олег": "Олег", "Тарас": "Тарас",
        "Богдан": "Богдан", "Віталій": "Виталий", "Володимир": "Владимир", "Євген": "Евгений", "Максим": "Максим",
        "Роман": "Роман", "Ярослав": "Ярослав", "Петро": "Пётр", "Артем": "Артём", "Михайло": "Михаил",
        "Григорій": "Григорий", "Ігор": "Игорь", "Остап": "Остап", "Степан": "Степан",
        "Олена": "Елена", "Ірина": "Ирина", "Наталія": "Наталья", "Тетяна": "Татьяна", "Оксана": "Оксана",
        "Марія": "Мария", "Юлія": "Юлия", "Світлана": "Светлана", "Галина": "Галина", "Людмила": "Людмила",
        "Катерина": "Екатерина", "Анна": "Анна", "Вікторія": "Виктория", "Софія": "Софья", "Дарина": "Дарина",
        "Ганна": "Анна",
    ]

    /// `persons` generated persons.
    public mutating func makePersons() -> [Person] {
        let epoch = CalendarDay.number(2022, 2, 24)
        let last = CalendarDay.number(2025, 5, 31)
        return (0..<persons).map { _ in
            let female = random.chance(0.06)
            let family = random.pick(Names.family)
            let father = random.pick(Names.maleGiven)
            return Person(
                family: female ? Names.feminine(family) : family,
                given: female ? random.pick(Names.femaleGiven) : random.pick(Names.maleGiven),
                patronymic: random.chance(0.9) ? Names.patronymic(of: father, female: female) : "", father: father,
                female: female,
                born: (random.int(in: 1965...2005), random.int(in: 1...12), random.int(in: 1...28)),
                service: random.chance(0.7) ? serviceNumber() : nil,
                region: weightedRegion(),
                lastSeen: random.int(in: epoch...last))
        }
    }

    /// The inquiry file: one row per person, its number in `notes`.
    public func inquiryCSV(_ people: [Person]) -> String {
        var lines = ["family_name,given_name,patronymic,date_of_birth,sex,service_number,last_known_region,date_last_seen,inquirer_name,relationship,phone,consent_tracing,received_on,notes"]
        for (number, person) in people.enumerated() {
            let born = String(format: "%04d-%02d-%02d", person.born.year, person.born.month, person.born.day)
            lines.append([person.family, person.given, person.patronymic, born, person.female ? "female" : "male",
                          person.service ?? "", person.region, CalendarDay.text(person.lastSeen),
                          "Родич \(person.family)", "мати", "+38050\(String(format: "%07d", number))", "yes",
                          "2025-06-01", "synthetic-\(number)"].joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A manifest of `records` records, each a noisy view of a different person last seen
    /// before the batch.
    public mutating func manifestCSV(_ people: [Person], truth: inout Truth) -> String {
        var lines = ["tag,kind,name,service_number,sex,age_min,age_max,recovery_region,recovery_date"]
        let batchDay = CalendarDay.number(batchDate)
        var chosen = Set<Int>()
        while chosen.count < min(records, people.count) { chosen.insert(random.int(in: 0...(people.count - 1))) }
        for (index, number) in chosen.sorted().enumerated() {
            let person = people[number]
            let tag = String(format: "R-%04d", index + 1)
            truth.personByTag[tag] = number
            let named = random.chance(namedShare)
            if named { truth.named.insert(tag) }
            let recovered: Int? = random.chance(0.9) ? recoveryDay(after: person.lastSeen, before: batchDay) : nil
            let ageDay = recovered ?? batchDay
            let age = (ageDay - CalendarDay.number(person.born.year, person.born.month, person.born.day)) / 365
            let (low, high) = ageEstimate(age)
            lines.append([
                tag, recordKind, named ? nameView(person) : "",
                person.service.flatMap { named || random.chance(0.15) ? serviceView($0) : nil } ?? "",
                sexView(person.female), String(low), String(high), regionView(person.region),
                recovered.map(CalendarDay.text) ?? "",
            ].joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    // MARK: Noise

    private mutating func nameView(_ person: Person) -> String {
        var family = person.family
        var given = person.given
        var patronymic = person.patronymic
        switch random.int(in: 0...99) {
        case 0..<35: break                                           // Ukrainian, as the family wrote it
        case 35..<60:                                                // the Russian form
            family = russianSpelling(family)
            given = Self.russianGiven[given] ?? russianSpelling(given)
            patronymic = russianPatronymic(person)
        case 60..<80:                                                // Ukrainian official Latin
            family = Transliteration.latin(family, language: .uk)
            given = Transliteration.latin(given, language: .uk)
            patronymic = Transliteration.latin(patronymic, language: .uk)
        case 80..<95:                                                // Russian-style Latin
            family = Transliteration.latin(russianSpelling(family), language: .ru)
            given = Transliteration.latin(Self.russianGiven[given] ?? given, language: .ru)
            patronymic = Transliteration.latin(russianPatronymic(person), language: .ru)
        default:                                                     // German-style
            family = germanSpelling(family)
            given = germanSpelling(given)
            patronymic = ""
        }
        if random.chance(0.4) { patronymic = "" }
        var words: [String]
        switch random.int(in: 0...99) {
        case 0..<55: words = [family, given, patronymic]
        case 55..<80: words = [given, patronymic, family]
        case 80..<92: words = [family, String(given.prefix(1)) + "."]
        default: words = [family]
        }
        words = words.filter { !$0.isEmpty }
        if random.chance(0.25) {
            let which = random.int(in: 0...(words.count - 1))
            if words[which].count > 4 { words[which] = typo(words[which]) }
        }
        if words.count >= 2, random.chance(0.05) { words = [words[0] + words[1]] + words.dropFirst(2) }
        return words.joined(separator: " ")
    }

    private func russianSpelling(_ word: String) -> String {
        var text = word.replacingOccurrences(of: "'", with: "")
        for (from, to) in [("і", "и"), ("ї", "и"), ("є", "е"), ("ґ", "г"), ("І", "И"), ("Ї", "И"), ("Є", "Е"), ("Ґ", "Г")] {
            text = text.replacingOccurrences(of: from, with: to)
        }
        return text
    }

    /// The Russian patronymic from the father's Russian name: Андрей → Андреевич, Пётр → Петрович.
    private func russianPatronymic(_ person: Person) -> String {
        guard !person.patronymic.isEmpty else { return "" }
        let father = (Self.russianGiven[person.father] ?? russianSpelling(person.father)).replacingOccurrences(of: "ё", with: "е")
        let suffix = person.female ? "на" : "ич"
        if father.hasSuffix("ий") { return String(father.dropLast(2)) + "ьев" + suffix }
        if father.hasSuffix("й") { return String(father.dropLast()) + "ев" + suffix }
        return father + "ов" + suffix
    }

    private func germanSpelling(_ word: String) -> String {
        var text = Transliteration.latin(word, language: .uk)
        for (from, to) in [("shch", "schtsch"), ("sh", "sch"), ("ch", "tsch"), ("zh", "sch"), ("kh", "ch"), ("v", "w"), ("ts", "z"), ("y", "j")] {
            text = text.replacingOccurrences(of: from, with: to)
        }
        return text
    }

    private mutating func typo(_ word: String) -> String {
        var letters = Array(word)
        let at = random.int(in: 1...(letters.count - 2))
        switch random.int(in: 0...3) {
        case 0: letters.remove(at: at)
        case 1: letters.insert(letters[at], at: at)
        case 2: letters.swapAt(at, at + 1)
        default: letters[at] = letters[at].isUppercase ? letters[at] : Character(letters[at].isASCII ? "o" : "о")
        }
        return String(letters)
    }

    private mutating func serviceView(_ number: String) -> String {
        guard random.chance(0.1) else { return number }
        var characters = Array(number)
        characters[characters.count - 1 - random.int(in: 0...3)] = Character(String(random.int(in: 0...9)))
        return String(characters)
    }

    private mutating func sexView(_ female: Bool) -> String {
        switch random.int(in: 0...99) {
        case 0..<2: female ? "male" : "female"
        case 2..<6: "unknown"
        default: female ? "female" : "male"
        }
    }

    private mutating func ageEstimate(_ age: Int) -> (Int, Int) {
        let off = random.chance(0.15) ? random.int(in: 5...10) * (random.chance(0.5) ? 1 : -1) : random.int(in: -3...3)
        let centre = max(18, age + off)
        let half = random.int(in: 3...7)
        return (max(16, centre - half), centre + half)
    }

    private mutating func regionView(_ region: String) -> String {
        let draw = random.int(in: 0...99)
        if draw < 65 { return region }
        let neighbours = RegionDirectory.standard.neighbours(of: region)
        if draw < 92, !neighbours.isEmpty { return random.pick(neighbours) }
        return random.chance(0.5) ? weightedRegion() : ""
    }

    private mutating func recoveryDay(after lastSeen: Int, before batch: Int) -> Int {
        if random.chance(0.05) { return max(lastSeen - random.int(in: 1...30), lastSeen - 60) }
        let delay = random.chance(0.6) ? Int(-log(max(random.double(), 1e-9)) * 90) : random.int(in: 0...max(batch - lastSeen, 1))
        return min(lastSeen + delay, batch - 1)
    }

    private mutating func weightedRegion() -> String {
        let total = Self.regionWeights.reduce(0) { $0 + $1.weight }
        var draw = random.int(in: 0...(total - 1))
        for entry in Self.regionWeights {
            if draw < entry.weight { return entry.code }
            draw -= entry.weight
        }
        return Self.regionWeights[0].code
    }

    private mutating func serviceNumber() -> String {
        let letters = ["А", "В", "Е", "К", "М", "Н", "О", "Р", "С", "Т"]
        return random.pick(letters) + random.pick(letters) + String(random.int(in: 100_000...999_999))
    }
}
