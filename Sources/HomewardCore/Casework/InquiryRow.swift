import Foundation
import GRDB

/// An inquiry joined with its person, as stored.
struct InquiryRow {
    let row: Row

    static func fetch(_ reference: InquiryReference, in db: Database) throws -> InquiryRow? {
        try Row.fetchOne(db, sql: """
            SELECT i.*, i.id AS inquiry_id, p.*, p.id AS person_id, u.name AS coordinator_name,
                   m.reference AS merged_into_reference
            FROM inquiry i JOIN person p ON p.id = i.person_id
            LEFT JOIN app_user u ON u.id = i.coordinator_id
            LEFT JOIN inquiry m ON m.id = i.merged_into_id
            WHERE i.reference = ?
            """, arguments: [reference.description]).map(InquiryRow.init)
    }

    var inquiryID: Int64 { row["inquiry_id"] }
    var personID: Int64 { row["person_id"] }
    var reference: String { row["reference"] }
    var status: String { row["status"] }

    /// The stored values as a form, so an update can overlay changes and validate the whole.
    var form: InquiryForm {
        var form = InquiryForm()
        form.familyName = row["family_name"]
        form.givenName = row["given_name"]
        form.patronymic = row["patronymic"]
        form.dateOfBirth = row["date_of_birth"]
        form.sex = row["sex"]
        form.serviceNumber = row["service_number"]
        form.unit = row["unit"]
        form.rank = row["rank"]
        form.lastKnownRegion = row["last_known_region"]
        form.lastKnownPlace = row["last_known_place"]
        form.dateLastSeen = Self.lastSeenText(row["last_seen_from"], row["last_seen_to"])
        form.circumstances = row["circumstances"]
        form.distinguishingFeatures = row["distinguishing_features"]
        form.inquirerName = row["inquirer_name"]
        form.relationship = row["relationship"]
        form.phone = row["phone"]
        form.email = row["email"]
        form.language = row["language"]
        form.consentTracing = (row["consent_tracing"] as Bool) ? "yes" : "no"
        form.consentDNA = (row["consent_dna"] as Bool) ? "yes" : "no"
        form.consentSharing = row["consent_sharing"]
        form.channel = row["channel"]
        form.receivedOn = row["received_on"]
        form.notes = row["notes"]
        return form
    }

    func view(withContact: Bool, regions: RegionDirectory, in db: Database) throws -> InquiryView {
        let region: String = row["last_known_region"]
        let related = try String.fetchAll(db, sql: """
            SELECT reference FROM inquiry WHERE person_id = ? AND id <> ? ORDER BY id
            """, arguments: [personID, inquiryID])
        let patronymicLatin: String? = row["patronymic_latin"]
        let latin = [row["family_name_latin"], row["given_name_latin"], patronymicLatin].compactMap { $0 }.joined(separator: " ")
        let person = PersonView(
            familyName: row["family_name"], givenName: row["given_name"], patronymic: row["patronymic"],
            latinName: latin, sex: row["sex"], dateOfBirth: row["date_of_birth"], serviceNumber: row["service_number"],
            unit: row["unit"], rank: row["rank"], lastKnownRegion: region,
            lastKnownRegionName: regions.region(code: region)?.nameEN ?? region,
            lastKnownPlace: row["last_known_place"],
            lastSeen: Self.lastSeenText(row["last_seen_from"], row["last_seen_to"]),
            circumstances: row["circumstances"], distinguishingFeatures: row["distinguishing_features"],
            dnaReferenceStatus: row["dna_reference_status"])
        let contact = withContact
            ? ContactView(inquirerName: row["inquirer_name"], relationship: row["relationship"], phone: row["phone"], email: row["email"])
            : nil
        return InquiryView(
            reference: reference, status: status, statusReason: row["status_reason"],
            mergedInto: row["merged_into_reference"], receivedOn: row["received_on"], channel: row["channel"],
            language: row["language"], consentTracing: row["consent_tracing"], consentDNA: row["consent_dna"],
            consentSharing: row["consent_sharing"], coordinator: row["coordinator_name"],
            notes: withContact ? row["notes"] : nil, person: person, contact: contact, relatedInquiries: related)
    }

    static func lastSeenText(_ from: String, _ to: String) -> String {
        from == to ? from : "\(from)..\(to)"
    }
}
