import ArgumentParser
import HomewardCore

struct InquiryCloseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "close", abstract: "Mark an inquiry resolved, with a reason.")

    @Argument(help: "Inquiry reference.") var reference: String
    @Option(help: "Why the inquiry is resolved.") var reason: String
    @OptionGroup var options: GlobalOptions

    func run() throws {
        let context = try CommandContext(options)
        try context.homeward.closeInquiry(try context.actor(), reference: reference, withdrawn: false, reason: reason)
        Output.note("\(reference.uppercased()) resolved", quiet: options.quiet)
    }
}

struct InquiryWithdrawCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "withdraw", abstract: "Withdraw an inquiry, with a reason.")

    @Argument(help: "Inquiry reference.") var reference: String
    @Option(help: "Why the family withdrew it.") var reason: String
    @OptionGroup var options: GlobalOptions

    func run() throws {
        let context = try CommandContext(options)
        try context.homeward.closeInquiry(try context.actor(), reference: reference, withdrawn: true, reason: reason)
        Output.note("\(reference.uppercased()) withdrawn", quiet: options.quiet)
    }
}

struct InquiryMergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge", abstract: "Merge an inquiry into another about the same person (reversible).")

    @Argument(help: "The inquiry to merge.") var reference: String
    @Argument(help: "The inquiry it joins.") var into: String
    @OptionGroup var options: GlobalOptions

    func run() throws {
        let context = try CommandContext(options)
        try context.homeward.mergeInquiry(try context.actor(), reference: reference, into: into)
        Output.note("\(reference.uppercased()) merged into \(into.uppercased()); undo with 'homeward inquiry unmerge \(reference.uppercased())'",
                    quiet: options.quiet)
    }
}

struct InquiryUnmergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "unmerge", abstract: "Undo a merge.")

    @Argument(help: "The merged inquiry.") var reference: String
    @OptionGroup var options: GlobalOptions

    func run() throws {
        let context = try CommandContext(options)
        try context.homeward.unmergeInquiry(try context.actor(), reference: reference)
        Output.note("\(reference.uppercased()) unmerged", quiet: options.quiet)
    }
}
