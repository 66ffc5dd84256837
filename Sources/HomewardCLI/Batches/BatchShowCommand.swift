import ArgumentParser
import HomewardCore

struct BatchShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show", abstract: "Show a batch with its history and manifest, or one record (CODE/TAG) in full.")

    @Argument(help: "Batch code, e.g. B-2025-014, or a record, e.g. B-2025-014/R-1.") var code: String
    @Option(parsing: .unconditional, help: "List at most N records (default 20; 0 for all).", transform: WholeNumber.parse)
    var records = 20
    @OptionGroup var options: GlobalOptions

    func validate() throws {
        if records < 0 { throw ValidationError("--records must be 0 (all) or more") }
    }

    func run() throws {
        let context = try CommandContext(options)
        if code.contains("/") {
            return try RecordDetailOutput.print(try context.service.returnedRecord(address: code), options: options)
        }
        let view = try context.service.batch(code: code)
        if options.json { return try Output.json(view) }
        let summary = view.summary
        let kinds = view.recordsByKind.keys.sorted().map { "\(view.recordsByKind[$0] ?? 0) \($0)" }.joined(separator: ", ")
        let sources = view.sources.map { source in
            source.text + (source.saidBy.map { " — \($0)" } ?? "") + (source.saidOn.map { ", \($0)" } ?? "")
        }
        Output.fields([
            ("Code", summary.code), ("Kind", summary.kind), ("Date", summary.date), ("Status", summary.status),
            ("Received", summary.received.map(String.init) ?? "unknown"),
            ("Handed over", summary.handedOver.map(String.init) ?? "unknown"),
            ("Regions", summary.regions.joined(separator: ", ")),
            ("Transfer point", view.transferPoint), ("Agreement", view.agreement),
            ("Sources", sources.isEmpty ? nil : sources.joined(separator: "\n")),
            ("Manifest", "\(summary.manifestRecords) records" + (kinds.isEmpty ? "" : " (\(kinds))")
                + (view.voidedRecords > 0 ? "; \(view.voidedRecords) voided, not counted" : "")),
            ("Corrections", view.changes.isEmpty ? nil : view.changes.map(RecordDetailOutput.describe).joined(separator: "\n")),
            ("Count check", view.countDiscrepancy),
        ])
        if !view.history.isEmpty {
            Output.line("")
            Output.table(TextTable(columns: [.init("CHANGED"), .init("STATUS"), .init("BY"), .init("NOTE", .wrap)],
                                   rows: view.history.map { [String($0.at.prefix(10)), $0.status, $0.by, $0.note] }))
        }
        let shown = records == 0 ? view.records : Array(view.records.prefix(records))
        guard !shown.isEmpty else { return }
        Output.line("")
        Output.table(TextTable(
            columns: [.init("RECORD"), .init("KIND"), .init("STATUS"), .init("SEX"), .init("AGE"), .init("REGION"), .init("RECOVERED")],
            rows: shown.map { record in
                [record.record, record.kind, record.status, record.sex,
                 [record.ageMin, record.ageMax].compactMap { $0.map(String.init) }.joined(separator: "–"),
                 record.recoveryRegion ?? "", record.recoveryDate ?? ""]
            }))
        // Not a confirmation: the table is incomplete, which --quiet must not hide.
        if shown.count < view.records.count { Output.warning("\(view.records.count - shown.count) more records not shown (--records 0 for all)") }
    }
}
