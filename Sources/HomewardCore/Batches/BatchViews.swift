import Foundation

/// One line of `batch list`.
public struct BatchSummary: Sendable, Codable, Equatable {
    public var code: String
    public var kind: String
    public var date: String
    public var status: String
    public var received: Int?
    public var handedOver: Int?
    public var regions: [String]
    public var manifestRecords: Int

    enum CodingKeys: String, CodingKey {
        case code, kind, date, status, received, regions
        case handedOver = "handed_over", manifestRecords = "manifest_records"
    }
}

/// One batch in full.
public struct BatchView: Sendable, Codable, Equatable {
    public var summary: BatchSummary
    public var transferPoint: String?
    public var agreement: String?
    public var sources: [Source]
    public var history: [StatusChange]
    /// Corrections of counts, regions, transfer point, agreement and sources, oldest first.
    public var changes: [FieldChange]
    /// Records in the manifest by kind (voided records left out).
    public var recordsByKind: [String: Int]
    /// Nil when the manifest agrees with the received count (or either is unknown).
    public var countDiscrepancy: String?
    /// Records voided as entered by mistake; kept, but not in `records` or any count.
    public var voidedRecords: Int
    public var records: [RecordView]

    public struct Source: Sendable, Codable, Equatable {
        public var text: String
        public var saidBy: String?
        public var saidOn: String?

        enum CodingKeys: String, CodingKey {
            case text
            case saidBy = "said_by", saidOn = "said_on"
        }
    }

    public struct StatusChange: Sendable, Codable, Equatable {
        public var status: String
        public var note: String
        public var at: String
        public var by: String
    }

    enum CodingKeys: String, CodingKey {
        case summary, agreement, sources, history, changes, records
        case transferPoint = "transfer_point", recordsByKind = "records_by_kind", countDiscrepancy = "count_discrepancy"
        case voidedRecords = "voided_records"
    }

    /// The summary's fields (`code`, `kind`, …) sit at the top level beside the details.
    public func encode(to encoder: any Encoder) throws {
        try summary.encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(transferPoint, forKey: .transferPoint)
        try container.encodeIfPresent(agreement, forKey: .agreement)
        try container.encode(sources, forKey: .sources)
        try container.encode(history, forKey: .history)
        try container.encode(changes, forKey: .changes)
        try container.encode(recordsByKind, forKey: .recordsByKind)
        try container.encodeIfPresent(countDiscrepancy, forKey: .countDiscrepancy)
        try container.encode(voidedRecords, forKey: .voidedRecords)
        try container.encode(records, forKey: .records)
    }
}

extension BatchView {
    /// Reads what ``encode(to:)`` writes (a client reads a server's batch).
    public init(from decoder: any Decoder) throws {
        summary = try BatchSummary(from: decoder)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        transferPoint = try container.decodeIfPresent(String.self, forKey: .transferPoint)
        agreement = try container.decodeIfPresent(String.self, forKey: .agreement)
        sources = try container.decode([Source].self, forKey: .sources)
        history = try container.decode([StatusChange].self, forKey: .history)
        changes = try container.decode([FieldChange].self, forKey: .changes)
        recordsByKind = try container.decode([String: Int].self, forKey: .recordsByKind)
        countDiscrepancy = try container.decodeIfPresent(String.self, forKey: .countDiscrepancy)
        voidedRecords = try container.decode(Int.self, forKey: .voidedRecords)
        records = try container.decode([RecordView].self, forKey: .records)
    }
}

/// One returned record, addressed as `CODE/TAG`.
public struct RecordView: Sendable, Codable, Equatable {
    public var record: String
    public var kind: String
    /// The identification status derived from the record's history.
    public var status: String
    public var name: String?
    public var serviceNumber: String?
    public var sex: String
    public var ageMin: Int?
    public var ageMax: Int?
    public var recoveryRegion: String?
    public var recoveryPlace: String?
    public var recoveryDate: String?

    enum CodingKeys: String, CodingKey {
        case record, kind, status, name, sex
        case serviceNumber = "service_number", ageMin = "age_min", ageMax = "age_max"
        case recoveryRegion = "recovery_region", recoveryPlace = "recovery_place", recoveryDate = "recovery_date"
    }
}

/// What `batch add` reports.
public struct BatchAdded: Sendable, Codable, Equatable {
    public var code: String
}
