import ArgumentParser
import HomewardCore

struct InquiryAddCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add", abstract: "Log one inquiry; prints its reference (--dry-run: only checks it).",
        discussion: """
            Give the inquiry with --form FILE (or --form - for standard input): a JSON object like \
            'inquiry show --json' prints, e.g. {"person": {"family_name": …, "given_name": …, \
            "last_known_region": …, "last_seen": …}, "contact": {"inquirer_name": …, \
            "relationship": …, "phone": …}, "consent_tracing": true}. Field flags are for scripts: \
            their values are visible to other users of this computer and kept in shell history.
            Required: family name, given name, region, last seen, inquirer name, relationship, \
            and a phone or e-mail. Consent to tracing defaults to no: only inquiries with consent \
            to tracing enter matching.
            """)

    @OptionGroup var file: InquiryFormFile
    @OptionGroup var fields: InquiryFormOptions
    @Option(help: "Assign to this coordinator (default: you).") var coordinator: String?
    @Flag(help: "Validate and print what would be stored; write nothing.") var dryRun = false
    @OptionGroup var options: GlobalOptions

    func run() throws {
        let context = try CommandContext(options)
        let form = try file.form(or: fields)
        if dryRun {
            let preview = try context.service.previewInquiry(form, coordinator: coordinator)
            return try InquiryPreviewOutput.print(preview, options: options, fieldName: fieldName)
        }
        let added = try context.service.addInquiry(form, coordinator: coordinator)
        if options.json { return try Output.json(added) }
        Output.line(added.reference)
        for warning in added.warnings { Output.warning("\(fieldName(warning.field)): \(warning.message)") }
        for hint in added.possibleDuplicates {
            Output.warning("possible duplicate: \(hint.reference) (\(hint.reason)); merge with 'homeward inquiry merge' if it is the same person")
        }
    }

    /// A field named by its flag, or by the form's path when the inquiry came from a form.
    func fieldName(_ field: String) -> String {
        file.path == nil ? "--" + field.replacingOccurrences(of: "_", with: "-") : InquiryForm.formPath(of: field)
    }
}
