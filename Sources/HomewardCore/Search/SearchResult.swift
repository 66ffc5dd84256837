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
public enum SearchResult: Sendable, Equatable, Codable {
    case inquiry(SearchHit)
    case record(RecordHit)

    public var score: Double {
        switch self {
        case let .inquiry(hit): hit.score
        case let .record(hit): hit.score
        }
    }

    private enum CodingKeys: String, CodingKey { case hit }

    /// Reads what ``encode(to:)`` writes: the hit's own fields and `hit` saying which kind.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        switch try container.decode(String.self, forKey: .hit) {
        case "inquiry": self = .inquiry(try SearchHit(from: decoder))
        case "record": self = .record(try RecordHit(from: decoder))
        case let other:
            throw DecodingError.dataCorruptedError(forKey: .hit, in: container, debugDescription: "unknown hit kind \(other)")
        }
    }

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
