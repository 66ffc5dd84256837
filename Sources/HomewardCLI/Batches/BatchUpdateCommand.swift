import ArgumentParser
import HomewardCore

struct BatchUpdateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "update", abstract: "Correct a batch's counts, regions, transfer point, agreement or sources.",
        discussion: """
            Only the options given change; each changed field is kept in the batch's history with \
            its old value ('homeward batch show CODE'). Counts take a number or 'unknown'; --regions \
            and --source replace the whole list; --transfer-point "" and --agreement "" clear them.
            """)

    @Argument(help: "Batch code.") var code: String
    @Option(help: ArgumentHelp("How many were received, or unknown.", valueName: "count")) var received: String?
    @Option(help: ArgumentHelp("How many were handed over, or unknown.", valueName: "count")) var handedOver: String?
    @Option(help: "Recovery regions, comma-separated codes or names (replaces them all).") var regions: String?
    @Option(help: "Where the transfer took place (\"\" clears it).") var transferPoint: String?
    @Option(help: "Agreement reference (\"\" clears it).") var agreement: String?
    @Option(help: ArgumentHelp("An announcement, TEXT or WHO|YYYY-MM-DD|TEXT; repeat for several; replaces all sources.",
                               valueName: "source"))
    var source: [String] = []
    @Option(help: ArgumentHelp("An announcement to add after the existing ones (repeatable).", valueName: "source"))
    var addSource: [String] = []
    @Flag(help: "Remove every source.") var clearSources = false
    @Option(name: [.customLong("reason"), .customLong("note")], help: "Why the batch is corrected (--note is the same).")
    var reason: String?
    @OptionGroup var options: GlobalOptions

    func validate() throws {
        for (flag, text) in [("--received", received), ("--handed-over", handedOver)] {
            if let text, BatchCount(argument: text) == nil {
                let digits = text.filter(\.isNumber)
                let separated = !digits.isEmpty && text.allSatisfy { $0.isNumber || ",. _'".contains($0) }
                throw ValidationError(separated
                                      ? "\(flag) takes a whole number without separators; write \(digits)"
                                      : "\(flag) takes a whole number or 'unknown'")
            }
        }
        if clearSources && !source.isEmpty { throw ValidationError("--clear-sources and --source contradict each other; give one") }
        if received == nil && handedOver == nil && regions == nil && transferPoint == nil && agreement == nil && source.isEmpty
            && addSource.isEmpty && !clearSources {
            throw ValidationError(
                "nothing to change; give --received, --handed-over, --regions, --transfer-point, --agreement, --source, --add-source or --clear-sources")
        }
    }

    func run() throws {
        let context = try CommandContext(options)
        let changes = BatchChanges(
            received: received.flatMap(BatchCount.init(argument:)), handedOver: handedOver.flatMap(BatchCount.init(argument:)), regions: regions.map { [$0] }, transferPoint: transferPoint,
            agreement: agreement, sources: clearSources ? [] : (source.isEmpty ? nil : source), addedSources: addSource,
            reason: reason)
        let updated = try context.service.updateBatch(code: code, changes: changes)
        if options.json { return try Output.json(updated) }
        Output.note(updated.changed.isEmpty
                    ? "\(updated.code): nothing changed (the values given are already recorded)"
                    : "\(updated.code): changed \(updated.changed.joined(separator: ", "))", quiet: options.quiet)
        for warning in updated.warnings { Output.note("warning: \(warning)", quiet: false) }
    }
}

extension BatchCount {
    /// A whole number, or `unknown`.
    init?(argument: String) {
        if argument.lowercased() == "unknown" {
            self = .unknown
        } else if let number = Int(argument) {
            self = .count(number)
        } else {
            return nil
        }
    }
}
