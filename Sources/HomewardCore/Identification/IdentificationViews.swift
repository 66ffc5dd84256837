import Foundation

/// One row of a record's identification history, as `ident history` shows it.
public struct IdentificationEventView: Sendable, Codable, Equatable {
    public var id: Int64
    /// `CODE/TAG` of the record.
    public var record: String
    public var at: String
    /// The user name of who wrote the row.
    public var by: String
    /// `change`, `proposal` or `confirmation`.
    public var kind: String
    public var status: String
    public var method: String?
    public var evidence: String?
    public var note: String?
    /// How the family was told (`family_notified` only).
    public var via: String?
    /// The proposal a confirmation confirms, or that a change put into effect.
    public var proposalID: Int64?
    /// The confirmed link the row rests on.
    public var linkID: Int64?

    enum CodingKeys: String, CodingKey {
        case id, record, at, by, kind, status, method, evidence, note, via
        case proposalID = "proposal_id", linkID = "link_id"
    }
}

/// An identification waiting for its confirmations.
public struct PendingProposalView: Sendable, Codable, Equatable {
    public var id: Int64
    public var status: String
    public var method: String
    public var evidence: String?
    public var proposedBy: String
    public var proposedAt: String
    public var linkID: Int64?
    /// Who has confirmed so far, oldest first.
    public var confirmedBy: [String]
    public var confirmations: Int
    public var needed: Int

    enum CodingKeys: String, CodingKey {
        case id, status, method, evidence, confirmations, needed
        case proposedBy = "proposed_by", proposedAt = "proposed_at", linkID = "link_id", confirmedBy = "confirmed_by"
    }
}

/// A record's identification at a glance: current status, what may follow, the pending proposal.
public struct IdentificationSummary: Sendable, Codable, Equatable {
    public var record: String
    public var status: String
    public var next: [String]
    public var pendingProposal: PendingProposalView?

    enum CodingKeys: String, CodingKey {
        case record, status, next
        case pendingProposal = "pending_proposal"
    }
}

/// What `ident set` did.
public struct IdentificationChanged: Sendable, Codable, Equatable {
    public var record: String
    /// `change`, or `proposal` for an identification that waits for confirmation.
    public var kind: String
    public var from: String
    /// The status asked for (`revoked` for a revocation).
    public var requested: String
    /// The record's status now (unchanged by a proposal; `examination` after a revocation).
    public var status: String
    /// The proposal's id and the confirmations it needs, for a proposal.
    public var proposalID: Int64?
    public var needed: Int?
    /// The pending proposal this one replaced, if any.
    public var replacedProposal: Int64?
    /// The linked inquiry and its status, when this change moved it.
    public var inquiry: String?
    public var inquiryStatus: String?

    enum CodingKeys: String, CodingKey {
        case record, kind, from, requested, status, needed, inquiry
        case proposalID = "proposal_id", replacedProposal = "replaced_proposal", inquiryStatus = "inquiry_status"
    }
}

/// What `ident confirm` did.
public struct IdentificationConfirmed: Sendable, Codable, Equatable {
    public var record: String
    public var proposalID: Int64
    public var confirmations: Int
    public var needed: Int
    /// True when this confirmation put the identification into effect.
    public var inEffect: Bool
    public var status: String
    public var inquiry: String?
    public var inquiryStatus: String?

    enum CodingKeys: String, CodingKey {
        case record, confirmations, needed, status, inquiry
        case proposalID = "proposal_id", inEffect = "in_effect", inquiryStatus = "inquiry_status"
    }
}

/// What a status change asks for besides the status.
public struct IdentificationStep: Sendable, Equatable {
    public var method: IdentificationMethod?
    public var evidence: String?
    public var note: String?
    public var via: NotificationChannel?
    /// The status the caller saw; a different current status is "changed meanwhile".
    public var expect: IdentificationStatus?

    public init(method: IdentificationMethod? = nil, evidence: String? = nil, note: String? = nil,
                via: NotificationChannel? = nil, expect: IdentificationStatus? = nil) {
        self.method = method
        self.evidence = evidence
        self.note = note
        self.via = via
        self.expect = expect
    }
}
