import Foundation
import GRDB

/// A report ready to hand over: its bytes and what they are.
public struct RenderedReport: Sendable {
    public let data: Data
    public let format: String
    public let language: ReportLanguage
    /// A file name for it, e.g. `HW-2025-000123-7-uk.html`.
    public let suggestedFileName: String

    public init(data: Data, format: String, language: ReportLanguage, suggestedFileName: String) {
        self.data = data
        self.format = format
        self.language = language
        self.suggestedFileName = suggestedFileName
    }
}

extension Homeward {
    /// The family report of one inquiry, rendered: what is recorded about the person (for the
    /// family to check), the confirmed status in plain words, what happens next and how to
    /// reach the centre. Coordinators only; every export is audited as `report.family` with
    /// the inquiry, format and language, never the content.
    ///
    /// - Parameters:
    ///   - language: nil for the inquiry's preferred language.
    ///   - sink: where the bytes go when there is no `path` (e.g. standard output); a write it
    ///     fails is audited as failed, like a failed file.
    /// - Throws: ``SettingsError/missing(_:)`` until an admin has set `centre.name` and
    ///   `centre.phone`; ``CaseworkError/noSuchInquiry(_:)``.
    public func familyReport(_ actor: Actor, reference text: String, format: FamilyReportFormat,
                             language: ReportLanguage? = nil, toFile path: String? = nil,
                             writing sink: ((Data) throws -> Void)? = nil) throws -> RenderedReport {
        let reference = try InquiryReference.parse(text)
        try authorize(actor, .exportFamilyReports, action: "report.family", entityType: "inquiry", entityID: reference.description)
        // The language asked for; nil (the inquiry's own) is only known once the inquiry is read.
        return try recordingFailure("report.family", by: actor, entityType: "inquiry", entityID: reference.description,
                                    details: ["format": format.rawValue, "lang": language?.rawValue ?? "preferred"]) {
            let report = try read { db in try Self.familyReport(reference, language: language, on: now, in: db) }
            let data = try FamilyReportRenderer.render(report, as: format)
            try deliverReport(data, toFile: path, writing: sink, by: actor, audit: AuditEntry(
                action: "report.family", entityType: "inquiry", entityID: reference.description,
                details: ["format": format.rawValue, "lang": report.language.rawValue]))
            return RenderedReport(data: data, format: format.rawValue, language: report.language,
                                  suggestedFileName: "\(reference.description)-\(report.language.rawValue).\(format.fileExtension)")
        }
    }

    /// Hands a rendered report over and audits it. With a path the bytes first go into a new
    /// file of mode 0600 (``PrivateFile/writeNew(at:_:)``), and the audit event is written
    /// before the file is complete, so a report on disk is always audited and a failed write
    /// is audited as failed (by the caller's `recordingFailure`), never as `ok`. A sink (standard
    /// output) gets the bytes before the event is written, as the full export's stream does:
    /// a write that fails there is audited as failed, never as `ok`.
    func deliverReport(_ data: Data, toFile path: String?, writing sink: ((Data) throws -> Void)? = nil,
                       by actor: Actor, audit entry: AuditEntry) throws {
        guard let path else {
            try sink?(data)
            return try write { db in try audit(entry, by: actor, in: db) }
        }
        try PrivateFile.writeNew(at: path) { sink in
            try sink(data)
            try write { db in try audit(entry, by: actor, in: db) }
        }
    }

    /// The report's content, read in one transaction.
    static func familyReport(_ reference: InquiryReference, language: ReportLanguage?, on date: Date,
                             in db: Database) throws -> FamilyReport {
        guard let inquiry = try InquiryRow.fetch(reference, in: db) else { throw CaseworkError.noSuchInquiry(reference.description) }
        let row = inquiry.row
        let language = language ?? ReportLanguage(rawValue: row["language"]) ?? .uk
        let words = ReportStrings[language]
        let settings = try CentreSettings.load(in: db)
        let missing = [SettingKey.Base.centreName, .centrePhone].filter { settings.value($0, language) == nil }.map(\.rawValue)
        guard missing.isEmpty else { throw SettingsError.missing(missing) }

        // A merged inquiry shows the details its own family gave, never those of the inquiry
        // it was joined with (another family's).
        let ownPerson: Row? = try (row["premerge_person_id"] as Int64?).flatMap {
            try Row.fetchOne(db, sql: "SELECT * FROM person WHERE id = ?", arguments: [$0])
        }
        let person = personDetails(inquiry.status == "merged" ? ownPerson ?? row : row, language: language)
        let found = try familyStatus(of: inquiry, in: db)
        let (status, statusDate) = (found.status, found.date)
        let name = displayName(person, language: language)
        let dna = dnaReference(row["dna_reference_status"])
        let centre = FamilyReport.Contact(
            name: settings.value(.centreName, language) ?? "", phone: settings.value(.centrePhone, language),
            email: settings.value(.centreEmail, language), address: settings.value(.centreAddress, language),
            hours: settings.value(.centreHours, language))
        var authority: FamilyReport.Contact?
        if status == .identified {
            // Only what is set for the authority: the centre's phone or address under another
            // body's name would send the family to the wrong place. No authority: the centre.
            authority = settings.value(.authorityName, language).map {
                FamilyReport.Contact(name: $0, phone: settings.value(.authorityPhone, language),
                                     address: settings.value(.authorityAddress, language))
            } ?? centre
        }
        let textKey = "status_\(status.rawValue)_text"
        let variant = found.identificationWithdrawn ? "revoked" : person.sex
        let statusTextKey = words.has("\(textKey)_\(variant)") ? "\(textKey)_\(variant)" : textKey
        return FamilyReport(
            language: language, reference: reference.description, receivedOn: row["received_on"],
            preparedOn: String(Timestamp.text(date).prefix(10)), status: status, statusDate: statusDate,
            statusTitle: words("status_\(status.rawValue)_title"),
            statusText: words(statusTextKey, ["name": name, "date": statusDate.map(words.date) ?? ""]),
            merged: inquiry.status == "merged", mergedInto: inquiry.status == "merged" ? row["merged_into_reference"] : nil,
            person: person, inquirerName: row["inquirer_name"], relationship: row["relationship"], dnaReference: dna,
            nextSteps: nextSteps(status, dna: dna, authority: authority, hours: centre.hours != nil, words: words),
            centre: centre, authority: authority)
    }

    /// The person's details as recorded, the region named in the report's language.
    static func personDetails(_ row: Row, language: ReportLanguage) -> FamilyReport.Person {
        let region: String = row["last_known_region"]
        let regionName = ReportStrings[language].region(region)
        let patronymicLatin: String? = row["patronymic_latin"]
        return FamilyReport.Person(
            familyName: row["family_name"], givenName: row["given_name"], patronymic: row["patronymic"],
            latinName: [row["given_name_latin"], patronymicLatin, row["family_name_latin"]].compactMap { $0 }.joined(separator: " "),
            sex: row["sex"], dateOfBirth: row["date_of_birth"], serviceNumber: row["service_number"],
            unit: row["unit"], rank: row["rank"], lastKnownRegion: region, lastKnownRegionName: regionName,
            lastKnownPlace: row["last_known_place"], lastSeenFrom: row["last_seen_from"], lastSeenTo: row["last_seen_to"],
            circumstances: row["circumstances"], distinguishingFeatures: row["distinguishing_features"])
    }

    /// The name as the family wrote it; in English reports the Latin form first when the
    /// recorded one is in another script.
    static func displayName(_ person: FamilyReport.Person, language: ReportLanguage) -> String {
        let recorded = [person.givenName, person.patronymic, person.familyName].compactMap { $0 }.joined(separator: " ")
        guard language == .en, recorded.unicodeScalars.contains(where: { $0.value >= 0x400 && $0.value < 0x530 }) else { return recorded }
        return "\(person.latinName) (\(recorded))"
    }

    /// What a family may be told of the status: only an identification in effect (through a
    /// confirmed link and the four-eyes rule) is news; a candidate, a confirmed link still
    /// under examination, or a proposal waiting for its confirmations is "the search is ongoing".
    /// A merged inquiry speaks with the status of the inquiry it was joined with. An open
    /// inquiry without consent to tracing never enters matching, so it is not "ongoing": it
    /// waits for that consent.
    static func familyStatus(of inquiry: InquiryRow, in db: Database) throws -> FamilyStatus {
        var status = inquiry.status
        var consent: Bool = inquiry.row["consent_tracing"]
        var mergedInto: Int64? = inquiry.row["merged_into_id"]
        var hops = 0
        while status == "merged", let target = mergedInto, hops < 16 {
            guard let row = try Row.fetchOne(db, sql: "SELECT status, merged_into_id, consent_tracing FROM inquiry WHERE id = ?",
                                             arguments: [target]) else { break }
            status = row["status"]
            consent = row["consent_tracing"]
            mergedInto = row["merged_into_id"]
            hops += 1
        }
        switch status {
        case "withdrawn": return FamilyStatus(status: .withdrawn)
        case "resolved":
            guard let effective = try effectiveIdentification(personID: inquiry.personID, in: db) else { return FamilyStatus(status: .closed) }
            return FamilyStatus(status: effective.0, date: effective.1)
        default:
            guard consent else { return FamilyStatus(status: .awaitingConsent) }
            return FamilyStatus(status: .searchOngoing, identificationWithdrawn: try identificationRevoked(personID: inquiry.personID, in: db))
        }
    }

    /// What ``familyStatus(of:in:)`` finds.
    struct FamilyStatus {
        var status: FamilyReport.Status
        /// The day the status took effect, for `identified` and `returned_alive`.
        var date: String?
        /// An identification the family may have been told of was revoked since.
        var identificationWithdrawn = false
    }

    /// Whether a record the person is or was confirmed as had an identification revoked: the
    /// family was told of it, so the report says it was withdrawn rather than read as a first one.
    static func identificationRevoked(personID: Int64, in db: Database) throws -> Bool {
        try Bool.fetchOne(db, sql: """
            SELECT EXISTS (SELECT 1 FROM link l JOIN identification_event e ON e.record_id = l.record_id
                           WHERE l.person_id = ? AND l.state IN ('confirmed', 'rejected') AND e.kind = 'change' AND e.status = 'revoked')
            """, arguments: [personID]) ?? false
    }

    /// The identification in effect for the person's confirmed record, with the day it took effect.
    static func effectiveIdentification(personID: Int64, in db: Database) throws -> (FamilyReport.Status, String?)? {
        let records = try Row.fetchAll(db, sql: """
            SELECT r.id, r.kind, b.date FROM link l JOIN returned_record r ON r.id = l.record_id JOIN batch b ON b.id = r.batch_id
            WHERE l.person_id = ? AND l.state = 'confirmed' ORDER BY l.id
            """, arguments: [personID])
        for record in records {
            let kind = RecordKind(rawValue: record["kind"]) ?? .remains
            let ledger = try IdentificationLedger.load(recordID: record["id"], kind: kind, in: db)
            let since = IdentificationLedger.identifiedSince(ledger.events.filter { $0.kind == .change }.map { ($0.status, $0.at) })
            switch ledger.status {
            case .identified, .familyNotified, .releasedToFamily: return (.identified, since)
            case .identityVerified: return (.returnedAlive, record["date"])
            default: continue
            }
        }
        return nil
    }

    static func dnaReference(_ stored: String) -> FamilyReport.DNAReference {
        switch stored {
        case "requested": .requested
        case "collected", "profiled": .taken
        default: .none
        }
    }

    static func nextSteps(_ status: FamilyReport.Status, dna: FamilyReport.DNAReference, authority: FamilyReport.Contact?,
                          hours: Bool, words: ReportStrings) -> [String] {
        switch status {
        case .searchOngoing:
            return [words("next_dna_\(dna.rawValue)"), words("next_check_details"), words("next_only_confirmed")]
        case .awaitingConsent:
            return [words("next_give_consent"), words("next_check_details"), words("next_only_confirmed")]
        case .identified:
            return [words("next_identified_contact", ["authority": authority?.name ?? ""]),
                    words(hours ? "next_identified_support" : "next_identified_support_no_hours")]
        case .returnedAlive:
            return [words("next_returned_alive"), words("next_check_details")]
        case .withdrawn:
            return [words("next_withdrawn")]
        case .closed:
            return [words("next_closed")]
        }
    }
}
