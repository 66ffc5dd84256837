import Testing
@testable import HomewardCore

@Suite struct NameKeyTests {
    /// Spellings of one name that must share a key exactly.
    static let sameKey: [[String]] = [
        ["Юрій", "Юрий", "Yurii", "Iurii", "Yuriy", "Yuri", "Yury", "Jurij", "ЮРІЙ"],
        ["Шевченко", "Shevchenko", "Shevchenco", "SHEVCHENKO", "Ševčenko", "Szewczenko"],
        ["Олексій", "Oleksii", "Oleksiy", "Olexiy"],
        ["Олег", "Oleh", "Oleg"],
        ["Сергій", "Сергей", "Sergei", "Sergey", "Serhii", "Serhiy", "Sergii"],
        ["Дмитрий", "Dmitrii", "Dmitry", "Dmitriy", "Dmitri"],
        ["Евгений", "Evgenii", "Yevgeny", "Yevgeniy", "Evgeny", "Jewgenij"],
        ["Наталья", "Natalia", "Natalya", "Наталія", "Nataliia", "Natalija"],
        ["Соловьёв", "Solovev", "Solovyov", "Solovyev", "Soloviev", "Соловйов"],
        ["Кузнецов", "Kuznetsov", "Kuznetcov", "Kuznetzov"],
        ["Юлия", "Iuliia", "Yulia", "Yuliya", "Юлія"],
        ["Щеглова", "Shcheglova", "Scheglova", "Ščeglova"],
        ["Артём", "Artem", "Artyom", "Artiom"],
        ["Фёдор", "Fedor", "Fyodor"],
        ["Вячеслав", "Viacheslav", "Vyacheslav", "В'ячеслав"],
        ["Згурський", "Zghurskyi", "Згурский", "Zgurskiy", "Zgursky"],
        ["Рибчинський", "Rybchynskyi", "Рыбчинский", "Rybchinskiy", "Rybczynski"],
        ["Ігор", "Ihor", "Igor", "Игорь"],
        ["Андрій", "Andrii", "Андрей", "Andrey", "Andrei", "Andriy"],
        ["Олександр", "Oleksandr", "Olexandr"],
        ["Максим", "Maksym", "Maxim", "Maksim"],
        ["Богдан", "Bohdan", "Bogdan"],
        ["Григорій", "Hryhorii", "Григорий", "Grigorii", "Grigoriy", "Hryhoriy"],
        ["Михайло", "Mykhailo", "Mykhaylo"],
        ["Ковальчук", "Kovalchuk", "Kowalczuk", "Koval'chuk"],
        ["Знам'янка", "Znamianka", "Znamyanka", "Знамʼянка"],
        ["Єнакієве", "Yenakiieve", "Yenakieve", "Enakieve"],
        ["Ткаченко", "Tkachenko", "Tkatchenko"],
        ["Алексеев", "Alekseev", "Alekseyev", "Alexeev"],
        ["Кравець", "Kravets", "Kravetz", "Kravetc"],
        ["Подъячев", "Podieiachev", "Podyachev", "Podiachev", "Подьячев"],
        ["Объедков", "Obiedkov", "Obyedkov", "Obedkov"],
        ["Андреянов", "Andreianov", "Andreyanov", "Андріянов", "Andriianov"],
        ["Матвеевич", "Matveevich", "Matveyevich", "Матвійович", "Matviiovych"],
    ]

    @Test(arguments: sameKey)
    func spellingsOfOneNameShareAKey(_ spellings: [String]) {
        let expected = NameKey.key(spellings[0])
        for spelling in spellings {
            #expect(NameKey.key(spelling) == expected, "\(spelling) vs \(spellings[0])")
        }
    }

    @Test func keysAreShortAndReadable() {
        #expect(NameKey.key("Юрій") == "iuri")
        #expect(NameKey.key("Шевченко") == "WevCenko")
        #expect(NameKey.key("Щеглова") == "Qeglova")
        #expect(NameKey.key("Кузнецов") == "kuzneYov")
        #expect(NameKey.key("Журба") == "Jurba")
        #expect(NameKey.key("Михайло") == "miXailo")
    }

    @Test func everyCommonRussianSpellingIsWithinOneEditOfTheCyrillicKey() throws {
        var exact = 0
        var total = 0
        for row in try Fixtures.russianExamples {
            let cyrillic = try #require(row["cyrillic"])
            let spellings = (row["common_other_spellings"] ?? "").split(separator: "|").map(String.init)
                + [row["icao_9303_since_2013"] ?? ""]
            for spelling in spellings {
                let expected = NameKey.keys(cyrillic)
                let actual = NameKey.keys(spelling)
                try #require(actual.count == expected.count, "\(spelling)")
                for (a, b) in zip(actual, expected) {
                    let distance = EditDistance.distance(a, b, limit: 1)
                    #expect(distance != nil, "\(spelling) \(a) vs \(cyrillic) \(b)")
                    if distance == 0 { exact += 1 }
                    total += 1
                }
            }
        }
        #expect(exact == total, "\(exact) of \(total) words exactly equal")
    }

    @Test func everyUkrainianExampleSharesTheKeyOfItsOfficialSpelling() throws {
        for row in try Fixtures.ukrainianExamples {
            let cyrillic = try #require(row["cyrillic"])
            #expect(NameKey.keys(cyrillic) == NameKey.keys(row["latin"] ?? ""), "\(cyrillic)")
        }
    }

    @Test func keysSplitWordsOnSpacesHyphensAndPunctuation() {
        #expect(NameKey.keys("Шевченко-Згурський, Юрій (Yurii)") == ["WevCenko", "zgurski", "iuri", "iuri"])
        #expect(NameKey.keys("  Знам'янка\t") == ["znamianka"])
        #expect(NameKey.keys("— , ' -") == [])
        #expect(NameKey.keys("") == [])
        #expect(NameKey.keys("Unit 3") == ["unit", "3"])
    }

    @Test func aWordWithLettersNeverHasAnEmptyKey() {
        #expect(NameKey.key("Ь") == "ь")
        #expect(NameKey.key("ъ") == "e")
        #expect(NameKey.key("") == "")
        #expect(NameKey.key("'") == "")
    }

    @Test func otherScriptsAndDiacriticsFold() {
        #expect(NameKey.key("Müller") == NameKey.key("Muller"))
        #expect(NameKey.key("Łukasz") == NameKey.key("Lukasz"))
        #expect(NameKey.key("Ζωή") == "ζωή")
        #expect(NameKey.key("Ю\u{0301}рій") == "iuri")
    }

    @Test func differentNamesKeepDifferentKeys() {
        let names = ["Юрій", "Юлія", "Іван", "Ігор", "Олег", "Ольга", "Сергій", "Семен", "Андрій", "Антон"]
        #expect(Set(names.map(NameKey.key)).count == names.count)
    }
}
