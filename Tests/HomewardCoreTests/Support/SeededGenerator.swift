import HomewardCore

/// A deterministic random source (SplitMix64) so property tests fail the same way every run.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Random but plausible Cyrillic names for property tests.
enum NameCorpus {
    static let ukrainianLetters = Array("абвгґдеєжзиіїйклмнопрстуфхцчшщьюя")
    static let russianLetters = Array("абвгдеёжзийклмнопрстуфхцчшщъыьэюя")
    static let vowelsUK = Set("аеєиіїоуюя")
    static let vowelsRU = Set("аеёиоуыэюя")

    /// A word of 1–12 letters mixing consonants and vowels, first letter capital.
    ///
    /// Ukrainian words avoid г after с, к, п and ь: the official spellings "sh", "kh" and
    /// "ph" read as ш, х and ф (ь is not written), a documented limit of `NameKey`.
    static func word(_ language: CyrillicLanguage, using random: inout SeededGenerator) -> String {
        let letters = language == .uk ? ukrainianLetters : russianLetters
        let length = Int.random(in: 1...12, using: &random)
        var word: [Character] = []
        while word.count < length {
            guard let letter = letters.randomElement(using: &random) else { continue }
            if language == .uk, letter == "г", let last = word.last, "скпь".contains(last) { continue }
            word.append(letter)
        }
        let text = String(word)
        return text.prefix(1).uppercased() + text.dropFirst()
    }

    /// Realistic names: both languages' common given names and surnames.
    static let ukrainianNames = [
        "Олександр", "Олексій", "Андрій", "Юрій", "Сергій", "Дмитро", "Євген", "Ігор", "Олег",
        "Володимир", "Михайло", "Богдан", "Тарас", "Наталія", "Юлія", "Ганна", "Марія", "Катерина",
        "Шевченко", "Бондаренко", "Коваленко", "Ткаченко", "Кравченко", "Олійник", "Шевчук",
        "Поліщук", "Лук'яненко", "Знам'янський", "Згурський", "Рибчинський", "Щербак", "Гаєвич",
        "Їжакевич", "Соловйов", "Ковальчук", "Мельник", "Мартинюк", "Яковенко", "Зінченко",
        "Григорій", "Василь", "Віктор", "В'ячеслав", "Ярослав", "Остап", "Єлизавета", "Тетяна",
    ]
    static let russianNames = [
        "Александр", "Алексей", "Андрей", "Юрий", "Сергей", "Дмитрий", "Евгений", "Игорь", "Олег",
        "Владимир", "Михаил", "Николай", "Фёдор", "Артём", "Пётр", "Наталья", "Юлия", "Анна",
        "Екатерина", "Иванов", "Смирнов", "Кузнецов", "Попов", "Соловьёв", "Васильев", "Щеглова",
        "Ильин", "Краевой", "Видный", "Подъячев", "Рыбчинский", "Згурский", "Вячеслав", "Семёнов",
        "Воробьёв", "Лебедев", "Цой", "Хохлов", "Эдуард", "Григорий", "Алексеевич", "Сергеевна",
    ]
}
