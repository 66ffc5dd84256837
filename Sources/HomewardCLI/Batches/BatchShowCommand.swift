import ArgumentParser
import HomewardCore

struct BatchShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show", abstract: "Show a batch with its history and manifest, or one record (CODE/TAG) in full.")

    @Argument(help: "Batch code, e.g. B-2025-014, or a record, e.g. B-2025-014/R-1.") var code: String
    @Option(help: "List at most N records (default 20; 0 for all).") var records = 20
    @OptionGroup var options: GlobalOptions

    func run() throws {
        let context = try CommandContext(options)
        if code.contains("/") {
            return try RecordDetailOutput.print(try context.homeward.returnedRecord(try context.actor(), address: code), options: options)
        }
        let view = try context.homeward.batch(try context.actor(), code: code)
        if options.json { return try Output.json(view) }
        let summary = view.summary
        Output.line("\(summary.code)  \(summary.kind)  \(summary.date)  \(summary.status)")
        Output.line("received \(summary.received.map(String.init) ?? "unknown"), handed over \(summary.handedOver.map(String.init) ?? "unknown"); regions \(summary.regions.joined(separator: ", "))")
        if let point = view.transferPoint { Output.line("transfer point: \(point)") }
        if let agreement = view.agreement { Output.line("agreement: \(agreement)") }
        for source in view.sources {
            Output.line("source: \(source.text)" + (source.saidBy.map { " — \($0)" } ?? "") + (source.saidOn.map { ", \($0)" } ?? ""))
        }
        for change in view.history { Output.line("\(change.at.prefix(10))  \(change.status)  \(change.note)  (\(change.by))") }
        for change in view.changes { Output.line(RecordDetailOutput.describe(change)) }
        let kinds = view.recordsByKind.keys.sorted().map { "\(view.recordsByKind[$0] ?? 0) \($0)" }.joined(separator: ", ")
        Output.line("manifest: \(summary.manifestRecords) records" + (kinds.isEmpty ? "" : " (\(kinds))")
                    + (view.voidedRecords > 0 ? "; \(view.voidedRecords) voided, not counted" : ""))
        if let discrepancy = view.countDiscrepancy { Output.line("count check: \(discrepancy)") }
        let shown = records == 0 ? view.records : Array(view.records.prefix(records))
        guard !shown.isEmpty else { return }
        Output.table(["RECORD", "KIND", "SEX", "AGE", "REGION", "RECOVERED"], shown.map { record in
            [record.record, record.kind, record.sex,
             [record.ageMin, record.ageMax].compactMap { $0.map(String.init) }.joined(separator: "–"),
             record.recoveryRegion ?? "", record.recoveryDate ?? ""]
        })
        if shown.count < view.records.count { Output.line("… \(view.records.count - shown.count) more (--records 0 for all)") }
    }
}
