import Foundation

/// Where a returned record stands in its identification (DESIGN §4). The current status is
/// derived from the record's append-only history, never stored in place.
public enum IdentificationStatus: String, Sendable, Codable, CaseIterable {
    // Remains.
    case received
    case examination
    case dnaSampled = "dna_sampled"
    case matchCandidate = "match_candidate"
    case identified
    case familyNotified = "family_notified"
    case releasedToFamily = "released_to_family"
    case unidentifiable
    case onHold = "on_hold"
    /// A correction, not a place to stay: the record returns to `examination`.
    case revoked
    // Returned living prisoners.
    case arrived
    case identityVerified = "identity_verified"
}

/// How an identification (or another step) was established.
public enum IdentificationMethod: String, Sendable, Codable, CaseIterable {
    case dna, fingerprints, dental, documents, visual, other
}

/// How the family was told of an identification.
public enum NotificationChannel: String, Sendable, Codable, CaseIterable {
    case inPerson = "in_person"
    case phone, video, letter, email
}

/// What one row of the identification history is.
public enum IdentificationEventKind: String, Sendable, Codable, CaseIterable {
    /// A status in effect from this row on.
    case change
    /// An identification waiting for its confirmations (four-eyes); changes nothing yet.
    case proposal
    /// One coordinator's confirmation of a proposal.
    case confirmation
}
