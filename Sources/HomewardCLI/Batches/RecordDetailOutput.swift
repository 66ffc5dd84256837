import HomewardCore

/// How `batch show CODE/TAG` shows one returned record, and how corrections read in a history.
enum RecordDetailOutput {
    static func print(_ view: ReturnedRecordView, options: GlobalOptions) throws {
        if options.json { return try Output.json(view) }
        let age = [view.ageMin, view.ageMax].compactMap { $0.map(String.init) }.joined(separator: "–")
        let lines: [(label: String, value: String?)] = [
            ("Record", view.record + (view.voided ? "  VOIDED" : "")),
            ("Kind", view.kind),
            ("Status", view.status),
            ("Next", view.voided ? nil : (view.nextStatuses.isEmpty ? "(final status)" : view.nextStatuses.joined(separator: ", "))),
            ("Proposal", view.pendingProposal.map(IdentificationOutput.proposal)),
            ("Name", view.name.map { name in view.nameLatin.map { "\(name) (\($0))" } ?? name }),
            ("Service no.", view.serviceNumber),
            ("Sex", view.sex), ("Age", age.isEmpty ? nil : age),
            ("Region", view.recoveryRegion.map { code in view.recoveryRegionName.map { "\(code) \($0)" } ?? code }),
            ("Place", view.recoveryPlace), ("Recovered", view.recoveryDate),
            ("Effects", view.effects), ("Notes", view.notes),
            ("Recorded", view.createdAt.prefix(10).description),
            ("Corrected", view.updatedAt.map { String($0.prefix(10)) }),
            ("Voided", view.voidedAt.map { "\($0.prefix(10)) by \(view.voidedBy ?? "?"): \(view.voidReason ?? "")" }),
            ("History", view.changes.isEmpty ? nil : view.changes.map(describe).joined(separator: "\n")),
        ]
        // Multi-line effects and notes print as indented continuation lines.
        Output.fields(lines)
        if !view.identificationHistory.isEmpty {
            Output.line("")
            Output.table(TextTable(columns: IdentificationOutput.columns, rows: view.identificationHistory.map(IdentificationOutput.row)))
        }
        if !view.links.isEmpty {
            Output.line("")
            Output.table(TextTable(
                columns: [.init("LINK"), .init("STATE"), .init("REFERENCE"), .init("NAME", .shrink), .init("SCORE"), .init("DECIDED BY", .shrink)],
                rows: view.links.map { link in
                    [String(link.id), link.state, link.reference, link.name, MatchOutput.format(link.score), link.decidedBy ?? ""]
                }))
        }
    }

    /// One correction as a history line: `2025-06-20  corrected age_max: 35 → 40  (olena): reason`.
    static func describe(_ change: FieldChange) -> String {
        "\(change.at.prefix(10))  corrected \(change.field): \(change.oldValue ?? "(none)") → \(change.newValue ?? "(none)")  (\(change.by))"
            + (change.note.map { ": \(Output.nested($0))" } ?? "")
    }
}
