import ArgumentParser

struct BatchRecordCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "record", abstract: "Correct or void one returned record, addressed as CODE/TAG.",
        discussion: "To read a record with every field and its history: 'homeward batch show CODE/TAG'.",
        subcommands: [BatchRecordUpdateCommand.self, BatchRecordVoidCommand.self])
}
