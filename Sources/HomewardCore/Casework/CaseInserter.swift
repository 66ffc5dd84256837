import Foundation
import GRDB

/// Writes new persons and inquiries inside one transaction with prepared statements.
///
/// Serves both a single `inquiry add` and a 100,000-row import, so the two cannot drift apart.
/// Call ``finish()`` before the transaction commits: it stores the reference counters.
struct CaseInserter {
    private let db: Database
    private let stamp: String
    private let insertPerson: BulkStatement
    private let insertName: BulkStatement
    private let insertNameKey: BulkStatement
    private let insertInquiry: BulkStatement
    private var counters: [Int: Int] = [:]
    /// The reference numbers issued by this inserter, per year.
    private(set) var issued: [Int: ClosedRange<Int>] = [:]
    private var seenKeys: Set<String> = []

    init(_ db: Database, at date: Date) throws {
        self.db = db
        stamp = Timestamp.text(date)
        insertPerson = try BulkStatement(db, sql: """
            INSERT INTO person (family_name, given_name, patronymic, family_name_latin, given_name_latin,
                patronymic_latin, sex, date_of_birth, service_number, service_number_key, unit, rank,
                last_known_region, last_known_place, last_seen_from, last_seen_to, circumstances,
                distinguishing_features, created_at, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        insertName = try BulkStatement(db, sql: "INSERT INTO person_name (rowid, family, given, patronymic) VALUES (?, ?, ?, ?)")
        insertNameKey = try BulkStatement(db, sql: "INSERT OR IGNORE INTO name_key (key, length) VALUES (?, ?)")
        insertInquiry = try BulkStatement(db, sql: """
            INSERT INTO inquiry (reference, person_id, inquirer_name, relationship, phone, email, language,
                consent_tracing, consent_dna, consent_sharing, channel, received_on, coordinator_id, notes,
                created_at, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
    }

    /// Inserts the person and the inquiry about them; returns the new reference.
    mutating func insert(_ inquiry: ValidInquiry, coordinatorID: Int64?) throws -> InquiryReference {
        let personID = try insert(person: inquiry.person)
        let reference = try nextReference(year: inquiry.receivedOn.year)
        try insertInquiry.execute([
            .text(reference.description), .integer(personID), .text(inquiry.inquirerName), .text(inquiry.relationship),
            .text(inquiry.phone), .text(inquiry.email), .text(inquiry.language), .integer(inquiry.consentTracing ? 1 : 0),
            .integer(inquiry.consentDNA ? 1 : 0), .text(inquiry.consentSharing), .text(inquiry.channel),
            .text(inquiry.receivedOn.description), .integer(coordinatorID), .text(inquiry.notes), .text(stamp), .text(stamp),
        ])
        return reference
    }

    mutating func insert(person: PersonFields) throws -> Int64 {
        try insertPerson.execute([
            .text(person.familyName), .text(person.givenName), .text(person.patronymic), .text(person.latin.family),
            .text(person.latin.given), .text(person.latin.patronymic), .text(person.sex.rawValue),
            .text(person.dateOfBirth?.description), .text(person.serviceNumber), .text(person.serviceNumberKey),
            .text(person.unit), .text(person.rank), .text(person.region), .text(person.place),
            .text(person.lastSeen.from.description), .text(person.lastSeen.to.description), .text(person.circumstances),
            .text(person.features), .text(stamp), .text(stamp),
        ])
        let personID = db.lastInsertedRowID
        try replaceTokens(of: personID, with: person)
        return personID
    }

    /// Writes the name keys of a person (after removing old ones when the names changed).
    mutating func replaceTokens(of personID: Int64, with person: PersonFields, replacing: Bool = false) throws {
        if replacing {
            try db.execute(sql: "DELETE FROM person_name WHERE rowid = ?", arguments: [personID])
        }
        let keys = person.nameKeys
        try insertName.execute([
            .integer(personID), .text(person.searchColumns.family), .text(person.searchColumns.given),
            .text(person.searchColumns.patronymic),
        ])
        for key in keys.family + keys.given + keys.patronymic where seenKeys.insert(key).inserted {
            try insertNameKey.execute([.text(key), .integer(Int64(key.utf8.count))])
        }
    }

    private mutating func nextReference(year: Int) throws -> InquiryReference {
        let last: Int
        if let known = counters[year] {
            last = known
        } else {
            last = try Int.fetchOne(db, sql: "SELECT last FROM reference_counter WHERE year = ?", arguments: [year]) ?? 0
        }
        counters[year] = last + 1
        issued[year] = (issued[year]?.lowerBound ?? last + 1)...(last + 1)
        return InquiryReference(year: year, number: last + 1)
    }

    /// The issued references for the audit trail, e.g. "HW-2025-000001..000950".
    var issuedSummary: String {
        issued.keys.sorted().compactMap { year in
            issued[year].map { range in
                "HW-\(year)-\(CalendarDate.pad(range.lowerBound, 6))..\(CalendarDate.pad(range.upperBound, 6))"
            }
        }.joined(separator: ",")
    }

    /// Stores the reference counters advanced by this inserter.
    func finish() throws {
        for (year, last) in counters {
            try db.execute(
                sql: "INSERT INTO reference_counter (year, last) VALUES (?, ?) ON CONFLICT(year) DO UPDATE SET last = excluded.last",
                arguments: [year, last])
        }
    }
}
