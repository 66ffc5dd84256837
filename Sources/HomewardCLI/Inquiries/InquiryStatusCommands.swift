import ArgumentParser
import HomewardCore

struct InquiryCloseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "close", abstract: "Mark an inquiry resolved, with a reason.")

    @Argument(help: "Inquiry reference.") var reference: String
    @Option(name: [.customLong("reason"), .customLong("note")], help: "Why the inquiry is resolved (--note is the same).")
    var reason: String
    @OptionGroup var options: GlobalOptions

    func run() throws {
        let context = try CommandContext(options)
        try context.service.closeInquiry(reference: reference, withdrawn: false, reason: reason)
        try Output.done(options, "\(reference.uppercased()) resolved", json: ["reference": reference.uppercased(), "status": "resolved"])
    }
}

struct InquiryWithdrawCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "withdraw", abstract: "Withdraw an inquiry, with a reason.")

    @Argument(help: "Inquiry reference.") var reference: String
    @Option(name: [.customLong("reason"), .customLong("note")], help: "Why the family withdrew it (--note is the same).")
    var reason: String
    @OptionGroup var options: GlobalOptions

    func run() throws {
        let context = try CommandContext(options)
        try context.service.closeInquiry(reference: reference, withdrawn: true, reason: reason)
        try Output.done(options, "\(reference.uppercased()) withdrawn", json: ["reference": reference.uppercased(), "status": "withdrawn"])
    }
}

struct InquiryMergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge", abstract: "Merge an inquiry into another about the same person (reversible).")

    @Argument(help: "The inquiry to merge.") var reference: String
    @Argument(help: "The inquiry it joins.") var into: String
    @Flag(help: "Merge even though names, service numbers or birth dates differ.") var force = false
    @OptionGroup var options: GlobalOptions

    func run() throws {
        let context = try CommandContext(options)
        try context.service.mergeInquiry(reference: reference, into: into, force: force)
        try Output.done(options, "\(reference.uppercased()) merged into \(into.uppercased()); undo with 'homeward inquiry unmerge \(reference.uppercased())'",
                        json: ["reference": reference.uppercased(), "status": "merged", "merged_into": into.uppercased()])
    }
}

struct InquiryUnmergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "unmerge", abstract: "Undo a merge.")

    @Argument(help: "The merged inquiry.") var reference: String
    @OptionGroup var options: GlobalOptions

    func run() throws {
        let context = try CommandContext(options)
        try context.service.unmergeInquiry(reference: reference)
        try Output.done(options, "\(reference.uppercased()) unmerged", json: ["reference": reference.uppercased()])
    }
}
