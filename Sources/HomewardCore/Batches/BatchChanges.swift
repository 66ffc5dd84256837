import Foundation

/// A count as reported: a number, or explicitly unknown.
public enum BatchCount: Sendable, Equatable {
    case unknown
    case count(Int)

    var value: Int? {
        switch self {
        case .unknown: nil
        case let .count(number): number
        }
    }
}

/// Corrections to a batch's recorded facts, as typed; nil leaves a field as it is.
public struct BatchChanges: Sendable {
    public var received: BatchCount?
    public var handedOver: BatchCount?
    /// Replaces the recovery regions (codes or names, comma-separated cells allowed).
    public var regions: [String]?
    /// "" clears the transfer point.
    public var transferPoint: String?
    /// "" clears the agreement reference.
    public var agreement: String?
    /// Replaces every source (`TEXT` or `WHO|YYYY-MM-DD|TEXT`); an empty list removes them all.
    public var sources: [String]?
    /// Sources added after the existing ones.
    public var addedSources: [String]
    /// Why the batch is corrected; kept with each changed field in the history.
    public var reason: String?

    public init(received: BatchCount? = nil, handedOver: BatchCount? = nil, regions: [String]? = nil,
                transferPoint: String? = nil, agreement: String? = nil, sources: [String]? = nil,
                addedSources: [String] = [], reason: String? = nil) {
        self.received = received
        self.handedOver = handedOver
        self.regions = regions
        self.transferPoint = transferPoint
        self.agreement = agreement
        self.sources = sources
        self.addedSources = addedSources
        self.reason = reason
    }
}

/// One corrected field of a batch or returned record: old and new value, who and when.
public struct FieldChange: Sendable, Codable, Equatable {
    public var field: String
    /// Nil for unknown or empty.
    public var oldValue: String?
    public var newValue: String?
    public var note: String?
    public var at: String
    public var by: String

    enum CodingKeys: String, CodingKey {
        case field, note, at, by
        case oldValue = "old_value", newValue = "new_value"
    }
}

/// What `batch update` reports.
public struct BatchUpdated: Sendable, Codable, Equatable {
    public var code: String
    /// The fields that changed (history field names); empty when every value was already so.
    public var changed: [String]
    public var warnings: [String]
}
