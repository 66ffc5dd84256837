import Foundation

/// A format of the coordinators' reports (`report batch`, `report stats`).
public enum CoordinatorReportFormat: String, Sendable, CaseIterable {
    /// Aligned text tables for a terminal (80 columns).
    case table
    /// One CSV table (RFC 4180), codes rather than words, for spreadsheets.
    case csv
    /// The report itself with stable snake_case fields.
    case json
    /// One self-contained printable page with inline SVG charts.
    case html

    /// The file name extension.
    public var fileExtension: String { self == .table ? "txt" : rawValue }
}

/// The state of one batch for coordinators: its records by identification status, its
/// confirmed links, and what was received against what is listed and identified.
///
/// Built by ``Homeward/batchReport(_:code:format:language:toFile:)``. It holds no contact
/// detail of any family and no staff member's name; JSON field names are snake_case and stable.
public struct BatchReport: Sendable, Codable, Equatable {
    public struct StatusCount: Sendable, Codable, Equatable {
        public var status: IdentificationStatus
        public var count: Int
    }

    /// A record someone is confirmed as, and where its identification stands.
    public struct ConfirmedLink: Sendable, Codable, Equatable {
        /// CODE/TAG.
        public var record: String
        /// The inquiry the person was linked through.
        public var reference: String
        public var person: String
        public var status: IdentificationStatus
        /// The day the link was confirmed.
        public var confirmedOn: String
    }

    /// One live record, for the CSV.
    public struct Record: Sendable, Codable, Equatable {
        public var tag: String
        public var kind: RecordKind
        public var status: IdentificationStatus
        public var sex: String
        public var ageMin: Int?
        public var ageMax: Int?
        public var recoveryRegion: String?
        public var recoveryDate: String?
        /// The inquiry of its confirmed link, if any.
        public var reference: String?

        enum CodingKeys: String, CodingKey { case tag, kind, status, sex, ageMin, ageMax, recoveryRegion, recoveryDate, reference }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(tag, forKey: .tag)
            try container.encode(kind, forKey: .kind)
            try container.encode(status, forKey: .status)
            try container.encode(sex, forKey: .sex)
            try container.encode(ageMin, forKey: .ageMin)
            try container.encode(ageMax, forKey: .ageMax)
            try container.encode(recoveryRegion, forKey: .recoveryRegion)
            try container.encode(recoveryDate, forKey: .recoveryDate)
            try container.encode(reference, forKey: .reference)
        }
    }

    public var code: String
    public var kind: String
    public var date: String
    public var batchStatus: String
    public var regions: [String]
    public var receivedCount: Int?
    public var handedOverCount: Int?
    /// Live records on the manifest (voided ones not counted).
    public var recordsListed: Int
    public var recordsVoided: Int
    /// Records whose identification is in effect (identified, notified, released, identity verified).
    public var recordsIdentified: Int
    /// Identifications proposed and still waiting for their second person.
    public var awaitingConfirmation: Int
    public var candidateLinks: Int
    /// Days from the transfer to the day the report was prepared; nil before the transfer.
    public var daysSinceTransfer: Int?
    public var preparedOn: String
    public var byStatus: [StatusCount]
    public var confirmedLinks: [ConfirmedLink]
    public var records: [Record]
    /// Received records not (yet) on the manifest; nil when the count received is unknown.
    public var recordsNotListed: Int?

    enum CodingKeys: String, CodingKey {
        case code, kind, date, batchStatus, regions, receivedCount, handedOverCount, recordsListed, recordsVoided
        case recordsIdentified, awaitingConfirmation, candidateLinks, daysSinceTransfer, preparedOn, byStatus
        case confirmedLinks, records, recordsNotListed
    }

    // Every field is written, `null` when unknown (README, Output: JSON); the synthesized
    // encoder would leave nil fields out, and the keys would depend on the data.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(code, forKey: .code)
        try container.encode(kind, forKey: .kind)
        try container.encode(date, forKey: .date)
        try container.encode(batchStatus, forKey: .batchStatus)
        try container.encode(regions, forKey: .regions)
        try container.encode(receivedCount, forKey: .receivedCount)
        try container.encode(handedOverCount, forKey: .handedOverCount)
        try container.encode(recordsListed, forKey: .recordsListed)
        try container.encode(recordsVoided, forKey: .recordsVoided)
        try container.encode(recordsIdentified, forKey: .recordsIdentified)
        try container.encode(awaitingConfirmation, forKey: .awaitingConfirmation)
        try container.encode(candidateLinks, forKey: .candidateLinks)
        try container.encode(daysSinceTransfer, forKey: .daysSinceTransfer)
        try container.encode(preparedOn, forKey: .preparedOn)
        try container.encode(byStatus, forKey: .byStatus)
        try container.encode(confirmedLinks, forKey: .confirmedLinks)
        try container.encode(records, forKey: .records)
        try container.encode(recordsNotListed, forKey: .recordsNotListed)
    }
}

/// The whole centre at a glance: inquiries by region and status, identifications per month,
/// open cases by age, batches by kind. Counts only; no personal data at all.
public struct StatsReport: Sendable, Codable, Equatable {
    public struct RegionRow: Sendable, Codable, Equatable {
        public var region: String
        public var regionName: String
        public var open: Int
        public var linked: Int
        public var resolved: Int
        public var withdrawn: Int
        public var merged: Int
        public var total: Int
    }

    public struct MonthCount: Sendable, Codable, Equatable {
        /// YYYY-MM.
        public var month: String
        public var count: Int
    }

    /// Open (or linked) cases received between `fromMonths` and `toMonths` months ago
    /// (`toMonths` nil: or longer).
    public struct AgeBand: Sendable, Codable, Equatable {
        public var fromMonths: Int
        public var toMonths: Int?
        public var count: Int

        enum CodingKeys: String, CodingKey { case fromMonths, toMonths, count }

        /// `to_months` is `null` for the last band, not left out.
        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(fromMonths, forKey: .fromMonths)
            try container.encode(toMonths, forKey: .toMonths)
            try container.encode(count, forKey: .count)
        }
    }

    public struct KindRow: Sendable, Codable, Equatable {
        public var kind: String
        public var batches: Int
        public var postponed: Int
        public var received: Int
        public var handedOver: Int
        public var recordsListed: Int
        public var recordsIdentified: Int
    }

    public var preparedOn: String
    public var inquiries: Int
    public var openInquiries: Int
    public var recordsIdentified: Int
    public var inquiriesByRegion: [RegionRow]
    public var identificationsByMonth: [MonthCount]
    public var openCasesByAge: [AgeBand]
    public var batchesByKind: [KindRow]
}

/// What `--format json` writes: which report, the format's version, and the report under
/// its name. Keys are the Swift names in snake_case (`recordsListed` → `records_listed`).
struct CoordinatorReportDocument<Report: Encodable>: Encodable {
    let report: String
    let formatVersion = 1
    let content: Report

    enum CodingKeys: String, CodingKey { case report, formatVersion, batch, stats }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(report, forKey: .report)
        try container.encode(formatVersion, forKey: .formatVersion)
        try container.encode(content, forKey: report == "batch" ? .batch : .stats)
    }
}
