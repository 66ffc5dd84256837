import ArgumentParser
import HomewardCore

struct UpdateOutput: Encodable {
    let reference: String
    let changed: [String]
}

struct InquiryUpdateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "update", abstract: "Change fields of an inquiry and its person (\"\" clears a field).")

    @Argument(help: "Inquiry reference.") var reference: String
    @OptionGroup var fields: InquiryFormOptions
    @Option(help: "Reassign to this coordinator.") var coordinator: String?
    @OptionGroup var options: GlobalOptions

    func run() throws {
        let context = try CommandContext(options)
        let changed = try context.homeward.updateInquiry(try context.actor(), reference: reference, changes: fields.form,
                                                        coordinator: coordinator)
        if options.json { return try Output.json(UpdateOutput(reference: reference.uppercased(), changed: changed)) }
        Output.note(changed.isEmpty ? "nothing changed" : "changed: \(changed.joined(separator: ", "))", quiet: options.quiet)
    }
}
