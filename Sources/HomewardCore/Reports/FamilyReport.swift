/// What a family is told about its inquiry: only what is recorded about the person as the
/// family gave it, and only what has been confirmed about the search.
///
/// Built by ``Homeward/familyReport(_:reference:format:language:)``. It has no field that
/// could hold a candidate or unconfirmed match, a score, an internal note, a staff member's
/// name, another family's data or a laboratory detail: what is not in this type cannot
/// reach a family, whatever a template does. JSON field names are snake_case and stable.
public struct FamilyReport: Sendable, Codable, Equatable {
    /// The status as a family reads it.
    public enum Status: String, Sendable, Codable, CaseIterable {
        case searchOngoing = "search_ongoing"
        /// Open, but without consent to tracing: not matched until the family gives it.
        case awaitingConsent = "awaiting_consent"
        case returnedAlive = "returned_alive"
        case identified
        case withdrawn
        case closed
    }

    /// What is known of a reference DNA sample from the family, and no more.
    public enum DNAReference: String, Sendable, Codable {
        case none, requested, taken
    }

    public struct Person: Sendable, Codable, Equatable {
        public var familyName: String
        public var givenName: String
        public var patronymic: String?
        public var latinName: String
        public var sex: String
        public var dateOfBirth: String?
        public var serviceNumber: String?
        public var unit: String?
        public var rank: String?
        public var lastKnownRegion: String
        public var lastKnownRegionName: String
        public var lastKnownPlace: String?
        public var lastSeenFrom: String
        public var lastSeenTo: String
        public var circumstances: String?
        public var distinguishingFeatures: String?

        enum CodingKeys: String, CodingKey {
            case sex, unit, rank, circumstances, patronymic
            case familyName = "family_name", givenName = "given_name", latinName = "latin_name"
            case dateOfBirth = "date_of_birth", serviceNumber = "service_number"
            case lastKnownRegion = "last_known_region", lastKnownRegionName = "last_known_region_name"
            case lastKnownPlace = "last_known_place", lastSeenFrom = "last_seen_from", lastSeenTo = "last_seen_to"
            case distinguishingFeatures = "distinguishing_features"
        }
    }

    /// Whom to contact: the centre, or the authority a family turns to after an identification.
    public struct Contact: Sendable, Codable, Equatable {
        public var name: String
        public var phone: String?
        public var email: String?
        public var address: String?
        public var hours: String?

        enum CodingKeys: String, CodingKey { case name, phone, email, address, hours }
    }

    public var language: ReportLanguage
    public var reference: String
    public var receivedOn: String
    public var preparedOn: String
    public var status: Status
    /// The day the status took effect, for `identified` and `returned_alive`.
    public var statusDate: String?
    public var statusTitle: String
    public var statusText: String
    /// True when the inquiry was joined with another about the same person.
    public var merged: Bool
    /// The reference of the inquiry it was joined with, for a merged inquiry.
    public var mergedInto: String?
    public var person: Person
    public var inquirerName: String
    public var relationship: String
    public var dnaReference: DNAReference
    public var nextSteps: [String]
    public var centre: Contact
    /// Only for an identification.
    public var authority: Contact?

    enum CodingKeys: String, CodingKey {
        case language, reference, status, merged, person, relationship, centre, authority
        case receivedOn = "received_on", preparedOn = "prepared_on", statusDate = "status_date", mergedInto = "merged_into"
        case statusTitle = "status_title", statusText = "status_text", inquirerName = "inquirer_name"
        case dnaReference = "dna_reference", nextSteps = "next_steps"
    }

    /// The report's JSON document: `{"report": "family", "format_version": 1, …}`.
    struct Document: Encodable {
        let report = "family"
        let formatVersion = 1
        let family: FamilyReport

        enum CodingKeys: String, CodingKey {
            case report
            case formatVersion = "format_version"
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(report, forKey: .report)
            try container.encode(formatVersion, forKey: .formatVersion)
            try family.encode(to: encoder)
        }
    }
}

// Every field is written, `null` when unknown (README, Output: JSON), so the keys of a report
// never depend on its data; the synthesized encoder would leave nil fields out.

extension FamilyReport {
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(language, forKey: .language)
        try container.encode(reference, forKey: .reference)
        try container.encode(receivedOn, forKey: .receivedOn)
        try container.encode(preparedOn, forKey: .preparedOn)
        try container.encode(status, forKey: .status)
        try container.encode(statusDate, forKey: .statusDate)
        try container.encode(statusTitle, forKey: .statusTitle)
        try container.encode(statusText, forKey: .statusText)
        try container.encode(merged, forKey: .merged)
        try container.encode(mergedInto, forKey: .mergedInto)
        try container.encode(person, forKey: .person)
        try container.encode(inquirerName, forKey: .inquirerName)
        try container.encode(relationship, forKey: .relationship)
        try container.encode(dnaReference, forKey: .dnaReference)
        try container.encode(nextSteps, forKey: .nextSteps)
        try container.encode(centre, forKey: .centre)
        try container.encode(authority, forKey: .authority)
    }
}

extension FamilyReport.Person {
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(familyName, forKey: .familyName)
        try container.encode(givenName, forKey: .givenName)
        try container.encode(patronymic, forKey: .patronymic)
        try container.encode(latinName, forKey: .latinName)
        try container.encode(sex, forKey: .sex)
        try container.encode(dateOfBirth, forKey: .dateOfBirth)
        try container.encode(serviceNumber, forKey: .serviceNumber)
        try container.encode(unit, forKey: .unit)
        try container.encode(rank, forKey: .rank)
        try container.encode(lastKnownRegion, forKey: .lastKnownRegion)
        try container.encode(lastKnownRegionName, forKey: .lastKnownRegionName)
        try container.encode(lastKnownPlace, forKey: .lastKnownPlace)
        try container.encode(lastSeenFrom, forKey: .lastSeenFrom)
        try container.encode(lastSeenTo, forKey: .lastSeenTo)
        try container.encode(circumstances, forKey: .circumstances)
        try container.encode(distinguishingFeatures, forKey: .distinguishingFeatures)
    }
}

extension FamilyReport.Contact {
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(name, forKey: .name)
        try container.encode(phone, forKey: .phone)
        try container.encode(email, forKey: .email)
        try container.encode(address, forKey: .address)
        try container.encode(hours, forKey: .hours)
    }
}
