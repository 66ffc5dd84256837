import ArgumentParser
import HomewardCore

struct UpdateOutput: Encodable {
    let reference: String
    let changed: [String]
}

struct InquiryUpdateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "update", abstract: "Change fields of an inquiry and its person (\"\" clears a field).",
        discussion: """
            Give the changes with --form FILE (or --form - for standard input): a JSON object like \
            'inquiry show --json' prints, holding only the fields to change (null clears one). Field \
            flags are for scripts: their values are visible to other users of this computer and kept \
            in shell history.
            """)

    @Argument(help: "Inquiry reference.") var reference: String
    @OptionGroup var file: InquiryFormFile
    @OptionGroup var fields: InquiryFormOptions
    @Option(help: "Reassign to this coordinator.") var coordinator: String?
    @OptionGroup var options: GlobalOptions

    func run() throws {
        let context = try CommandContext(options)
        let changes = try file.form(or: fields)
        let changed = try context.service.updateInquiry(reference: reference, changes: changes, coordinator: coordinator)
        if options.json { return try Output.json(UpdateOutput(reference: reference.uppercased(), changed: changed)) }
        Output.note(changed.isEmpty ? "nothing changed" : "changed: \(changed.joined(separator: ", "))", quiet: options.quiet)
    }
}
