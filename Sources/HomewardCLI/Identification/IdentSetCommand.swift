import ArgumentParser
import HomewardCore

struct IdentSetCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "set", abstract: "Give a returned record its next identification status.",
        discussion: """
            Only the transitions of the identification table are accepted; a refusal names the \
            current status and the ones that may follow ('homeward batch show CODE/TAG' lists \
            them too). identified and identity_verified need a confirmed link and --method \
            (not other); identified is recorded as a proposal until confirmed ('homeward ident \
            confirm'). family_notified needs --via; revoked needs --note and returns the record \
            to examination. --expect STATUS refuses the change (exit 65, "changed meanwhile") \
            if someone else moved the record since you looked.
            """)

    @Argument(help: "The record, CODE/TAG.") var record: String
    @Argument(help: ArgumentHelp("The new status.", valueName: "status")) var status: IdentificationStatus
    @Option(help: "dna, fingerprints, dental, documents, visual or other.") var method: IdentificationMethod?
    @Option(help: "Evidence reference, e.g. a laboratory case number.") var evidence: String?
    @Option(help: "A note; required for revoked (why).") var note: String?
    @Option(help: "How the family was told (family_notified): in_person, phone, video, letter or email.")
    var via: NotificationChannel?
    @Option(help: ArgumentHelp("The status you saw; refused if the record is in another one now.", valueName: "status"))
    var expect: IdentificationStatus?
    @OptionGroup var options: GlobalOptions

    func run() throws {
        let context = try CommandContext(options)
        let changed = try context.service.setIdentificationStatus(
            record: record, to: status,
            IdentificationStep(method: method, evidence: evidence, note: note, via: via, expect: expect))
        if options.json { return try Output.json(changed) }
        var message: String
        if let proposal = changed.proposalID, let needed = changed.needed {
            message = "\(changed.record): identification proposed (proposal \(proposal), \(method?.rawValue ?? "")); "
                + "it takes effect after \(needed == 1 ? "1 confirmation" : "\(needed) confirmations") by "
                + (needed == 1 ? "another coordinator" : "two other coordinators")
                + ": homeward ident confirm \(changed.record)"
            if let replaced = changed.replacedProposal { message += " (replaces proposal \(replaced))" }
        } else {
            message = "\(changed.record): \(changed.from) → \(changed.requested)"
                + (changed.requested != changed.status ? " (now \(changed.status))" : "")
        }
        if let inquiry = changed.inquiry, let status = changed.inquiryStatus { message += "; \(inquiry) is \(status)" }
        Output.note(message, quiet: options.quiet)
    }
}
