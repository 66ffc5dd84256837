import GRDB

/// Finds rows of an import that probably concern a person already recorded, or another row
/// of the same file: same service number, or same names and date of birth. They are reported
/// as warnings (an import is often a re-send of yesterday's file), not refused.
struct DuplicateScan {
    private struct Identity: Hashable {
        var family: String
        var given: String
        var birth: String
    }

    private let knownNumbers: Set<String>
    private let knownPeople: Set<Identity>
    private var againstDatabase = [Int]()
    private var withinFile = [(line: Int, first: Int)]()
    private var firstLineOfNumber = [String: Int]()
    private var firstLineOfPerson = [Identity: Int]()

    /// Reads what is recorded now; call before the import writes anything.
    init(_ db: Database) throws {
        knownNumbers = Set(try String.fetchAll(db, sql: """
            SELECT DISTINCT p.service_number_key FROM person p JOIN inquiry i ON i.person_id = p.id
            WHERE p.service_number_key IS NOT NULL AND i.status <> 'merged'
            """))
        var people = Set<Identity>()
        for row in try Row.fetchAll(db, sql: """
            SELECT DISTINCT p.family_name_latin, p.given_name_latin, p.date_of_birth
            FROM person p JOIN inquiry i ON i.person_id = p.id
            WHERE p.date_of_birth IS NOT NULL AND i.status <> 'merged'
            """) {
            people.insert(Identity(family: (row[0] as String).lowercased(), given: (row[1] as String).lowercased(), birth: row[2]))
        }
        knownPeople = people
    }

    mutating func add(line: Int, _ inquiry: ValidInquiry) {
        let person = inquiry.person
        let identity = person.dateOfBirth.map {
            Identity(family: person.latin.family.lowercased(), given: person.latin.given.lowercased(), birth: $0.description)
        }
        if let number = person.serviceNumberKey, knownNumbers.contains(number) {
            againstDatabase.append(line)
        } else if let identity, knownPeople.contains(identity) {
            againstDatabase.append(line)
        } else if let number = person.serviceNumberKey, let first = firstLineOfNumber[number] {
            withinFile.append((line, first))
        } else if let identity, let first = firstLineOfPerson[identity] {
            withinFile.append((line, first))
        }
        if let number = person.serviceNumberKey, firstLineOfNumber[number] == nil { firstLineOfNumber[number] = line }
        if let identity, firstLineOfPerson[identity] == nil { firstLineOfPerson[identity] = line }
    }

    var warnings: [String] {
        var warnings = [String]()
        if let first = againstDatabase.first {
            warnings.append("\(againstDatabase.count) row(s) may concern persons already recorded (same service number, or same names and birth date), first at line \(first); check with 'homeward search' and merge where needed")
        }
        if let first = withinFile.first {
            warnings.append("\(withinFile.count) row(s) repeat an earlier row of the file, first at line \(first.line) (like line \(first.first))")
        }
        return warnings
    }
}
