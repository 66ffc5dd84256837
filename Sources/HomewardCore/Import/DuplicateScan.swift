import GRDB

/// Finds rows of an import that probably concern a person already recorded, or another row
/// of the same file: same service number, or same names and date of birth. They are reported
/// as warnings (an import is often a re-send of yesterday's file), not refused, each with the
/// line, the inquiry it may duplicate and why, so that a coordinator can check and merge.
struct DuplicateScan {
    private struct Identity: Hashable {
        var family: String
        var given: String
        var birth: String
    }

    /// An earlier row of the file: its line and, once written, its reference.
    private struct EarlierRow {
        var line: Int
        var reference: String?
    }

    static let sameNumber = "same service number"
    static let sameNames = "same names and birth date"

    private let knownNumbers: [String: String]
    private let knownPeople: [Identity: String]
    private var firstRowOfNumber = [String: EarlierRow]()
    private var firstRowOfPerson = [Identity: EarlierRow]()
    /// Possible duplicates, then the row's own plausibility warnings, in line order.
    private(set) var warnings = ImportWarnings()
    /// How many rows may duplicate a person or an earlier row.
    private(set) var duplicates = 0

    /// Reads what is recorded now, with the oldest open reference of each person; call
    /// before the import writes anything.
    init(_ db: Database) throws {
        var numbers = [String: String]()
        for row in try Row.fetchAll(db, sql: """
            SELECT p.service_number_key, min(i.reference) FROM person p JOIN inquiry i ON i.person_id = p.id
            WHERE p.service_number_key IS NOT NULL AND i.status <> 'merged' GROUP BY p.service_number_key
            """) {
            numbers[row[0]] = row[1]
        }
        knownNumbers = numbers
        var people = [Identity: String]()
        for row in try Row.fetchAll(db, sql: """
            SELECT p.family_name_latin, p.given_name_latin, p.date_of_birth, min(i.reference)
            FROM person p JOIN inquiry i ON i.person_id = p.id
            WHERE p.date_of_birth IS NOT NULL AND i.status <> 'merged'
            GROUP BY p.id
            """) {
            let identity = Identity(family: (row[0] as String).lowercased(), given: (row[1] as String).lowercased(), birth: row[2])
            if let known = people[identity], known <= (row[3] as String) { continue }
            people[identity] = row[3]
        }
        knownPeople = people
    }

    /// Checks one valid row and keeps its warnings; `reference` is the one it was given,
    /// nil in a dry run.
    mutating func add(line: Int, _ inquiry: ValidInquiry, reference: String? = nil) {
        let before = warnings.count
        defer {
            if warnings.count > before { duplicates += 1 }
            warnings.append(contentsOf: inquiry.warnings.map { ImportWarning(line: line, reason: $0.description) })
        }
        let person = inquiry.person
        let identity = person.dateOfBirth.map {
            Identity(family: person.latin.family.lowercased(), given: person.latin.given.lowercased(), birth: $0.description)
        }
        let number = person.serviceNumberKey
        if let number, let known = knownNumbers[number] {
            warnings.append(ImportWarning(line: line, reference: known, reason: Self.sameNumber))
        } else if let identity, let known = knownPeople[identity] {
            warnings.append(ImportWarning(line: line, reference: known, reason: Self.sameNames))
        } else if let number, let first = firstRowOfNumber[number] {
            warnings.append(ImportWarning(line: line, reference: first.reference, reason: "\(Self.sameNumber) as line \(first.line)"))
        } else if let identity, let first = firstRowOfPerson[identity] {
            warnings.append(ImportWarning(line: line, reference: first.reference, reason: "\(Self.sameNames) as line \(first.line)"))
        }
        if let number, firstRowOfNumber[number] == nil { firstRowOfNumber[number] = EarlierRow(line: line, reference: reference) }
        if let identity, firstRowOfPerson[identity] == nil { firstRowOfPerson[identity] = EarlierRow(line: line, reference: reference) }
    }
}
