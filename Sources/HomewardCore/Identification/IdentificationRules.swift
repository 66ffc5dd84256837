import Foundation

/// The identification state machine (issue 8, DESIGN §4) as data: every rule about which
/// status may follow which, who may set it and what it needs lives in this one table.
public enum IdentificationRules {
    /// The allowed next statuses, by record kind and current status. A status missing from a
    /// kind's table is not one that kind of record can be in.
    public static let transitions: [RecordKind: [IdentificationStatus: [IdentificationStatus]]] = [
        .remains: [
            .received: [.examination, .onHold, .unidentifiable],
            .examination: [.dnaSampled, .matchCandidate, .identified, .onHold, .unidentifiable],
            .dnaSampled: [.matchCandidate, .examination, .onHold, .unidentifiable],
            .matchCandidate: [.identified, .dnaSampled, .examination, .onHold, .unidentifiable],
            .identified: [.familyNotified, .revoked],
            .familyNotified: [.releasedToFamily, .revoked],
            .releasedToFamily: [],
            .onHold: [.received, .examination, .dnaSampled, .matchCandidate, .unidentifiable],
            .unidentifiable: [.examination, .onHold],
        ],
        .returnee: [
            .arrived: [.identityVerified, .onHold],
            .onHold: [.arrived, .identityVerified],
            .identityVerified: [.familyNotified],
            .familyNotified: [],
        ],
    ]

    /// The status of a record with no history yet.
    public static func initial(_ kind: RecordKind) -> IdentificationStatus {
        kind == .remains ? .received : .arrived
    }

    /// The statuses that may follow `status` for a record of `kind`, in the table's order.
    public static func next(_ kind: RecordKind, from status: IdentificationStatus) -> [IdentificationStatus] {
        transitions[kind]?[status] ?? []
    }

    public static func allows(_ kind: RecordKind, from status: IdentificationStatus, to target: IdentificationStatus) -> Bool {
        next(kind, from: status).contains(target)
    }

    /// The status a record is in after a `change` to `status`: a revocation returns it to examination.
    public static func resulting(_ status: IdentificationStatus) -> IdentificationStatus {
        status == .revoked ? .examination : status
    }

    /// Statuses a volunteer may set (on records of batches assigned to them): the work up to
    /// `match_candidate`. Everything else is a coordinator's decision.
    public static let volunteerStatuses: Set<IdentificationStatus> = [
        .received, .examination, .dnaSampled, .matchCandidate, .onHold, .unidentifiable, .arrived,
    ]

    /// Statuses that say who the record is: they need a confirmed link and a method, and
    /// resolve the linked inquiry when they take effect.
    public static let identifying: Set<IdentificationStatus> = [.identified, .identityVerified]

    /// Statuses only proposed when set, in effect once confirmed by other coordinators.
    public static let needsConfirmation: Set<IdentificationStatus> = [.identified]

    /// Statuses in which the record is identified through its confirmed link, which therefore
    /// cannot be rejected.
    public static let identifiedStatuses: Set<IdentificationStatus> = [
        .identified, .familyNotified, .releasedToFamily, .identityVerified,
    ]

    /// Methods an identification may rest on; `other` is no basis for naming someone.
    public static let identifyingMethods: [IdentificationMethod] = [.dna, .fingerprints, .dental, .documents, .visual]

    /// Confirmations by distinct coordinators, none of them the proposer, before an
    /// identification takes effect: one for a primary method, two for documents or a visual
    /// recognition.
    public static func confirmationsNeeded(_ method: IdentificationMethod) -> Int {
        switch method {
        case .dna, .fingerprints, .dental: 1
        case .documents, .visual, .other: 2
        }
    }
}
