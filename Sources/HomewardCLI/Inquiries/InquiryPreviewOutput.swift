import HomewardCore

/// How `inquiry add --dry-run` shows the inquiry it would store.
enum InquiryPreviewOutput {
    /// - Parameter fieldName: how a warning names its field (a flag, or the form's path).
    static func print(_ preview: InquiryPreview, options: GlobalOptions, fieldName: (String) -> String) throws {
        if options.json { return try Output.json(preview) }
        let person = preview.person
        let contact = preview.contact
        let lines = PersonFieldsOutput.lines(person) + PersonFieldsOutput.receipt(
            receivedOn: preview.receivedOn, channel: preview.channel, language: preview.language,
            consentTracing: preview.consentTracing, consentDNA: preview.consentDNA, consentSharing: preview.consentSharing) + [
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
