import HomewardCore

/// How `inquiry add --dry-run` shows the inquiry it would store.
enum InquiryPreviewOutput {
    /// - Parameter fieldName: how a warning names its field (a flag, or the form's path).
    static func print(_ preview: InquiryPreview, options: GlobalOptions, fieldName: (String) -> String) throws {
        if options.json { return try Output.json(preview) }
        let person = preview.person
        let contact = preview.contact
        let lines: [(label: String, value: String?)] = [
            ("Name", [person.familyName, person.givenName, person.patronymic].compactMap { $0 }.joined(separator: " ")),
            ("Latin", person.latinName),
            ("Sex", person.sex), ("Born", person.dateOfBirth), ("Service no.", person.serviceNumber),
            ("Unit", person.unit), ("Rank", person.rank),
            ("Last region", "\(person.lastKnownRegion) \(person.lastKnownRegionName)"),
            ("Last place", person.lastKnownPlace), ("Last seen", person.lastSeen),
            ("Circumstances", person.circumstances), ("Features", person.distinguishingFeatures),
            ("Received", "\(preview.receivedOn) via \(preview.channel), report language \(preview.language)"),
            ("Consent", "tracing \(preview.consentTracing ? "yes" : "no"), DNA \(preview.consentDNA ? "yes" : "no")"
                + (preview.consentSharing.map { ", sharing with \($0)" } ?? "")),
            ("Coordinator", preview.coordinator),
            ("Inquirer", "\(contact.inquirerName) (\(contact.relationship))"),
            ("Phone", contact.phone), ("E-mail", contact.email), ("Notes", preview.notes),
        ]
        Output.fields(lines)
        for warning in preview.warnings { Output.warning("\(fieldName(warning.field)): \(warning.message)") }
        for hint in preview.possibleDuplicates {
            Output.warning("possible duplicate: \(hint.reference) (\(hint.reason))")
        }
        Output.note("valid; nothing written (dry run)", quiet: options.quiet)
    }
}
