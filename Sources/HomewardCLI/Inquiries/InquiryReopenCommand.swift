import ArgumentParser
import HomewardCore

struct InquiryReopenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reopen", abstract: "Reopen a resolved or withdrawn inquiry, with a reason.",
        discussion: "A merged inquiry is not reopened: undo the merge with 'homeward inquiry unmerge REF'.")

    @Argument(help: "Inquiry reference.") var reference: String
    @Option(name: [.customLong("reason"), .customLong("note")], help: "Why the inquiry is reopened (--note is the same).")
    var reason: String
    @OptionGroup var options: GlobalOptions

    func run() throws {
        let context = try CommandContext(options)
        let status = try context.service.reopenInquiry(reference: reference, reason: reason)
        try Output.done(options, status == "linked" ? "\(reference.uppercased()) is linked again (its person has a confirmed link)"
                                                    : "\(reference.uppercased()) is open again",
                        json: ["reference": reference.uppercased(), "status": status])
    }
}
