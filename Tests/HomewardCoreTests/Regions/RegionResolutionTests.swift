import Testing
@testable import HomewardCore

@Suite struct RegionResolutionTests {
    let directory = RegionDirectory.standard

    func code(_ input: String) -> String? {
        try? directory.resolve(input).code
    }

    @Test(arguments: [
        ("UA-09", "UA-09"), ("ua-09", "UA-09"), ("UA 09", "UA-09"), ("ua09", "UA-09"), ("ru-krs", "RU-KRS"),
        ("Luhansk", "UA-09"), ("Lugansk", "UA-09"), ("Луганська область", "UA-09"), ("луганская обл.", "UA-09"),
        ("Луганська обл", "UA-09"), ("Luhansk region", "UA-09"), ("LUHANSK OBLAST", "UA-09"), ("Луганщина?", "UA-09"),
        ("Luhanska", "UA-09"), ("Луганская", "UA-09"), ("Luhansk oblast'", "UA-09"), ("  luhansk  ", "UA-09"),
        ("Zaporizhzhya", "UA-23"), ("Zaporozhye", "UA-23"), ("Zaporozh'ye", "UA-23"), ("Запорізька обл.", "UA-23"),
        ("Kyiv City", "UA-30"), ("Київ", "UA-30"), ("Киев", "UA-30"), ("Kyiv", "UA-30"), ("Kiev", "UA-30"),
        ("м. Київ", "UA-30"), ("г. Киев", "UA-30"), ("місто Київ", "UA-30"), ("City of Kyiv", "UA-30"),
        ("Kyiv Oblast", "UA-32"), ("Kyiv region", "UA-32"), ("Kiev obl.", "UA-32"), ("Київська область", "UA-32"),
        ("Київська", "UA-32"), ("Киевская обл", "UA-32"), ("Київ обл.", "UA-32"), ("Kyivska oblast", "UA-32"),
        ("L'viv", "UA-46"), ("L’viv", "UA-46"), ("Lʼviv", "UA-46"), ("L`viv", "UA-46"), ("L‘viv", "UA-46"), ("Lviv", "UA-46"),
        ("Львів", "UA-46"), ("Львов", "UA-46"), ("Ivano Frankivsk", "UA-26"), ("Ivano-Frankivsk Oblast", "UA-26"),
        ("Івано-Франківська область", "UA-26"), ("Kharkov", "UA-63"), ("Kharkiv city", "UA-63"), ("Харків", "UA-63"),
        ("Crimea", "UA-43"), ("Крим", "UA-43"), ("Крым", "UA-43"), ("Crimea region", "UA-43"),
        ("Sevastopol", "UA-40"), ("Севастополь", "UA-40"), ("Sevastopol City", "UA-40"),
        ("Курська область", "RU-KRS"), ("Kursk", "RU-KRS"), ("Білгородська область", "RU-BEL"), ("Belgorod", "RU-BEL"),
        ("Khmelnytskyi", "UA-68"), ("Khmelnitskiy", "UA-68"), ("Hmelnitsky", nil), ("Dnipro", "UA-12"),
        ("Dnepropetrovsk", "UA-12"), ("Transcarpathia", "UA-21"), ("Zakarpattia", "UA-21"), ("Закарпаття", "UA-21"),
        ("Odessa", "UA-51"), ("Одеса", "UA-51"), ("Vinnitsa", "UA-05"), ("Winnyzja", nil),
        ("Донеччина", "UA-14"), ("Луганщина", "UA-09"), ("Буковина", "UA-77"), ("АР Крим", "UA-43"),
        ("Республика Крым", "UA-43"), ("Запоріжжя", "UA-23"), ("Луганськ", "UA-09"), ("Донецк", "UA-14"),
    ] as [(String, String?)])
    func resolves(_ input: String, _ expected: String?) {
        #expect(code(input) == expected, "\(input)")
    }

    @Test func everyNameAndAliasResolvesToItsOwnRegion() throws {
        for region in directory.all {
            for name in [region.code, region.nameEN, region.nameUK, region.nameRU] + region.aliases {
                #expect(try directory.resolve(name) == region, "\(name)")
                #expect(try directory.resolve(name.uppercased()) == region, "\(name)")
                #expect(try directory.resolve(" \(name.lowercased()) ") == region, "\(name)")
            }
        }
    }

    @Test func kyivAloneIsTheCityAndWithARegionWordTheOblast() throws {
        for city in ["Kyiv", "Kiev", "Київ", "Киев", "KYIV", "Kyiv City", "м. Київ"] {
            #expect(try directory.resolve(city).code == "UA-30", "\(city)")
        }
        for oblast in ["Kyiv Oblast", "Kiev region", "Київська область", "Київська", "Киевская", "Kyiv obl", "Київщина", "Київ обл."] {
            #expect(try directory.resolve(oblast).code == "UA-32", "\(oblast)")
        }
    }

    @Test func spellingsWithTheSameNameKeyAreAcceptedOnPurpose() {
        // Not near misses: NameKey equates them (y/i, doubled letters, Cyrillic look-alikes
        // typed on a Latin layout), exactly as it does for person names.
        for (input, expected) in [("Kyv", "UA-30"), ("Odesaa", "UA-51"), ("Odeса", "UA-51"), ("Lwiw", "UA-46"), ("Mykolayiv Oblast", "UA-48")] {
            #expect(code(input) == expected, "\(input)")
        }
    }

    @Test func aFormSharedByTwoRegionsIsRefusedWithBoth() throws {
        let regions = "code,name_en,name_uk,name_ru,aliases\nX-1,Alpha,Альфа,Альфа,Twin\nX-2,Beta,Бета,Бета,Twin\n"
        let directory = try RegionDirectory(regionsCSV: Array(regions.utf8), adjacencyCSV: Array("code,neighbors\n".utf8))
        #expect(throws: RegionError.unknown("Twin", suggestions: ["Alpha (X-1)", "Beta (X-2)"])) {
            try directory.resolve("Twin")
        }
        #expect(throws: RegionError.unknown("twin", suggestions: ["Alpha (X-1)", "Beta (X-2)"])) {
            try directory.resolve("twin")
        }
        #expect(try directory.resolve("альфа").code == "X-1")
    }

    @Test func anEmptyValueIsItsOwnError() {
        #expect(throws: RegionError.empty) { try directory.resolve("") }
        #expect(throws: RegionError.empty) { try directory.resolve("  -- ") }
        #expect(throws: RegionError.unknown("oblast", suggestions: [])) { try directory.resolve("oblast") }
    }

    @Test func aNearMissIsRefusedWithSuggestions() {
        #expect(throws: RegionError.unknown("Lugnsk", suggestions: ["Luhansk Oblast (UA-09)"])) {
            try directory.resolve("Lugnsk")
        }
        do {
            _ = try directory.resolve("Lugnsk")
        } catch {
            #expect(error.errorDescription == "a name or word, not a region; did you mean Luhansk Oblast (UA-09)? see 'homeward regions'")
        }
        for nearMiss in ["Kyivv Oblasst", "Zaporizhhia", "Donetks", "Luhanks oblast", "UA-90", "Khersn", "Poltva"] {
            #expect(throws: RegionError.self) { try directory.resolve(nearMiss) }
        }
    }

    @Test func suggestionsAreTheClosestNamesUpToThree() throws {
        #expect(directory.closest(to: "Donetks", limit: 3).first?.code == "UA-14")
        #expect(directory.closest(to: "Zapor", limit: 3).map(\.code) == ["UA-23"])
        #expect(directory.closest(to: "UA-90", limit: 3).first?.code == "UA-09")
        #expect(directory.closest(to: "Kherso", limit: 3).first?.code == "UA-65")
        #expect(directory.closest(to: "Cher", limit: 5).map(\.code) == ["UA-71", "UA-74", "UA-77"])
        #expect(directory.closest(to: "Cher", limit: 2).count == 2)
        #expect(directory.closest(to: "qqqqqqqq", limit: 3) == [])
        #expect(directory.closest(to: "Luhansk", limit: 0) == [])
        #expect(throws: RegionError.unknown("xyz", suggestions: [])) { try directory.resolve("xyz") }
    }

    @Test func errorMessagesNameTheValueAndTheFix() {
        let several = RegionError.unknown("Cher", suggestions: ["Cherkasy Oblast (UA-71)", "Chernihiv Oblast (UA-74)", "Chernivtsi Oblast (UA-77)"])
        #expect(several.errorDescription == "a name or word, not a region; did you mean Cherkasy Oblast (UA-71), Chernihiv Oblast (UA-74) or Chernivtsi Oblast (UA-77)? see 'homeward regions'")
        #expect(RegionError.unknown("xyz", suggestions: []).errorDescription == "unknown region \"xyz\"; see 'homeward regions'")
        #expect(RegionError.empty.errorDescription?.contains("UA-09") == true)
    }
}
