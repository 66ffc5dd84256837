import HomewardCore

/// A manifest the story imports, and which generated person each record is.
struct DemoManifest: Sendable {
    let csv: String
    /// Tag → person number in ``DemoCast/people``.
    let personByTag: [String: Int]
    /// Tags of records that carry a name.
    let named: Set<String>
}

/// The story's fictional persons, their families' inquiries and the manifests that return
/// some of them, all from one seed; no record is in two manifests.
struct DemoCast: Sendable {
    let people: [MatchingDataGenerator.Person]
    let firstTransfer: DemoManifest
    let secondTransfer: DemoManifest
    let exchange: DemoManifest

    static let firstTransferDate = "2025-06-14"
    static let exchangeDate = "2025-08-14"
    static let secondTransferDate = "2025-09-18"

    init(scale: DemoScale, seed: UInt64) {
        var generator = MatchingDataGenerator(seed: seed)
        generator.persons = scale.persons
        let people = generator.makePersons()
        self.people = people
        var taken = Set<Int>()
        func manifest(seed: UInt64, records: Int, date: String, kind: String = "remains", namedShare: Double = 0.45) -> DemoManifest {
            let free = people.indices.filter { !taken.contains($0) }
            var generator = MatchingDataGenerator(seed: seed)
            generator.records = min(records, free.count)
            generator.batchDate = date
            generator.recordKind = kind
            generator.namedShare = namedShare
            var truth = MatchingDataGenerator.Truth()
            let csv = generator.manifestCSV(free.map { people[$0] }, truth: &truth)
            let byTag = truth.personByTag.mapValues { free[$0] }
            taken.formUnion(byTag.values)
            return DemoManifest(csv: csv, personByTag: byTag, named: truth.named)
        }
        firstTransfer = manifest(seed: seed &+ 1, records: scale.firstManifest, date: Self.firstTransferDate)
        exchange = manifest(seed: seed &+ 2, records: scale.returnees, date: Self.exchangeDate, kind: "returnee", namedShare: 1)
        secondTransfer = manifest(seed: seed &+ 3, records: scale.secondManifest, date: Self.secondTransferDate)
    }

    /// The events that come with a manifest.
    enum Transfer: Sendable { case firstTransfer, exchange, secondTransfer }

    func manifest(_ transfer: Transfer) -> DemoManifest {
        switch transfer {
        case .firstTransfer: firstTransfer
        case .exchange: exchange
        case .secondTransfer: secondTransfer
        }
    }

    /// Four families in five filed an inquiry; the others have not come forward (yet).
    func hasInquiry(_ person: Int) -> Bool { person % 5 != 4 }

    /// The family's language: mostly Ukrainian, one in ten English, one in ten Russian.
    func language(of person: Int) -> ReportLanguage {
        switch person % 10 {
        case 0: .en
        case 1: .ru
        default: .uk
        }
    }

    /// The name as the family gave it: family name, given name, patronymic.
    func fullName(of person: Int) -> String {
        let p = people[person]
        return [p.family, p.given, p.patronymic].filter { !$0.isEmpty }.joined(separator: " ")
    }

    /// The official Latin spelling of family and given name, as someone would type a search.
    func latinName(of person: Int) -> String {
        Transliteration.latin("\(people[person].family) \(people[person].given)", language: .uk)
    }
}
