import GRDB

/// What a returned record says about who it may be.
struct MatchRecord: Sendable {
    let recordID: Int64
    /// `CODE/TAG`.
    let address: String
    let kind: String
    /// The name as written (or its Latin form when only that was recorded).
    let name: String?
    /// Keys of the name's words, at most `maximumWords`.
    let words: [String]
    let serviceKey: String?
    let sex: Sex
    let ageMin: Int?
    let ageMax: Int?
    let region: String?
    let recoveryDate: CalendarDate?
    let batchDate: CalendarDate

    /// Names longer than this are compared by their first words only (ranks and notes
    /// sometimes follow a name).
    static let maximumWords = 4

    /// The day the record is compared against last seen: recovery, else the transfer.
    var day: CalendarDate { recoveryDate ?? batchDate }

    var isNamed: Bool { !words.isEmpty }

    /// The estimated age range with a missing bound filled in, or nil without an estimate.
    var ageRange: ClosedRange<Int>? {
        switch (ageMin, ageMax) {
        case let (low?, high?): low...max(low, high)
        case let (low?, nil): low...(low + MatchWeights.ageOpenRangeYears)
        case let (nil, high?): max(0, high - MatchWeights.ageOpenRangeYears)...high
        case (nil, nil): nil
        }
    }

    init(recordID: Int64, address: String, kind: String, name: String?, serviceKey: String?, sex: Sex,
         ageMin: Int?, ageMax: Int?, region: String?, recoveryDate: CalendarDate?, batchDate: CalendarDate) {
        self.recordID = recordID
        self.address = address
        self.kind = kind
        self.name = name
        words = name.map { Array(NameKey.keys($0).prefix(Self.maximumWords)) } ?? []
        self.serviceKey = serviceKey
        self.sex = sex
        self.ageMin = ageMin
        self.ageMax = ageMax
        self.region = region
        self.recoveryDate = recoveryDate
        self.batchDate = batchDate
    }

    /// The live records of a batch, in tag order.
    static func load(batchID: Int64, code: String, date: CalendarDate, _ db: Database) throws -> [MatchRecord] {
        try Row.fetchAll(db, sql: """
            SELECT id, tag, kind, coalesce(name, name_latin) AS name, service_number_key, sex, age_min, age_max,
                   recovery_region, recovery_date
            FROM returned_record WHERE batch_id = ? AND voided_at IS NULL ORDER BY id
            """, arguments: [batchID]).map { row in
            MatchRecord(
                recordID: row["id"], address: "\(code)/\(row["tag"] as String)", kind: row["kind"], name: row["name"],
                serviceKey: row["service_number_key"], sex: Sex(rawValue: row["sex"]) ?? .unknown,
                ageMin: row["age_min"], ageMax: row["age_max"], region: row["recovery_region"],
                recoveryDate: (row["recovery_date"] as String?).flatMap { CalendarDate($0) }, batchDate: date)
        }
    }
}
