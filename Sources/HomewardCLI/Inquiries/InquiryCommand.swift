import ArgumentParser

struct InquiryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inquiry", abstract: "Log, import, read and change families' inquiries (coordinators).",
        subcommands: [
            InquiryAddCommand.self, InquiryImportCommand.self, InquiryListCommand.self, InquiryShowCommand.self,
            InquiryUpdateCommand.self, InquiryCloseCommand.self, InquiryWithdrawCommand.self,
            InquiryMergeCommand.self, InquiryUnmergeCommand.self, InquiryReopenCommand.self, InquiryContactCommand.self,
            InquiryHistoryCommand.self,
        ])
}
