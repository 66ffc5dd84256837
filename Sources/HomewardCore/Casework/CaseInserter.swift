import Foundation
import GRDB

/// Writes new persons and inquiries inside one transaction with prepared statements.
///
/// Serves both a single `inquiry add` and a 100,000-row import, so the two cannot drift apart.
/// An import writes `rowsPerStatement` rows with each statement: SQLite then sets up a
/// statement's work once for many rows (the CHECK constraints' `IN` lists, for one, build a
/// small temporary index each time a statement runs). Persons get their ids from the
/// inserter (the next after the largest, as SQLite would give them), so that a person's
/// name index row and inquiry can be written in the same batch.
/// Call ``finish()`` before the transaction commits: it writes what is still pending and
/// stores the reference counters.
struct CaseInserter {
    /// Rows in one multi-row statement of an import; at most 21 parameters a row, so a
    /// statement stays under SQLite's oldest limit of 999 parameters.
    static let importRowsPerStatement = 32
    /// Name keys in one statement.
    private static let keysPerStatement = 64

    private let db: Database
    private let stamp: String
    private let rowsPerStatement: Int
    private let insertPerson: Batched
    private let insertName: Batched
    private let insertNameKey: Batched
    private let insertInquiry: Batched
    private var pendingPersons: [BulkValue] = []
    private var pendingNames: [BulkValue] = []
    private var pendingKeys: [BulkValue] = []
    private var pendingInquiries: [BulkValue] = []
    private var pendingRows: Int { pendingPersons.count / insertPerson.width }
    private var nextPersonID: Int64
    private var counters: [Int: Int] = [:]
    /// The reference numbers issued by this inserter, per year.
    private(set) var issued: [Int: ClosedRange<Int>] = [:]
    private var seenKeys: Set<String> = []

    /// One insert prepared for one row and for a batch of rows.
    private struct Batched {
        let one: BulkStatement
        let many: BulkStatement
        let rows: Int
        let width: Int

        init(_ db: Database, _ head: String, width: Int, rows: Int) throws {
            let tuple = "(" + Array(repeating: "?", count: width).joined(separator: ", ") + ")"
            one = try BulkStatement(db, sql: "\(head) VALUES \(tuple)")
            many = rows > 1 ? try BulkStatement(db, sql: "\(head) VALUES " + Array(repeating: tuple, count: rows).joined(separator: ", ")) : one
            self.rows = rows
            self.width = width
        }

        /// Writes every full batch in `pending` and removes it; with `all`, the rest row by row.
        func flush(_ pending: inout [BulkValue], all: Bool) throws {
            var start = 0
            let batch = rows * width
            while pending.count - start >= batch {
                try many.execute(Array(pending[start..<(start + batch)]))
                start += batch
            }
            if all {
                while start < pending.count {
                    try one.execute(Array(pending[start..<(start + width)]))
                    start += width
                }
            }
            pending.removeFirst(start)
        }
    }

    /// - Parameter rowsPerStatement: 1 for a single inquiry (everything is written at once);
    ///   ``importRowsPerStatement`` for an import.
    init(_ db: Database, at date: Date, rowsPerStatement: Int = 1) throws {
        self.db = db
        self.rowsPerStatement = max(1, rowsPerStatement)
        stamp = Timestamp.text(date)
        nextPersonID = try Int64.fetchOne(db, sql: "SELECT coalesce(max(id), 0) + 1 FROM person") ?? 1
        insertPerson = try Batched(db, """
            INSERT INTO person (id, family_name, given_name, patronymic, family_name_latin, given_name_latin,
                patronymic_latin, sex, date_of_birth, service_number, service_number_key, unit, rank,
                last_known_region, last_known_place, last_seen_from, last_seen_to, circumstances,
                distinguishing_features, created_at, updated_at)
            """, width: 21, rows: self.rowsPerStatement)
        insertName = try Batched(db, "INSERT INTO person_name (rowid, family, given, patronymic)", width: 4, rows: self.rowsPerStatement)
        insertNameKey = try Batched(db, "INSERT OR IGNORE INTO name_key (key, length)", width: 2,
                                    rows: self.rowsPerStatement > 1 ? Self.keysPerStatement : 1)
        insertInquiry = try Batched(db, """
            INSERT INTO inquiry (reference, person_id, inquirer_name, relationship, phone, email, language,
                consent_tracing, consent_dna, consent_sharing, channel, received_on, coordinator_id, notes,
                created_at, updated_at)
            """, width: 16, rows: self.rowsPerStatement)
    }

    /// Inserts the person and the inquiry about them (in an import, with the next batch);
    /// returns the new reference.
    mutating func insert(_ inquiry: ValidInquiry, coordinatorID: Int64?) throws -> InquiryReference {
        let personID = insert(person: inquiry.person)
        let reference = try nextReference(year: inquiry.receivedOn.year)
        pendingInquiries += [
            .text(reference.description), .integer(personID), .text(inquiry.inquirerName), .text(inquiry.relationship),
            .text(inquiry.phone), .text(inquiry.email), .text(inquiry.language), .integer(inquiry.consentTracing ? 1 : 0),
            .integer(inquiry.consentDNA ? 1 : 0), .text(inquiry.consentSharing), .text(inquiry.channel),
            .text(inquiry.receivedOn.description), .integer(coordinatorID), .text(inquiry.notes), .text(stamp), .text(stamp),
        ]
        if pendingRows == rowsPerStatement { try flush(all: false) }
        return reference
    }

    /// Adds the person, its name index row and its new name keys to the pending rows; returns its id.
    private mutating func insert(person: PersonFields) -> Int64 {
        let personID = nextPersonID
        nextPersonID += 1
        pendingPersons += [
            .integer(personID), .text(person.familyName), .text(person.givenName), .text(person.patronymic),
            .text(person.latin.family), .text(person.latin.given), .text(person.latin.patronymic), .text(person.sex.rawValue),
            .text(person.dateOfBirth?.description), .text(person.serviceNumber), .text(person.serviceNumberKey),
            .text(person.unit), .text(person.rank), .text(person.region), .text(person.place),
            .text(person.lastSeen.from.description), .text(person.lastSeen.to.description), .text(person.circumstances),
            .text(person.features), .text(stamp), .text(stamp),
        ]
        pendingNames += nameRow(of: personID, person)
        pendingKeys += newKeys(of: person)
        return personID
    }

    /// Writes the name keys of a person whose names changed, at once, after removing the old ones.
    mutating func replaceTokens(of personID: Int64, with person: PersonFields, replacing: Bool = false) throws {
        if replacing {
            try db.execute(sql: "DELETE FROM person_name WHERE rowid = ?", arguments: [personID])
        }
        try insertName.one.execute(nameRow(of: personID, person))
        var keys = newKeys(of: person)
        try insertNameKey.flush(&keys, all: true)
    }

    private func nameRow(of personID: Int64, _ person: PersonFields) -> [BulkValue] {
        [.integer(personID), .text(person.searchColumns.family), .text(person.searchColumns.given), .text(person.searchColumns.patronymic)]
    }

    /// The person's name keys not written by this inserter yet, as (key, length) values.
    private mutating func newKeys(of person: PersonFields) -> [BulkValue] {
        let keys = person.nameKeys
        var values = [BulkValue]()
        for key in keys.family + keys.given + keys.patronymic where seenKeys.insert(key).inserted {
            values += [.text(key), .integer(Int64(key.utf8.count))]
        }
        return values
    }

    /// Writes the pending rows: full batches only, or with `all` everything. Persons first,
    /// since their name rows and inquiries refer to them.
    private mutating func flush(all: Bool) throws {
        try insertPerson.flush(&pendingPersons, all: all)
        try insertName.flush(&pendingNames, all: all)
        try insertInquiry.flush(&pendingInquiries, all: all)
        try insertNameKey.flush(&pendingKeys, all: all)
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

    /// Writes what is still pending and stores the reference counters advanced by this inserter.
    mutating func finish() throws {
        try flush(all: true)
        for (year, last) in counters {
            try db.execute(
                sql: "INSERT INTO reference_counter (year, last) VALUES (?, ?) ON CONFLICT(year) DO UPDATE SET last = excluded.last",
                arguments: [year, last])
        }
    }
}
