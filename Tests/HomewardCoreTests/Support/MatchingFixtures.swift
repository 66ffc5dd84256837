import Foundation
import GRDB
@testable import HomewardCore

/// Persons and records for the matcher without a database: the evidence model and the
/// ranking work on these directly.
enum MatchSample {
    /// A person as `MatchPopulation.load` would read it (keys made the same way).
    static func person(_ id: Int64, family: String, given: String, patronymic: String? = nil, sex: Sex = .male,
                       born: String? = "1994-03-12", service: String? = nil, region: String = "UA-14",
                       lastSeen: String = "2023-05-20", dna: String = "none") -> MatchPerson {
        let seen = DayRange(lastSeen) ?? DayRange(from: CalendarDate(validYear: 2023, month: 1, day: 1),
                                                  to: CalendarDate(validYear: 2023, month: 1, day: 1))
        return MatchPerson(
            personID: id, inquiryID: id, reference: "P-\(id)", familyName: family, givenName: given, patronymicName: patronymic,
            family: NameKey.keys(family).joined(), given: NameKey.keys(given).joined(),
            patronymic: patronymic.map { NameKey.keys($0).joined() } ?? "", sex: sex,
            dateOfBirth: born.flatMap { PartialDate($0) }, serviceKey: service.flatMap(ServiceNumber.key), region: region,
            lastSeen: seen, dnaReference: dna)
    }

    /// A returned record of a batch of `batchDate`.
    static func record(_ id: Int64, name: String?, service: String? = nil, sex: Sex = .male, age: ClosedRange<Int>? = 25...35,
                       region: String? = "UA-14", recovered: String? = "2024-08-01", batchDate: String = "2025-06-14",
                       kind: String = "remains") -> MatchRecord {
        MatchRecord(recordID: id, address: "B-2025-001/R-\(id)", kind: kind, name: name, serviceKey: service.flatMap(ServiceNumber.key),
                    sex: sex, ageMin: age?.lowerBound, ageMax: age?.upperBound, region: region,
                    recoveryDate: recovered.flatMap { CalendarDate($0) }, batchDate: CalendarDate(batchDate) ?? CalendarDate(validYear: 2025, month: 6, day: 14))
    }

    static func model(_ persons: [MatchPerson]) -> EvidenceModel {
        EvidenceModel(population: MatchPopulation(persons: persons))
    }

    /// The ranking of `records` against `persons` as `matchBatch` runs it.
    static func rank(_ records: [MatchRecord], _ persons: [MatchPerson], top: Int = 5,
                     decisions: BatchRanking.Decisions = .init()) -> [[RecordCandidate]] {
        BatchRanking(matcher: RecordMatcher(model: model(persons))).rank(records, top: top, decisions: decisions)
    }
}

/// A database for matching: admin alice, coordinators olena (who works) and petro, volunteer
/// vera, auditor audra. Inquiries are variations of ``shevchenkoForm()``; batches are
/// remains batches with a manifest given as CSV rows.
struct MatchingFixture {
    let homeward: Homeward
    let admin: Actor
    let olena: Actor
    let petro: Actor
    let vera: Actor
    let auditor: Actor

    static let manifestHeader = "tag,kind,name,service_number,sex,age_min,age_max,recovery_region,recovery_place,recovery_date,effects,notes"

    init(clock: TestClock = TestClock()) throws {
        let (homeward, admin, olena) = try makeCasework(clock: clock)
        self.homeward = homeward
        self.admin = admin
        self.olena = olena
        petro = try addAndLogin(homeward, admin: admin, name: "petro", role: .coordinator).actor
        vera = try addAndLogin(homeward, admin: admin, name: "vera", role: .volunteer).actor
        auditor = try addAndLogin(homeward, admin: admin, name: "audra", role: .auditor).actor
    }

    /// Adds an inquiry: Шевченко Олексій Петрович (``shevchenkoForm()``) as changed by `change`.
    @discardableResult
    func inquiry(_ change: (inout InquiryForm) -> Void = { _ in }) throws -> String {
        var form = shevchenkoForm()
        change(&form)
        return try homeward.addInquiry(olena, form).reference
    }

    /// An inquiry about someone else: the given names, no service number unless given.
    @discardableResult
    func person(_ family: String, _ given: String, _ patronymic: String? = nil, born: String = "1994-03-12", sex: String = "ч",
                region: String = "UA-14", lastSeen: String = "2023-05-20", service: String? = nil, consent: String = "yes") throws -> String {
        try inquiry { form in
            form.familyName = family
            form.givenName = given
            form.patronymic = patronymic
            form.dateOfBirth = born
            form.sex = sex
            form.lastKnownRegion = region
            form.dateLastSeen = lastSeen
            form.serviceNumber = service
            form.consentTracing = consent
        }
    }

    /// A batch with the manifest `rows` (columns as ``manifestHeader``).
    func batch(date: String = "2025-06-14", kind: String = "remains", regions: [String] = ["Donetsk"], rows: [String]) throws -> String {
        let code = try homeward.addBatch(olena, BatchForm(date: date, kind: kind, regions: regions)).code
        if !rows.isEmpty {
            _ = try homeward.importManifest(olena, code: code, table: try CSVTable(bytes: csv([Self.manifestHeader] + rows)))
        }
        return code
    }

    /// The stored link of a pair.
    func link(_ record: String, _ reference: String) throws -> LinkView? {
        try homeward.links(olena).first { $0.record == record && $0.reference == reference }
    }

    /// Every stored link as one line of its columns, to show what a change left alone.
    func linkRows() throws -> [String] {
        try homeward.read { db in
            try String.fetchAll(db, sql: """
                SELECT json_array(id, person_id, inquiry_id, batch_id, record_id, state, score, reasons, created_at, created_by,
                                  scored_at, decided_at, decided_by, decision_reason) FROM link ORDER BY id
                """)
        }
    }

    func linkCount() throws -> Int {
        try homeward.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM link") ?? -1 }
    }

    /// Sets a person's DNA reference status as the DNA workflow would.
    func setDNA(_ reference: String, _ status: String) throws {
        try homeward.write { db in
            try db.execute(sql: "UPDATE person SET dna_reference_status = ? WHERE id = (SELECT person_id FROM inquiry WHERE reference = ?)",
                           arguments: [status, reference])
        }
    }

    func inquiryStatus(_ reference: String) throws -> String {
        try homeward.inquiry(olena, reference: reference).status
    }

    /// Audit events of `action`, oldest first.
    func audit(_ action: String) throws -> [AuditEvent] {
        try homeward.auditLog(admin, filter: AuditFilter(action: action))
    }
}
