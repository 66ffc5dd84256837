import ArgumentParser
import Foundation
import HomewardCore

struct MatchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "match",
        abstract: "Rank the persons a batch's records may be, or the batches an inquiry may concern, with reasons.",
        discussion: """
            --batch CODE lists, for each returned record, the candidate persons best first; \
            --inquiry REF lists the batches that may concern the inquiry's person. Only open or \
            linked inquiries whose consent covers tracing are matched. A score is the log10 of \
            the combined likelihood ratio: 3 means the evidence is 1,000 times likelier if the \
            pair is the same person. Each reason line gives one factor and its ratio (×). \
            Matching proposes; only a person confirms ('homeward link confirm ID'). --save \
            stores the candidates as links; running it again updates their scores, adds no \
            duplicates and never brings back a rejected link.
            """)

    @Option(help: "Match the records of this batch.") var batch: String?
    @Option(help: "Match this inquiry against every batch.") var inquiry: String?
    @Option(parsing: .unconditional, help: "At most N candidates per record, or N batches (default 5).", transform: WholeNumber.parse)
    var top: Int = 5
    @Option(parsing: .unconditional, help: "Leave out candidates scoring below S (log10 of the likelihood ratio, e.g. 2 or -1.5).")
    var minScore: Double?
    @Flag(help: "Store the candidates as links in state 'candidate' (those scoring at least --min-score, else 0).") var save = false
    @OptionGroup var options: GlobalOptions

    func validate() throws {
        switch (batch, inquiry) {
        case (nil, nil): throw ValidationError("say what to match: --batch CODE or --inquiry REF")
        case (.some, .some): throw ValidationError("give either --batch or --inquiry, not both")
        default: break
        }
        if top < 1 { throw ValidationError("--top must be positive (1 or more)") }
        if let minScore, !minScore.isFinite { throw ValidationError("--min-score must be a number, e.g. 2 or -1.5") }
    }

    func run() throws {
        let context = try CommandContext(options)
        if let batch {
            let result = try context.service.matchBatch(code: batch, top: top, minScore: minScore, save: save)
            if options.json {
                try Output.json(result.candidates)
            } else {
                MatchOutput.records(result)
            }
            if let saved = result.saved { MatchOutput.saved(saved, options) }
        } else if let inquiry {
            let result = try context.service.matchInquiry(reference: inquiry, top: top, minScore: minScore, save: save)
            if options.json {
                try Output.json(result.candidates)
            } else {
                MatchOutput.batches(result, quiet: options.quiet)
            }
            if let saved = result.saved { MatchOutput.saved(saved, options) }
        }
    }
}

/// How matches print as text: one block per record or batch, reasons wrapped to the width.
enum MatchOutput {
    static func records(_ result: BatchMatches) {
        var lines = ["\(result.batch): \(result.records) record\(result.records == 1 ? "" : "s") against \(result.persons) person\(result.persons == 1 ? "" : "s") with tracing consent"]
        if result.settled > 0 {
            lines.append("\(result.settled) record\(result.settled == 1 ? " has" : "s have") a confirmed link and \(result.settled == 1 ? "is" : "are") not matched again")
        }
        var current: String?
        for candidate in result.candidates {
            if candidate.record != current {
                current = candidate.record
                lines.append("")
                lines.append(contentsOf: fitted(candidate.record + (candidate.recordName.map { "  \"\($0)\"" } ?? "  (no name)"), indent: ""))
            }
            let link = candidate.link.map { "  link \($0) \(candidate.linkState ?? "")" } ?? ""
            lines.append(contentsOf: fitted("  \(candidate.rank). \(candidate.reference)  \(candidate.name)",
                                            then: "score \(format(candidate.score))\(link)", indent: "       "))
            for reason in candidate.reasons { lines.append(contentsOf: wrap(reason, indent: "       ")) }
        }
        let unshown = result.records - result.settled - Set(result.candidates.map(\.record)).count
        if unshown > 0 {
            lines.append("")
            lines.append("\(unshown) record\(unshown == 1 ? "" : "s") without candidates shown")
        }
        print(lines.map { Cell.printable($0) }.joined(separator: "\n"))
    }

    static func batches(_ result: InquiryMatches, quiet: Bool) {
        guard !result.candidates.isEmpty else {
            return Output.note(result.batches == 0 ? "no batches recorded yet" : "no batch scores above --min-score", quiet: quiet)
        }
        var lines: [String] = []
        for candidate in result.candidates {
            if !lines.isEmpty { lines.append("") }
            let link = candidate.link.map { "  link \($0) \(candidate.linkState ?? "")" } ?? ""
            lines.append(contentsOf: fitted("\(candidate.rank). \(candidate.batch)  \(candidate.kind) \(candidate.date) \(candidate.status)",
                                            then: "score \(format(candidate.score))\(link)", indent: "   "))
            for reason in candidate.reasons { lines.append(contentsOf: wrap(reason, indent: "   ")) }
        }
        print(lines.map { Cell.printable($0) }.joined(separator: "\n"))
    }

    static func saved(_ saved: MatchSaved, _ options: GlobalOptions) {
        var parts = ["\(saved.added) new", "\(saved.updated) updated", "\(saved.unchanged) unchanged"]
        if saved.decided > 0 { parts.append("\(saved.decided) already decided, left as they are") }
        if saved.weak > 0 { parts.append("\(saved.weak) below the score to save (--min-score, default 0), not saved") }
        Output.note("saved candidate links: " + parts.joined(separator: ", "), quiet: options.quiet)
    }

    static func format(_ score: Double) -> String {
        String(format: "%.2f", score)
    }

    /// A heading line as it is when it fits the terminal; else wrapped, with `then` (the score
    /// and link) on a line of its own at `indent`. Long names must not run past the edge.
    static func fitted(_ text: String, then tail: String? = nil, indent: String, width: Int = Terminal.width) -> [String] {
        let whole = tail.map { text + "  " + $0 } ?? text
        if whole.count <= width { return [whole] }
        let lead = String(text.prefix { $0 == " " })
        var lines = text.count <= width ? [text] : wrap(String(text.dropFirst(lead.count)), indent: lead, width: width)
        if let tail { lines.append(indent + tail) }
        return lines
    }

    /// Words of `text` on lines no wider than the terminal, each starting with `indent`.
    static func wrap(_ text: String, indent: String, width: Int = Terminal.width) -> [String] {
        var lines: [String] = []
        var line = indent
        for word in text.split(separator: " ") {
            if line.count > indent.count, line.count + 1 + word.count > width {
                lines.append(line)
                line = indent + "  "
            }
            line += (line.count > indent.count && !line.hasSuffix("  ") ? " " : "") + word
        }
        lines.append(line)
        return lines
    }
}
