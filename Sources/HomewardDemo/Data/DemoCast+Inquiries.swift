import HomewardCore

extension DemoCast {
    static let inquiryHeader = [
        "family_name", "given_name", "patronymic", "date_of_birth", "sex", "service_number", "last_known_region",
        "date_last_seen", "inquirer_name", "relationship", "phone", "email", "language", "consent_tracing",
        "received_on", "notes",
    ]

    /// The inquiry import file, as a centre would receive it from its hotline: one row per
    /// family that came forward. Phones are in the fictional range +380 44 000 xx xx and
    /// e-mails at example.org; the notes say the row is fictional.
    func inquiryCSV(seed: UInt64) -> String {
        var random = SeededRandom(seed: seed)
        let lastReceived = CalendarDay.number(2025, 11, 30)
        var lines = [Self.inquiryHeader.joined(separator: ",")]
        for (number, person) in people.enumerated() where hasInquiry(number) {
            let language = language(of: number)
            let born = String(format: "%04d-%02d-%02d", person.born.year, person.born.month, person.born.day)
            let inquirerGiven = random.pick(Names.femaleGiven)
            let inquirer = "\(Names.feminine(person.family)) \(inquirerGiven)"
            let relationship = random.pick(Self.relationships[language] ?? ["мати"])
            let received = min(person.lastSeen + random.int(in: 3...90), lastReceived)
            lines.append([
                person.family, person.given, person.patronymic, born, person.female ? "female" : "male",
                person.service ?? "", person.region, CalendarDay.text(person.lastSeen),
                language == .en ? Transliteration.latin(inquirer, language: .uk) : inquirer, relationship,
                String(format: "+380 44 000 %02d %02d", number / 100 % 100, number % 100),
                random.chance(0.6) ? "family.\(number)@example.org" : "", language.rawValue,
                number % 37 == 36 ? "no" : "yes", CalendarDay.text(received), "fictional demo data",
            ].joined(separator: ","))
        }
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    /// What the inquirer, always a woman of the family here, is to the missing person.
    static let relationships: [ReportLanguage: [String]] = [
        .uk: ["мати", "дружина", "сестра", "донька", "бабуся"],
        .ru: ["мать", "жена", "сестра", "дочь"],
        .en: ["mother", "wife", "sister", "daughter"],
    ]
}
