import Foundation

/// One returned record with every stored field, its corrections and, if voided, why.
public struct ReturnedRecordView: Sendable, Codable, Equatable {
    /// `CODE/TAG`.
    public var record: String
    public var batch: String
    public var tag: String
    public var kind: String
    public var name: String?
    public var nameLatin: String?
    public var serviceNumber: String?
    public var sex: String
    public var ageMin: Int?
    public var ageMax: Int?
    public var recoveryRegion: String?
    public var recoveryRegionName: String?
    public var recoveryPlace: String?
    public var recoveryDate: String?
    public var effects: String?
    public var notes: String?
    public var createdAt: String
    public var updatedAt: String?
    public var voided: Bool
    public var voidedAt: String?
    public var voidedBy: String?
    public var voidReason: String?
    /// Corrections, oldest first.
    public var changes: [FieldChange]
    /// The identification status derived from the history, and the statuses that may follow.
    public var status: String
    public var nextStatuses: [String]
    /// The identification waiting for confirmations, if any.
    public var pendingProposal: PendingProposalView?
    /// Every change, proposal and confirmation, oldest first.
    public var identificationHistory: [IdentificationEventView]
    /// Links to persons, the confirmed one first, then by score.
    public var links: [LinkView]

    enum CodingKeys: String, CodingKey {
        case record, batch, tag, kind, name, sex, effects, notes, voided, changes, status, links
        case nextStatuses = "next_statuses", pendingProposal = "pending_proposal", identificationHistory = "identification_history"
        case nameLatin = "name_latin", serviceNumber = "service_number", ageMin = "age_min", ageMax = "age_max"
        case recoveryRegion = "recovery_region", recoveryRegionName = "recovery_region_name"
        case recoveryPlace = "recovery_place", recoveryDate = "recovery_date"
        case createdAt = "created_at", updatedAt = "updated_at"
        case voidedAt = "voided_at", voidedBy = "voided_by", voidReason = "void_reason"
    }
}

/// What `batch record update` reports.
public struct RecordUpdated: Sendable, Codable, Equatable {
    /// `CODE/TAG` after the change (the tag itself may have been corrected).
    public var record: String
    public var changed: [String]
}

/// A returned record's address as typed: `CODE/TAG`.
public struct RecordAddress: Sendable, Equatable, CustomStringConvertible {
    public var code: String
    public var tag: String

    public var description: String { "\(code)/\(tag)" }

    public static func parse(_ text: String) throws(CaseworkError) -> RecordAddress {
        let trimmed = String(Cell.trimmed(text))
        guard let slash = trimmed.firstIndex(of: "/") else {
            throw .invalid([FieldProblem(field: "record", message: "not a record address; use CODE/TAG, e.g. B-2025-014/R-1")])
        }
        let code = try BatchCode.parse(String(trimmed[..<slash]))
        let tag = String(Cell.trimmed(trimmed[trimmed.index(after: slash)...]))
        guard !tag.isEmpty, !tag.contains("/"), tag.count <= 64, Cell.problem(tag, multiline: false) == nil else {
            throw .invalid([FieldProblem(field: "record", message: "no valid tag after \(code)/; use CODE/TAG, e.g. \(code)/R-1")])
        }
        return RecordAddress(code: code, tag: tag)
    }
}
