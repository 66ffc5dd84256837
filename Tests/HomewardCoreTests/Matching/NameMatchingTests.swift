import Foundation
import Testing
@testable import HomewardCore

/// Names as manifests write them: the other language's forms, Latin spellings, typos, names
/// run together or in another order, initials.
@Suite struct NameMatchingTests {
    static let shevchenko = MatchSample.person(1, family: "Шевченко", given: "Олексій", patronymic: "Миколайович")

    /// Other persons the same records could be read as: the family's other men, namesakes,
    /// near spellings.
    static let decoys = [
        MatchSample.person(2, family: "Шевченко", given: "Петро", patronymic: "Іванович"),
        MatchSample.person(3, family: "Шевчук", given: "Олексій", patronymic: "Миколайович"),
        MatchSample.person(4, family: "Шевченко", given: "Олександр", patronymic: "Миколайович"),
        MatchSample.person(5, family: "Ткаченко", given: "Олексій", patronymic: "Петрович"),
        MatchSample.person(6, family: "Коваленко", given: "Микола", patronymic: "Олексійович"),
        MatchSample.person(7, family: "Шевченко", given: "Микола", patronymic: "Олексійович", born: "1969-01-20"),
    ]

    /// A population in which names have their everyday frequencies: a few hundred others with
    /// family names of their own and given names from the common ones.
    static let background: [MatchPerson] = {
        var random = SeededGenerator(seed: 0x4E41_4D45)
        return (0..<400).map { index in
            MatchSample.person(Int64(100 + index), family: NameCorpus.word(.uk, using: &random) + "енко",
                               given: FactorPropertyTests.zipf(FactorPropertyTests.givens, &random),
                               patronymic: FactorPropertyTests.zipf(FactorPropertyTests.patronymics, &random),
                               born: "\(Int.random(in: 1965...2003, using: &random))",
                               region: FactorPropertyTests.codes.randomElement(using: &random) ?? "UA-14")
        }
    }()

    static let model = MatchSample.model([shevchenko] + decoys + background)

    func name(_ written: String, _ person: MatchPerson = shevchenko) throws -> MatchFactor {
        try #require(Self.model.name(MatchSample.record(1, name: written), person))
    }

    @Test(arguments: [
        ("Алексей Шевченко", "given other form"),
        ("Шевченко Алексей Николаевич", "patronymic other form"),
        ("Шевченко Олексій Николаевич", "patronymic other form"),
        ("Shevchenko Oleksii Mykolaiovych", "patronymic exact"),
        ("Shevchenko Aleksey Nikolaevich", "given other form"),
        ("SHEVCHENKO ALEXEI", "given other form"),
        ("Shevchenko Oleksiy", "given exact"),
    ])
    func otherLanguageFormsAndLatinSpellingsAgree(written: String, how: String) throws {
        let factor = try name(written)
        #expect(factor.ratio > 100, "\(factor.reason)")
        #expect(factor.detail.contains(how), "\(factor.reason)")
        #expect(!factor.detail.contains("differs"), "\(factor.reason)")
    }

    @Test func russianFormsOfGivenNamesAndPatronymicsAreForms() {
        let forms = GivenNameForms.standard
        for (uk, ru) in [("Олексій", "Алексей"), ("Микола", "Николай"), ("Петро", "Пётр"), ("Дмитро", "Дмитрий")] {
            #expect(forms.areForms(NameKey.key(uk), NameKey.key(ru)), "\(uk)/\(ru)")
            #expect(forms.areForms(NameKey.key(ru), NameKey.key(uk)), "\(ru)/\(uk)")
        }
        for (uk, ru) in [("Миколайович", "Николаевич"), ("Олексійович", "Алексеевич"), ("Миколаївна", "Николаевна")] {
            #expect(forms.arePatronymicForms(NameKey.key(uk), NameKey.key(ru)), "\(uk)/\(ru)")
        }
        #expect(!forms.areForms(NameKey.key("Олексій"), NameKey.key("Олександр")))
        #expect(!forms.areForms(NameKey.key("Микола"), NameKey.key("Михаил")))
        #expect(!forms.arePatronymicForms(NameKey.key("Миколайович"), NameKey.key("Петрович")))
    }

    @Test func theOtherFormScoresFarAboveADifferentName() throws {
        let form = try name("Шевченко Алексей")
        let other = try name("Шевченко Петро")
        #expect(form.ratio > 10 * other.ratio, "\(form.reason) vs \(other.reason)")
    }

    /// The true person ranks first among the decoys, however the name was mangled.
    @Test(arguments: [
        "Шевченко Олексій Миколайович",
        "Шевченко Олексй",              // one letter left out
        "Шевчинко Олексій",              // one letter misread
        "ШевченкоОлексій",               // a swallowed space
        "Шевченко Олексій Миколайович".replacingOccurrences(of: " Олексій", with: "Олексій"),
        "Олексій Шевченко",              // given name first
        "Миколайович Олексій Шевченко",  // any order
        "Алексей Шевченко Николаевич",
        "Shevchenko Oleksiy",
    ])
    func theTruePersonRanksFirstAmongDecoys(written: String) throws {
        let record = MatchSample.record(1, name: written, age: 25...35, region: "UA-14")
        let lists = MatchSample.rank([record], [Self.shevchenko] + Self.decoys + Self.background, top: 5)
        let first = try #require(lists[0].first)
        let population = Self.model.population
        #expect(first.person == 0, """
            "\(written)": first is \(population.persons[Int(first.person)].name) (\(first.score)); \
            \(first.factors.map(\.reason))
            """)
        let name = try #require(first.factors.first { $0.evidence == "name" })
        #expect(name.ratio > 1, "\(name.reason)")
    }

    @Test func aSwallowedSpaceSaysSo() throws {
        let factor = try name("ШевченкоОлексій")
        #expect(factor.detail.contains("family and given run together"), "\(factor.reason)")
        let swapped = try name("ОлексійШевченко")
        #expect(swapped.detail.contains("run together"), "\(swapped.reason)")
        #expect(factor.ratio > 100 && swapped.ratio > 100)
    }

    @Test func anInitialAgreesWithTheNameItStartsAndNoOther() throws {
        let oleksii = try name("Шевченко О.")
        let petro = try name("Шевченко О.", Self.decoys[0])
        #expect(oleksii.detail.contains("given initial"), "\(oleksii.reason)")
        #expect(petro.detail.contains("other initial"), "\(petro.reason)")
        #expect(oleksii.ratio > 1 && oleksii.ratio > 10 * petro.ratio, "\(oleksii.reason) vs \(petro.reason)")
        let record = MatchSample.record(1, name: "Шевченко О.", age: 25...35)
        let list = MatchSample.rank([record], [Self.shevchenko, Self.decoys[0]], top: 2)[0]
        #expect(list.map(\.person) == [0, 1])
        // Two initials: given and patronymic.
        let both = try name("Шевченко О. М.")
        #expect(both.detail.contains("given initial") && both.detail.contains("patronymic initial"), "\(both.reason)")
    }

    /// Олександр is about one man in twelve; a record naming someone else must still count
    /// against him, in every field.
    @Test func aDifferentNameLowersTheScoreEvenForTheCommonestNames() throws {
        var persons: [MatchPerson] = []
        for index in 0..<5000 {
            let given = index % 12 == 0 ? "Олександр" : ["Андрій", "Сергій", "Іван", "Юрій", "Тарас", "Роман"][index % 6]
            persons.append(MatchSample.person(Int64(index + 1), family: index % 40 == 0 ? "Мельник" : "Прізвище\(index)", given: given,
                                              patronymic: index % 10 == 0 ? "Олександрович" : "Іванович"))
        }
        let model = MatchSample.model(persons)
        let melnyk = persons[0]
        #expect(melnyk.name == "Мельник Олександр Олександрович")
        func ratio(_ written: String) throws -> Double {
            try #require(model.name(MatchSample.record(1, name: written), melnyk)).ratio
        }
        let family = try ratio("Мельник")
        #expect(try ratio("Мельник Тарас") < family / 10)
        #expect(try ratio("Мельник Олександр") > family * 5)
        let three = try ratio("Мельник Тарас Петрович")
        #expect(try three < ratio("Мельник Тарас"))
        #expect(try ratio("Коваль Тарас Петрович") < 0.001)
        for field in EvidenceModel.Field.allCases {
            for key in ["Олександр", "Олександрович", "Мельник", "Іван"] {
                #expect(model.disagreementRatio(NameKey.key(key), field) < 0.1, "\(field) \(key)")
            }
        }
    }

    @Test func aDifferentNameDisagreesOnEveryField() throws {
        let factor = try name("Коваленко Тарас")
        #expect(factor.ratio < 0.01, "\(factor.reason)")
        #expect(factor.detail.contains("differs"), "\(factor.reason)")
    }

    /// Two words or more: the family and given names are both read, so a differing family name
    /// is said and counted, not left out as "unknown" while the word is read as a patronymic.
    @Test(arguments: ["Kovalchk Andriy", "Petrenko Oleksii", "Олексій Бондар", "Boyko Olena"])
    func familyAndGivenNamesAreBothReadFromTwoWords(written: String) throws {
        for person in [Self.shevchenko] + Self.decoys {
            let factor = try name(written, person)
            #expect(factor.detail.contains("family ") && factor.detail.contains("given "), "\(factor.reason)")
        }
    }

    /// One word is a family or a given name, never a patronymic; and a family name that
    /// starts like a given name (Петренко, Петро) is not a patronymic form of it.
    @Test func oneWordIsNeverReadAsAPatronymic() throws {
        for written in ["ПетренкоОлександр", "Миколаєнко", "Olexiyovych"] {
            for person in [Self.shevchenko] + Self.decoys {
                let factor = try name(written, person)
                #expect(!factor.detail.contains("patronymic"), "\(factor.reason)")
            }
        }
        #expect(!GivenNameForms.standard.arePatronymicForms(NameKey.key("Петренко"), NameKey.key("Петрович")))
        #expect(GivenNameForms.standard.arePatronymicForms(NameKey.key("Миколайович"), NameKey.key("Николаевич")))
    }

    /// A typo of a common name still speaks for the person more than a different name does:
    /// how common a name is lowers what agreeing on it is worth, not what a near miss is worth
    /// against a miss.
    @Test func aTypoOfACommonNameScoresAboveADifferentName() throws {
        let common = (0..<300).map { MatchSample.person(Int64(1_000 + $0), family: "Бондаренко", given: "Олександр", born: "1990") }
        let person = MatchSample.person(1, family: "Бондаренко", given: "Олександр", born: "1990")
        let model = MatchSample.model([person] + common + Self.background)
        func compare(_ typo: String, _ other: String) throws {
            let near = try #require(model.name(MatchSample.record(1, name: typo), person))
            let far = try #require(model.name(MatchSample.record(1, name: other), person))
            #expect(near.ratio > far.ratio, "\(near.reason) against \(far.reason)")
        }
        // One edit off a common given name used to score below a different one (×0.065 < ×0.12).
        try compare("Bondarenko Oleksadr", "Bondarenko Petro")
        try compare("Bandarenka Oleksandr", "Tkachuk Oleksandr")
        // Two edits off a common given name still do: given names are few, so the two-edit
        // neighbourhood (`keysPerEdit`² typical names) covers them all and says nothing.
        withKnownIssue("two edits off a very common given name score below a different given name") {
            try compare("Bondarenko Olaksendr", "Bondarenko Ivan")
        }
    }
}
