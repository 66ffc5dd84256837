import GRDB

/// Finds rows of an import that probably concern a person already recorded, or another row
/// of the same file: same service number, or same names and date of birth. They are reported
/// as warnings (an import is often a re-send of yesterday's file), not refused, each with the
/// line, the inquiry it may duplicate and why, so that a coordinator can check and merge.
struct DuplicateScan {
    fileprivate struct Identity: Hashable {
        var family: String
        var given: String
        var birth: String
    }

    /// An earlier row of the file: its line and, once written, its reference; 12 bytes,
    /// since a 100,000-row file keeps one for nearly every row.
    private struct EarlierRow {
        private let lineNumber: Int32
        private let year: Int16
        private let number: Int32

        init(line: Int, reference: InquiryReference?) {
            lineNumber = Int32(clamping: line)
            year = Int16(clamping: reference?.year ?? 0)
            number = Int32(clamping: reference?.number ?? 0)
        }

        var line: Int { Int(lineNumber) }
        var reference: String? { year == 0 ? nil : InquiryReference(year: Int(year), number: Int(number)).description }
    }

    /// An identity of the file by a 128-bit hash of its names and date (two 64-bit hashes
    /// of this process's random seed), so that the file's rows cost 16 bytes each instead of
    /// three strings; two different identities sharing one is about as likely as 2⁻¹²⁸ per pair.
    private struct IdentityHash: Hashable {
        let high: Int
        let low: Int

        init(_ identity: Identity) {
            var first = Hasher()
            first.combine(0 as UInt8)
            first.combine(identity)
            var second = Hasher()
            second.combine(1 as UInt8)
            second.combine(identity)
            high = first.finalize()
            low = second.finalize()
        }
    }

    static let sameNumber = "same service number"
    static let sameNames = "same names and birth date"

    /// What was recorded before the import: every person read up front, or looked up row by row.
    private var known: KnownPersons
    private var firstRowOfNumber = [String: EarlierRow]()
    private var firstRowOfPerson = [IdentityHash: EarlierRow]()
    /// Possible duplicates, then the row's own plausibility warnings, in line order.
    private(set) var warnings = ImportWarnings()
    /// How many rows may duplicate a person or an earlier row.
    private(set) var duplicates = 0

    /// Reads what is recorded now, with the oldest open reference of each person; call
    /// before the import writes anything.
    ///
    /// A file of `rows` rows against a database many times its size looks up only the
    /// service numbers and birth dates in the file, through indexes; a file about as large as
    /// the database, or larger, reads every recorded person once, which is cheaper than a
    /// lookup per row.
    /// - Parameter persons: how many persons are recorded (the caller has counted them).
    init(_ db: Database, rows: Int, persons: Int) throws {
        if persons > 8 * rows {
            known = .lookedUp(try KnownPersons.Lookup(db))
        } else {
            known = .read(try KnownPersons.Read(db))
        }
    }

    /// Checks one valid row and keeps its warnings; `reference` is the one it was given,
    /// nil in a dry run.
    mutating func add(line: Int, _ inquiry: ValidInquiry, reference: InquiryReference? = nil) throws {
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
        let identityHash = identity.map(IdentityHash.init)
        if let number, let known = try known.reference(serviceNumberKey: number) {
            warnings.append(ImportWarning(line: line, reference: known, reason: Self.sameNumber))
        } else if let identity, let known = try known.reference(of: identity) {
            warnings.append(ImportWarning(line: line, reference: known, reason: Self.sameNames))
        } else if let number, let first = firstRowOfNumber[number] {
            warnings.append(ImportWarning(line: line, reference: first.reference, reason: "\(Self.sameNumber) as line \(first.line)"))
        } else if let identityHash, let first = firstRowOfPerson[identityHash] {
            warnings.append(ImportWarning(line: line, reference: first.reference, reason: "\(Self.sameNames) as line \(first.line)"))
        }
        if let number, firstRowOfNumber[number] == nil { firstRowOfNumber[number] = EarlierRow(line: line, reference: reference) }
        if let identityHash, firstRowOfPerson[identityHash] == nil {
            firstRowOfPerson[identityHash] = EarlierRow(line: line, reference: reference)
        }
    }
}

/// The persons recorded before an import, by service number key and by names and date of
/// birth, each with the oldest reference of an inquiry about them that is not merged.
private enum KnownPersons {
    case read(Read)
    case lookedUp(Lookup)

    func reference(serviceNumberKey key: String) throws -> String? {
        switch self {
        case .read(let read): read.numbers[key]
        case .lookedUp(let lookup): try lookup.reference(serviceNumberKey: key)
        }
    }

    func reference(of identity: DuplicateScan.Identity) throws -> String? {
        switch self {
        case .read(let read): read.people[identity]
        case .lookedUp(let lookup): try lookup.reference(of: identity)
        }
    }

    /// Every recorded person, read once.
    struct Read {
        let numbers: [String: String]
        let people: [DuplicateScan.Identity: String]

        init(_ db: Database) throws {
            var numbers = [String: String]()
            for row in try Row.fetchAll(db, sql: """
                SELECT p.service_number_key, min(i.reference) FROM person p JOIN inquiry i ON i.person_id = p.id
                WHERE p.service_number_key IS NOT NULL AND i.status <> 'merged' GROUP BY p.service_number_key
                """) {
                numbers[row[0]] = row[1]
            }
            self.numbers = numbers
            var people = [DuplicateScan.Identity: String]()
            for row in try Row.fetchAll(db, sql: """
                SELECT p.family_name_latin, p.given_name_latin, p.date_of_birth, min(i.reference)
                FROM person p JOIN inquiry i ON i.person_id = p.id
                WHERE p.date_of_birth IS NOT NULL AND i.status <> 'merged'
                GROUP BY p.id
                """) {
                let identity = DuplicateScan.Identity(family: (row[0] as String).lowercased(), given: (row[1] as String).lowercased(), birth: row[2])
                if let known = people[identity], known <= (row[3] as String) { continue }
                people[identity] = row[3]
            }
            self.people = people
        }
    }

    /// Persons looked up as the rows come, through the service number and birth date
    /// indexes. Persons the import itself adds have larger ids than any recorded before, so
    /// they are left out, as they would be had everything been read up front.
    struct Lookup {
        private let byNumber: Statement
        private let byBirth: Statement
        private let lastID: Int64

        init(_ db: Database) throws {
            lastID = try Int64.fetchOne(db, sql: "SELECT max(id) FROM person") ?? 0
            byNumber = try db.makeStatement(sql: """
                SELECT min(i.reference) FROM person p JOIN inquiry i ON i.person_id = p.id
                WHERE p.service_number_key = ? AND p.id <= ? AND i.status <> 'merged'
                """)
            byBirth = try db.makeStatement(sql: """
                SELECT p.family_name_latin, p.given_name_latin, min(i.reference)
                FROM person p JOIN inquiry i ON i.person_id = p.id
                WHERE p.date_of_birth = ? AND p.id <= ? AND i.status <> 'merged'
                GROUP BY p.id
                """)
        }

        func reference(serviceNumberKey key: String) throws -> String? {
            try String.fetchOne(byNumber, arguments: [key, lastID])
        }

        func reference(of identity: DuplicateScan.Identity) throws -> String? {
            try Row.fetchAll(byBirth, arguments: [identity.birth, lastID]).compactMap { row -> String? in
                guard (row[0] as String).lowercased() == identity.family, (row[1] as String).lowercased() == identity.given
                else { return nil }
                return row[2]
            }.min()
        }
    }
}
