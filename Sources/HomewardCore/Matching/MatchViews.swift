import Foundation

/// One candidate person for one returned record, as `match --batch` shows it.
public struct RecordMatchView: Sendable, Codable, Equatable {
    /// `CODE/TAG` of the returned record.
    public var record: String
    /// The record's name as written, if any.
    public var recordName: String?
    /// The inquiry reference the person was matched through.
    public var reference: String
    /// The person's name as recorded, family name first.
    public var name: String
    /// 1 for the best candidate of the record.
    public var rank: Int
    /// log10 of the combined likelihood ratio (3 means the evidence is 1,000 times likelier
    /// if the record is this person than if it is someone else).
    public var score: Double
    /// 10^score.
    public var likelihoodRatio: Double
    /// One line per factor with its contribution.
    public var reasons: [String]
    /// The stored link for the pair, if matching was saved before: its id and state.
    public var link: Int64?
    public var linkState: String?

    enum CodingKeys: String, CodingKey {
        case record, reference, name, rank, score, reasons, link
        case recordName = "record_name", likelihoodRatio = "likelihood_ratio", linkState = "link_state"
    }
}

/// One candidate batch for an inquiry's person, as `match --inquiry` shows it.
public struct BatchMatchView: Sendable, Codable, Equatable {
    /// The batch code.
    public var batch: String
    public var kind: String
    public var date: String
    public var status: String
    /// Recovery regions of the batch.
    public var regions: [String]
    /// Live returned records listed for the batch.
    public var records: Int
    public var rank: Int
    /// log10 of the combined likelihood ratio.
    public var score: Double
    public var likelihoodRatio: Double
    public var reasons: [String]
    /// The record that resembles the person most, when the batch has a manifest.
    public var bestRecord: String?
    public var link: Int64?
    public var linkState: String?

    enum CodingKeys: String, CodingKey {
        case batch, kind, date, status, regions, records, rank, score, reasons, link
        case likelihoodRatio = "likelihood_ratio", bestRecord = "best_record", linkState = "link_state"
    }
}

/// What `match --save` did.
public struct MatchSaved: Sendable, Codable, Equatable {
    /// New candidate links.
    public var added: Int = 0
    /// Candidate links whose score or reasons changed.
    public var updated: Int = 0
    /// Candidate links already stored as they are.
    public var unchanged: Int = 0
    /// Pairs already decided by a person (confirmed or rejected): left as they are.
    public var decided: Int = 0
    /// Candidates listed but not saved: scored below `--min-score`, or below 0 without it.
    public var weak: Int = 0

    public init(added: Int = 0, updated: Int = 0, unchanged: Int = 0, decided: Int = 0, weak: Int = 0) {
        self.added = added
        self.updated = updated
        self.unchanged = unchanged
        self.decided = decided
        self.weak = weak
    }

    enum CodingKeys: String, CodingKey {
        case added, updated, unchanged, decided
        case weak = "not_saved"
    }
}

/// The result of matching one batch.
public struct BatchMatches: Sendable, Codable, Equatable {
    public var batch: String
    /// Live records in the batch.
    public var records: Int
    /// Of those, records with a confirmed link: settled, so not matched.
    public var settled: Int
    /// Persons that entered matching (open or linked inquiries with tracing consent).
    public var persons: Int
    /// Best first per record, records in manifest order.
    public var candidates: [RecordMatchView]
    public var saved: MatchSaved?

    enum CodingKeys: String, CodingKey {
        case batch, records, settled, persons, candidates, saved
    }
}

/// The result of matching one inquiry against every batch.
public struct InquiryMatches: Sendable, Codable, Equatable {
    public var reference: String
    public var batches: Int
    public var candidates: [BatchMatchView]
    public var saved: MatchSaved?
}

/// A stored link between a person and a batch or one of its records.
public struct LinkView: Sendable, Codable, Equatable {
    public var id: Int64
    /// `CODE/TAG`, or nil for a link to a whole batch.
    public var record: String?
    public var batch: String
    public var reference: String
    /// The person's name as recorded.
    public var name: String
    public var state: String
    /// log10 of the likelihood ratio when it was last scored.
    public var score: Double
    public var reasons: [String]
    public var createdAt: String
    public var scoredAt: String
    public var decidedAt: String?
    public var decidedBy: String?
    public var decisionReason: String?

    enum CodingKeys: String, CodingKey {
        case id, record, batch, reference, name, state, score, reasons
        case createdAt = "created_at", scoredAt = "scored_at", decidedAt = "decided_at", decidedBy = "decided_by"
        case decisionReason = "decision_reason"
    }
}

/// What a link decision changed.
public struct LinkDecided: Sendable, Codable, Equatable {
    public var id: Int64
    public var state: String
    public var reference: String
    /// The inquiry's status after the decision.
    public var inquiryStatus: String

    enum CodingKeys: String, CodingKey {
        case id, state, reference
        case inquiryStatus = "inquiry_status"
    }
}

/// Saved links of an inquiry by kind and state, for `inquiry show`.
public struct LinkCounts: Sendable, Codable, Equatable {
    public var candidateBatches: Int
    public var candidateRecords: Int
    public var confirmed: Int
    public var rejected: Int

    enum CodingKeys: String, CodingKey {
        case candidateBatches = "candidate_batches", candidateRecords = "candidate_records", confirmed, rejected
    }
}
