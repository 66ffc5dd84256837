import HomewardCore

/// How `inquiry add --dry-run` shows the inquiry it would store.
enum InquiryPreviewOutput {
    static func print(_ preview: InquiryPreview, options: GlobalOptions) throws {
        if options.json { return try Output.json(preview) }
        let person = preview.person
        let contact = preview.contact
        let lines: [(String, String?)] = [
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
        for (label, value) in lines {
            guard let value else { continue }
            Output.line(label.padding(toLength: 15, withPad: " ", startingAt: 0) + value)
        }
        for hint in preview.possibleDuplicates {
            Output.note("possible duplicate: \(hint.reference) (\(hint.reason))", quiet: options.quiet)
        }
        Output.note("valid; nothing written (dry run)", quiet: options.quiet)
    }
}
