import Foundation
import GRDB

/// What `inquiry add --dry-run` reports: the inquiry as it would be stored, and nothing stored.
public struct InquiryPreview: Sendable, Codable, Equatable {
    public var dryRun: Bool
    public var status: String
    public var receivedOn: String
    public var channel: String
    public var language: String
    public var consentTracing: Bool
    public var consentDNA: Bool
    public var consentSharing: String?
    public var coordinator: String
    public var notes: String?
    public var person: PersonView
    public var contact: ContactView
    public var possibleDuplicates: [DuplicateHint]
    /// Values accepted but unlikely, by field, as ``InquiryAdded/warnings``.
    public var warnings: [FieldProblem]

    enum CodingKeys: String, CodingKey {
        case status, channel, language, coordinator, notes, person, contact, warnings
        case dryRun = "dry_run", receivedOn = "received_on"
        case consentTracing = "consent_tracing", consentDNA = "consent_dna", consentSharing = "consent_sharing"
        case possibleDuplicates = "possible_duplicates"
    }
}

extension Homeward {
    /// Validates an inquiry as ``addInquiry(_:_:coordinator:)`` would and returns what it would
    /// store, writing nothing.
    ///
    /// A dry run is not a change, so it leaves no audit event (as import dry runs do); a refused
    /// role is still audited as denied, like every refusal.
    public func previewInquiry(_ actor: Actor, _ form: InquiryForm, coordinator: String? = nil) throws -> InquiryPreview {
        try authorize(actor, .editCases, action: "inquiry.add", entityType: "inquiry")
        let valid = try validated(form)
        return try read { db in
            let coordinatorID = try coordinatorID(named: coordinator, default: actor, in: db)
            let coordinatorName = try String.fetchOne(db, sql: "SELECT name FROM app_user WHERE id = ?", arguments: [coordinatorID])
            let person = valid.person
            let latin = [person.latin.family, person.latin.given, person.latin.patronymic].compactMap { $0 }.joined(separator: " ")
            return InquiryPreview(
                dryRun: true, status: "open", receivedOn: valid.receivedOn.description, channel: valid.channel,
                language: valid.language, consentTracing: valid.consentTracing, consentDNA: valid.consentDNA,
                consentSharing: valid.consentSharing, coordinator: coordinatorName ?? actor.name, notes: valid.notes,
                person: PersonView(
                    familyName: person.familyName, givenName: person.givenName, patronymic: person.patronymic,
                    latinName: latin, sex: person.sex.rawValue, dateOfBirth: person.dateOfBirth?.description,
                    serviceNumber: person.serviceNumber, unit: person.unit, rank: person.rank,
                    lastKnownRegion: person.region,
                    lastKnownRegionName: RegionDirectory.standard.region(code: person.region)?.nameEN ?? person.region,
                    lastKnownPlace: person.place, lastSeen: person.lastSeen.description,
                    circumstances: person.circumstances, distinguishingFeatures: person.features, dnaReferenceStatus: "none"),
                contact: ContactView(inquirerName: valid.inquirerName, relationship: valid.relationship,
                                     phone: valid.phone, email: valid.email),
                possibleDuplicates: try possibleDuplicates(of: person, in: db), warnings: valid.warnings)
        }
    }
}
