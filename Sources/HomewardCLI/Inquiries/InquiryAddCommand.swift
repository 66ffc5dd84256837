import ArgumentParser
import HomewardCore

struct InquiryAddCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add", abstract: "Log one inquiry; prints its reference.",
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
    @OptionGroup var options: GlobalOptions

    func run() throws {
        let context = try CommandContext(options)
        let form = try file.form(or: fields)
        let added = try context.homeward.addInquiry(try context.actor(), form, coordinator: coordinator)
        if options.json { return try Output.json(added) }
        Output.line(added.reference)
        for warning in added.warnings {
            // Named by flag, or by the form's field when the inquiry came from a form.
            let name = file.path == nil ? "--" + warning.field.replacingOccurrences(of: "_", with: "-")
                                        : InquiryForm.formPath(of: warning.field)
            Output.warning("\(name): \(warning.message)")
        }
        for hint in added.possibleDuplicates {
            Output.warning("possible duplicate: \(hint.reference) (\(hint.reason)); merge with 'homeward inquiry merge' if it is the same person")
        }
    }
}
