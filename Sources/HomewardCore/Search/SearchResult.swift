import Foundation

/// One returned record found by `search`, addressed as `CODE/TAG`.
public struct RecordHit: Sendable, Codable, Equatable {
    public var record: String
    public var batch: String
    public var tag: String
    /// `remains` or `returnee`.
    public var recordKind: String
    public var name: String?
    public var nameLatin: String?
    public var serviceNumber: String?
    public var sex: String
    public var ageMin: Int?
    public var ageMax: Int?
    public var recoveryRegion: String?
    public var recoveryDate: String?
    /// 100 for an exact tag or service number; otherwise the sum over query words of how well
    /// each matched a word of the name on the record (1 exact, less for typos and prefixes).
    public var score: Double
    /// `tag`, `service_number` or `name`.
    public var matchedBy: String

    enum CodingKeys: String, CodingKey {
        case record, batch, tag, name, sex, score
        case recordKind = "record_kind", nameLatin = "name_latin", serviceNumber = "service_number", ageMin = "age_min", ageMax = "age_max"
        case recoveryRegion = "recovery_region", recoveryDate = "recovery_date", matchedBy = "matched_by"
    }
}

/// One hit of `search`: a person with the inquiries about them, or a returned record.
///
/// In JSON each hit carries `hit` (`inquiry` or `record`) beside its own fields.
public enum SearchResult: Sendable, Equatable, Encodable {
    case inquiry(SearchHit)
    case record(RecordHit)

    public var score: Double {
        switch self {
        case let .inquiry(hit): hit.score
        case let .record(hit): hit.score
        }
    }

    private enum CodingKeys: String, CodingKey { case hit }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case let .inquiry(hit):
            try hit.encode(to: encoder)
            try container.encode("inquiry", forKey: .hit)
        case let .record(hit):
            try hit.encode(to: encoder)
            try container.encode("record", forKey: .hit)
        }
    }
}
