/// Ukrainian and Russian forms of the same given name (Микола/Николай, Олексій/Алексей),
/// compared by name key, so every Latin spelling of either form agrees too.
///
/// Records from the Russian side write Russian forms; families write Ukrainian ones. The
/// table ships as `given-names.csv` (one name per line: Ukrainian forms, then Russian forms,
/// `|` between variants); patronymics follow through their stems (Миколайович/Николаевич).
struct GivenNameForms: Sendable {
    static let standard = GivenNameForms(csv: String(decoding: PackageResources.given_names_csv, as: UTF8.self))

    /// Group numbers of each key; a key in two groups (Афанасий for Опанас and Панас) has both.
    private let groups: [String: [Int]]
    /// Groups by the key stems of their forms, for patronymics.
    private let stemGroups: [String: [Int]]

    init(csv: String) {
        var groups: [String: [Int]] = [:]
        var stemGroups: [String: [Int]] = [:]
        var group = 0
        for line in csv.split(whereSeparator: \.isNewline).dropFirst() {
            let forms = line.split(separator: ",").flatMap { $0.split(separator: "|") }.map { NameKey.key(String($0)) }
            guard forms.count > 1 else { continue }
            for form in Set(forms) { groups[form, default: []].append(group) }
            for stem in Set(forms.map(Self.stem)) { stemGroups[stem, default: []].append(group) }
            group += 1
        }
        self.groups = groups
        self.stemGroups = stemGroups
    }

    /// Whether two different keys are forms of one given name.
    func areForms(_ a: String, _ b: String) -> Bool {
        guard a != b, let first = groups[a], let second = groups[b] else { return false }
        return first.contains(where: second.contains)
    }

    /// Whether two patronymic keys come from forms of one given name: their stems (the key
    /// without -ович/-евич/-івна/-овна and the like) start with stems of one group's forms.
    func arePatronymicForms(_ a: String, _ b: String) -> Bool {
        guard a != b else { return false }
        let first = Self.patronymicStem(a)
        let second = Self.patronymicStem(b)
        // Both must be patronymics: a family name starting like a given name (Петренко) is not one.
        guard first != a, second != b else { return false }
        let firstGroups = groups(startingWithStemOf: first)
        guard !firstGroups.isEmpty else { return false }
        return groups(startingWithStemOf: second).contains(where: firstGroups.contains)
    }

    /// The groups one of whose form stems the text starts with.
    private func groups(startingWithStemOf text: String) -> [Int] {
        let symbols = text.unicodeScalars
        var found: [Int] = []
        var prefix = String.UnicodeScalarView()
        for symbol in symbols {
            prefix.append(symbol)
            if let groups = stemGroups[String(prefix)] { found += groups }
        }
        return found
    }

    /// A given name's key without its last letter when long enough (Микола → "mikol"), so
    /// that patronymics built on it (Миколайович, "mikolaiovic") start with it.
    private static func stem(_ key: String) -> String {
        key.count > 4 ? String(key.dropLast()) : key
    }

    /// Patronymic endings as they come out of `NameKey`: -ович -евич -йович (C is ч),
    /// -івна -ївна -овна -евна, -ич.
    private static let patronymicEndings = ["ioviC", "oviC", "eviC", "iovna", "ivna", "ovna", "evna", "iC"]

    private static func patronymicStem(_ key: String) -> String {
        for ending in patronymicEndings where key.hasSuffix(ending) && key.count > ending.count + 2 {
            return String(key.dropLast(ending.count))
        }
        return key
    }
}
