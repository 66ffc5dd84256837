import Testing
@testable import HomewardCore

@Suite struct TransliterationTests {
    @Test func everyUkrainianExampleMatchesTheOfficialSpelling() throws {
        let rows = try Fixtures.ukrainianExamples
        #expect(rows.count == 36)
        for row in rows {
            let cyrillic = try #require(row["cyrillic"])
            #expect(Transliteration.latin(cyrillic, language: .uk) == row["latin"], "\(cyrillic)")
        }
    }

    @Test func everyRussianExampleMatchesICAO() throws {
        let rows = try Fixtures.russianExamples
        #expect(rows.count == 15)
        for row in rows {
            let cyrillic = try #require(row["cyrillic"])
            #expect(Transliteration.latin(cyrillic, language: .ru) == row["icao_9303_since_2013"], "\(cyrillic)")
        }
    }

    @Test(arguments: ["Знам'янка", "Знам’янка", "Знамʼянка", "Знам`янка", "Знам‘янка", "Знамʹянка"])
    func everyApostropheFormIsDroppedAndKeepsTheWordGoing(_ name: String) {
        #expect(Transliteration.latin(name, language: .uk) == "Znamianka")
    }

    @Test func apostropheBeforeOtherIotatedLettersIsNotWordInitial() {
        #expect(Transliteration.latin("П'ятихатки", language: .uk) == "Piatykhatky")
        #expect(Transliteration.latin("Лук'янчук", language: .uk) == "Lukianchuk")
        #expect(Transliteration.latin("Об'єднання", language: .uk) == "Obiednannia")
        #expect(Transliteration.latin("Солов'їне", language: .uk) == "Solovine")
    }

    @Test func wordInitialFormsOfIotatedLetters() {
        #expect(Transliteration.latin("Єва Юлія Яна Йосип Їжак", language: .uk) == "Yeva Yuliia Yana Yosyp Yizhak")
        #expect(Transliteration.latin("Гаєвич Заїка Лайош Костюк Марія", language: .uk) == "Haievych Zaika Laiosh Kostiuk Mariia")
    }

    @Test func zghIsWrittenAnywhereInTheWord() {
        #expect(Transliteration.latin("Розгон", language: .uk) == "Rozghon")
        #expect(Transliteration.latin("ЗГУРСЬКИЙ", language: .uk) == "ZGHURSKYI")
        #expect(Transliteration.latin("зГ", language: .uk) == "zGh")
        #expect(Transliteration.latin("Розгон", language: .ru) == "Rozgon")
    }

    @Test func capitalsAreTitleCaseInMixedWordsAndUpperInAllCapsWords() {
        #expect(Transliteration.latin("Щербак", language: .uk) == "Shcherbak")
        #expect(Transliteration.latin("ЩЕРБАК", language: .uk) == "SHCHERBAK")
        #expect(Transliteration.latin("ЖУК Юрій", language: .uk) == "ZHUK Yurii")
        #expect(Transliteration.latin("Щ. Ж.", language: .uk) == "Shch. Zh.")
        #expect(Transliteration.latin("ЮЛИЯ ЩЕГЛОВА", language: .ru) == "IULIIA SHCHEGLOVA")
        #expect(Transliteration.latin("щербак", language: .uk) == "shcherbak")
        #expect(Transliteration.latin("ТЕРНОПІЛЬ", language: .uk) == "TERNOPIL")
        #expect(Transliteration.latin("ЗНАМ'ЯНКА", language: .uk) == "ZNAMIANKA")
        #expect(Transliteration.latin("ЮРІЙ", language: .uk) == "YURII")
        #expect(Transliteration.latin("Юрій ЄВГЕНОВИЧ", language: .uk) == "Yurii YEVHENOVYCH")
    }

    @Test func hyphenatedPartsAreSeparateWords() {
        #expect(Transliteration.latin("Івано-Франківськ", language: .uk) == "Ivano-Frankivsk")
        #expect(Transliteration.latin("Ярема-Їжак", language: .uk) == "Yarema-Yizhak")
        #expect(Transliteration.latin("ЯРЕМА-ЇЖАК", language: .uk) == "YAREMA-YIZHAK")
        #expect(Transliteration.latin("Юрьев-Ёлкин", language: .ru) == "Iurev-Elkin")
    }

    @Test func nonCyrillicTextPassesThrough() {
        #expect(Transliteration.latin("Шевченко Taras (b. 1814), O'Brien", language: .uk) == "Shevchenko Taras (b. 1814), O'Brien")
        #expect(Transliteration.latin("Ivan 'Юрій' №5", language: .uk) == "Ivan 'Yurii' №5")
        #expect(Transliteration.latin("", language: .ru) == "")
        #expect(Transliteration.latin("plain ascii", language: .ru) == "plain ascii")
    }

    @Test func decomposedLettersAndStressMarks() {
        // й and ї typed as и + breve and і + diaeresis; a stress mark on а.
        #expect(Transliteration.latin("Андрі\u{0438}\u{0306}", language: .uk) == "Andrii")
        #expect(Transliteration.latin("\u{0456}\u{0308}жак", language: .uk) == "yizhak")
        #expect(Transliteration.latin("Ната\u{0301}лія", language: .uk) == "Nataliia")
    }

    @Test func russianSpecificLetters() {
        #expect(Transliteration.latin("Подъячев", language: .ru) == "Podieiachev")
        #expect(Transliteration.latin("Эрих Ёлкин Рыбин Цой Хохлов", language: .ru) == "Erikh Elkin Rybin Tsoi Khokhlov")
    }

    @Test func lettersOfTheOtherAlphabetStillComeOutLatin() {
        #expect(Transliteration.latin("Ґалаґан Їжак Єгор Іван", language: .ru) == "Galagan Izhak Iegor Ivan")
        #expect(Transliteration.latin("Рыбин Эдуард Фёдор Подъячев", language: .uk) == "Rybyn Eduard Fiodor Podiachev")
    }

    @Test func languageGuess() {
        #expect(Transliteration.guessLanguage("Андрій") == .uk)
        #expect(Transliteration.guessLanguage("ҐАЛАҐАН") == .uk)
        #expect(Transliteration.guessLanguage("Рыбин") == .ru)
        #expect(Transliteration.guessLanguage("ЁЛКИН") == .ru)
        #expect(Transliteration.guessLanguage("Подъячев") == .ru)
        #expect(Transliteration.guessLanguage("Шевченко") == .uk)
        #expect(Transliteration.guessLanguage("Smith") == .uk)
        #expect(Transliteration.guessLanguage("Ёлкін") == .uk)
    }
}
