import Foundation

/// A person's recorded details, as shown to anyone allowed to read cases.
public struct PersonView: Sendable, Codable, Equatable {
    public var familyName: String
    public var givenName: String
    public var patronymic: String?
    /// Official Latin spelling of the full name.
    public var latinName: String
    public var sex: String
    public var dateOfBirth: String?
    public var serviceNumber: String?
    public var unit: String?
    public var rank: String?
    public var lastKnownRegion: String
    public var lastKnownRegionName: String
    public var lastKnownPlace: String?
    public var lastSeen: String
    public var circumstances: String?
    public var distinguishingFeatures: String?
    public var dnaReferenceStatus: String

    enum CodingKeys: String, CodingKey {
        case sex, unit, rank, circumstances, patronymic
        case familyName = "family_name", givenName = "given_name", latinName = "latin_name"
        case dateOfBirth = "date_of_birth", serviceNumber = "service_number"
        case lastKnownRegion = "last_known_region", lastKnownRegionName = "last_known_region_name"
        case lastKnownPlace = "last_known_place", lastSeen = "last_seen"
        case distinguishingFeatures = "distinguishing_features", dnaReferenceStatus = "dna_reference_status"
    }
}

/// How to reach the family; shown only to roles that may see contact details, and audited.
public struct ContactView: Sendable, Codable, Equatable {
    public var inquirerName: String
    public var relationship: String
    public var phone: String?
    public var email: String?

    enum CodingKeys: String, CodingKey {
        case relationship, phone, email
        case inquirerName = "inquirer_name"
    }
}

/// One inquiry in full.
public struct InquiryView: Sendable, Codable, Equatable {
    public var reference: String
    public var status: String
    public var statusReason: String?
    public var mergedInto: String?
    public var receivedOn: String
    public var channel: String
    public var language: String
    public var consentTracing: Bool
    public var consentDNA: Bool
    public var consentSharing: String?
    public var coordinator: String?
    /// Internal notes: never in family reports; hidden from roles without contact access.
    public var notes: String?
    public var person: PersonView
    /// Nil when the reader may not see contact details.
    public var contact: ContactView?
    /// Other inquiries about the same person.
    public var relatedInquiries: [String]
    /// Every contact with the family, newest first; nil when the reader may not see contact details.
    public var contacts: [ContactEntry]? = nil
    /// Saved matching links of the inquiry's person, by kind and state.
    public var links: LinkCounts? = nil

    enum CodingKeys: String, CodingKey {
        case reference, status, channel, language, coordinator, notes, person, contact, contacts, links
        case statusReason = "status_reason", mergedInto = "merged_into", receivedOn = "received_on"
        case consentTracing = "consent_tracing", consentDNA = "consent_dna", consentSharing = "consent_sharing"
        case relatedInquiries = "related_inquiries"
    }
}

/// One line of `inquiry list`.
public struct InquirySummary: Sendable, Codable, Equatable {
    public var reference: String
    public var status: String
    public var familyName: String
    public var givenName: String
    public var latinName: String
    public var lastKnownRegion: String
    public var lastSeen: String
    public var receivedOn: String
    public var coordinator: String?

    enum CodingKeys: String, CodingKey {
        case reference, status, coordinator
        case familyName = "family_name", givenName = "given_name", latinName = "latin_name"
        case lastKnownRegion = "last_known_region", lastSeen = "last_seen", receivedOn = "received_on"
    }
}

/// What `inquiry add` reports: the new reference and persons it may duplicate.
public struct InquiryAdded: Sendable, Codable, Equatable {
    public var reference: String
    public var possibleDuplicates: [DuplicateHint]
    /// Values accepted but unlikely, by field (`date_of_birth`, `received_on`).
    public var warnings: [FieldProblem]

    enum CodingKeys: String, CodingKey {
        case reference, warnings
        case possibleDuplicates = "possible_duplicates"
    }
}

/// An existing inquiry whose person may be the same as a new one, and why.
public struct DuplicateHint: Sendable, Codable, Equatable {
    public var reference: String
    public var reason: String
}

/// Filters for `inquiry list`.
public struct InquiryFilter: Sendable {
    public var status: String?
    public var region: String?
    public var coordinator: String?
    public var receivedSince: String?
    public var limit: Int?

    public init(status: String? = nil, region: String? = nil, coordinator: String? = nil,
                receivedSince: String? = nil, limit: Int? = nil) {
        self.status = status
        self.region = region
        self.coordinator = coordinator
        self.receivedSince = receivedSince
        self.limit = limit
    }
}
