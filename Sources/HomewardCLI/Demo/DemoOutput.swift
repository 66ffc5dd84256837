import HomewardCore
import HomewardDemo

/// What `homeward demo` prints on stdout: what was built, what to try next, and the
/// accounts with their passwords, once, last.
struct DemoOutput {
    let outcome: DemoOutcome
    /// The binary's absolute path when it was not called through PATH.
    let program: String?

    func print() {
        lines(summary)
        Output.table(TextTable(columns: BatchTable.columns, rows: outcome.batches.map(BatchTable.row)))
        lines(casework + [""] + reports + [""] + next + [""] + accounts)
    }

    private var summary: [String] {
        [
            "Demo database \(outcome.database) (mode 0600).",
            "The 2025 exchanges as public reports gave them, with fictional manifests,",
            "inquiries and staff: fictional demo data, no real persons.",
            "",
        ]
    }

    private var casework: [String] {
        var lines = [
            "",
            "\(outcome.inquiries) inquiries imported, \(outcome.candidates) candidate links saved, \(outcome.confirmedLinks) confirmed.",
            "Identified, proposed by olena and confirmed by mykola (four-eyes): \(outcome.identified.count).",
        ]
        lines += wrapped(outcome.identified)
        if !outcome.awaitingConfirmation.isEmpty {
            lines.append("Proposed, waiting for a second coordinator: \(outcome.awaitingConfirmation.count).")
            lines += wrapped(outcome.awaitingConfirmation)
        }
        if !outcome.identityVerified.isEmpty {
            lines.append("Returnees whose identity was verified: \(outcome.identityVerified.count).")
            lines += wrapped(outcome.identityVerified)
        }
        lines.append("Audit trail: \(outcome.auditEvents) events, chain intact.")
        return lines
    }

    private var reports: [String] {
        ["Family reports (new files, mode 0600):"] + outcome.reports.flatMap { report in
            ["  \(report.language)  \(report.reference)  \(report.identified ? "identified" : "search ongoing")",
             "      \(report.path)"]
        } + (outcome.coordinatorReports.isEmpty ? [] : ["Coordinators' pages with charts (uk):"] + outcome.coordinatorReports.map { "      \($0)" })
    }

    private var next: [String] {
        var lines = ["Try next:", "  export HOMEWARD_DB=\(Self.quoted(outcome.database))"]
        if let program { lines.append("  alias homeward=\(Self.quoted(program))") }
        let record = outcome.identified.first
        let pending = outcome.awaitingConfirmation.first
        let code = record.map { String($0.prefix { $0 != "/" }) }
        lines += ["  homeward login olena                 # a coordinator; password below", "  homeward batch list"]
        if let code { lines.append("  homeward batch show \(code)") }
        if let search = outcome.sampleSearch { lines.append("  homeward search \(Self.quoted(search))") }
        if let reference = outcome.sampleReference {
            lines += ["  homeward inquiry show \(reference)", "  homeward match --inquiry \(reference)",
                      "  homeward report family \(reference) --format txt"]
        }
        if let code { lines += ["  homeward link list --batch \(code) --state confirmed", "  homeward report batch \(code)"] }
        lines.append("  homeward report stats --lang uk")
        if let record { lines.append("  homeward ident history \(record)") }
        if let pending { lines += ["  homeward login mykola                # the second coordinator", "  homeward ident confirm \(pending)"] }
        lines += ["  homeward login iryna                 # the auditor", "  homeward audit verify", "  homeward audit log --limit 10"]
        return lines
    }

    private var accounts: [String] {
        ["Accounts. The passwords are shown only here and stored nowhere:"] + outcome.accounts.flatMap { account in
            ["  homeward login \(account.name)" + String(repeating: " ", count: max(1, 24 - account.name.count)) + "# \(account.role.rawValue)",
             "      password: \(account.password)"]
        }
    }

    /// Record addresses, several to a line.
    private func wrapped(_ items: [String]) -> [String] {
        stride(from: 0, to: items.count, by: 4).map { "  " + items[$0..<min($0 + 4, items.count)].joined(separator: "  ") }
    }

    private func lines(_ lines: [String]) {
        for line in lines { Output.line(line) }
    }

    /// A shell word: single-quoted when it holds anything but plain path characters.
    static func quoted(_ text: String) -> String {
        let plain = text.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "/._-+:=@".contains($0)) }
        return plain ? text : "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
