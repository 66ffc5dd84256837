import ArgumentParser
import HomewardCore

struct InquiryAddCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add", abstract: "Log one inquiry; prints its reference (--dry-run: only checks it).",
        discussion: """
            Required: --family-name, --given-name, --region, --last-seen, --inquirer-name, \
            --relationship, and --phone or --email. Consent to tracing defaults to no: only \
            inquiries with --consent-tracing yes enter matching.
            """)

    @OptionGroup var fields: InquiryFormOptions
    @Option(help: "Assign to this coordinator (default: you).") var coordinator: String?
    @Flag(help: "Validate and print what would be stored; write nothing.") var dryRun = false
    @OptionGroup var options: GlobalOptions

    func run() throws {
        let context = try CommandContext(options)
        if dryRun {
            let preview = try context.homeward.previewInquiry(try context.actor(), fields.form, coordinator: coordinator)
            return try InquiryPreviewOutput.print(preview, options: options)
        }
        let added = try context.homeward.addInquiry(try context.actor(), fields.form, coordinator: coordinator)
        if options.json { return try Output.json(added) }
        print(added.reference)
        for hint in added.possibleDuplicates {
            Output.note("possible duplicate: \(hint.reference) (\(hint.reason)); merge with 'homeward inquiry merge' if it is the same person", quiet: options.quiet)
        }
    }
}
