import ArgumentParser
import HomewardCore

struct InquiryContactCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "contact", abstract: "Log a contact with the family of an inquiry (coordinators).",
        discussion: """
            Records who was in touch (you), when (now), how and how it went. 'inquiry show' lists the \
            latest contacts. The audit trail records the channel and outcome, never the note.
            """)

    @Argument(help: "Inquiry reference.") var reference: String
    @Option(help: "phone, email, visit or letter.") var channel: ContactChannel
    @Option(help: "What was said or sent.") var note: String
    @Option(help: "reached, no_answer or left_message.") var outcome: ContactOutcome?
    @OptionGroup var options: GlobalOptions

    func run() throws {
        let context = try CommandContext(options)
        let recorded = try context.service.recordContact(reference: reference, channel: channel, note: note, outcome: outcome)
        if options.json { return try Output.json(recorded) }
        let times = recorded.contactCount == 1 ? "1 contact" : "\(recorded.contactCount) contacts"
        Output.note("\(recorded.reference): \(recorded.channel) contact logged (\(times) in all)", quiet: options.quiet)
    }
}

extension ContactChannel: ExpressibleByArgument {}
extension ContactOutcome: ExpressibleByArgument {}
