import Foundation
import HomewardDemo

/// Writes a realistic inquiry import file: Ukrainian names, partial and full dates, phones,
/// e-mails, regions and short notes, some of them quoted because they hold commas, quotes or
/// line breaks. The same seed always gives the same bytes, so benchmarks are repeatable.
struct InquiryCSVGenerator {
    static let header = [
        "family_name", "given_name", "patronymic", "date_of_birth", "sex", "service_number",
        "unit", "rank", "last_known_region", "last_known_place", "date_last_seen",
        "inquirer_name", "relationship", "phone", "email", "language", "consent_tracing",
        "received_on", "notes",
    ]

    var rows = 100_000
    var lineEnding = "\r\n"
    var byteOrderMark = false
    var random: SeededRandom

    init(seed: UInt64 = 2024) {
        random = SeededRandom(seed: seed)
    }

    /// The whole file as UTF-8 bytes.
    mutating func makeFile() -> [UInt8] {
        var out: [UInt8] = byteOrderMark ? [0xEF, 0xBB, 0xBF] : []
        out.reserveCapacity(rows * 330)
        append(Self.header, to: &out)
        for _ in 0..<rows {
            append(makeRow(), to: &out)
        }
        return out
    }

    private func append(_ cells: [String], to out: inout [UInt8]) {
        for (index, cell) in cells.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            out.append(contentsOf: Self.quotedIfNeeded(cell).utf8)
        }
        out.append(contentsOf: lineEnding.utf8)
    }

    /// RFC 4180 quoting: a cell holding a comma, quote or line break is wrapped in quotes
    /// with its quotes doubled.
    static func quotedIfNeeded(_ cell: String) -> String {
        guard cell.contains(where: { $0 == "," || $0 == "\"" || $0.isNewline }) else { return cell }
        return "\"" + cell.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    private mutating func makeRow() -> [String] {
        let female = random.chance(0.08)
        let family = random.pick(Names.family)
        let given = female ? random.pick(Names.femaleGiven) : random.pick(Names.maleGiven)
        let fatherName = random.pick(Names.maleGiven)
        let inquirerFamily = random.chance(0.8) ? family : random.pick(Names.family)
        let relation = random.pick(Names.relationships)
        return [
            female ? Names.feminine(family) : family,
            given,
            random.chance(0.9) ? Names.patronymic(of: fatherName, female: female) : "",
            birthDate(),
            sex(female: female),
            random.chance(0.85) ? serviceNumber() : "",
            random.pick(Names.units),
            random.pick(Names.ranks),
            random.pick(Names.regions),
            random.chance(0.9) ? random.pick(Names.places) : "",
            date(years: 2022...2025),
            "\(inquirerFamily) \(random.pick(Names.femaleGiven + Names.maleGiven))",
            relation,
            phone(),
            random.chance(0.7) ? email() : "",
            random.pick(["uk", "uk", "uk", "uk", "en", "ru"]),
            random.pick(["yes", "yes", "так", "no", "1", "true"]),
            date(years: 2024...2025),
            random.chance(0.6) ? note() : "",
        ]
    }

    private mutating func birthDate() -> String {
        let year = random.int(in: 1965...2005)
        if random.chance(0.05) { return String(year) }
        if random.chance(0.05) { return "\(year)-\(twoDigits(random.int(in: 1...12)))" }
        return "\(year)-\(twoDigits(random.int(in: 1...12)))-\(twoDigits(random.int(in: 1...28)))"
    }

    private mutating func date(years: ClosedRange<Int>) -> String {
        let year = random.int(in: years)
        return "\(year)-\(twoDigits(random.int(in: 1...12)))-\(twoDigits(random.int(in: 1...28)))"
    }

    private mutating func sex(female: Bool) -> String {
        if random.chance(0.05) { return "unknown" }
        return random.pick(female ? ["female", "f", "ж"] : ["male", "m", "ч"])
    }

    private mutating func serviceNumber() -> String {
        let letters = ["А", "В", "Е", "К", "М", "Н", "О", "Р", "С", "Т"]
        return random.pick(letters) + random.pick(letters) + String(random.int(in: 100_000...999_999))
    }

    private mutating func phone() -> String {
        let operatorCode = random.pick(["50", "63", "66", "67", "68", "73", "93", "95", "96", "97", "98", "99"])
        let n = random.int(in: 1_000_000...9_999_999)
        let digits = String(n)
        switch random.int(in: 0...2) {
        case 0: return "+380\(operatorCode)\(digits)"
        case 1:
            let a = digits.prefix(3), b = digits.dropFirst(3).prefix(2), c = digits.suffix(2)
            return "+380 \(operatorCode) \(a) \(b) \(c)"
        default: return "0\(operatorCode)-\(digits)"
        }
    }

    private mutating func email() -> String {
        let user = random.pick(Names.latinUsers) + String(random.int(in: 1...9_999))
        return "\(user)@\(random.pick(["gmail.com", "ukr.net", "i.ua", "meta.ua", "outlook.com"]))"
    }

    private mutating func note() -> String {
        var text = random.pick(Names.notes)
        if random.chance(0.3) { text += ", " + random.pick(Names.notes).lowercased() }
        if random.chance(0.05) { text += "\n" + random.pick(Names.notes) }
        if random.chance(0.03) { text += " (позивний \"\(random.pick(Names.callSigns))\")" }
        return text
    }

    private func twoDigits(_ value: Int) -> String {
        value < 10 ? "0\(value)" : String(value)
    }
}
