import Foundation

/// One piece of evidence about a pair and what it does to the score.
public struct MatchFactor: Sendable, Hashable, Codable {
    /// The kind of evidence: "service number", "name", "sex", "age", "region", "date", "kind",
    /// "manifest", "claim", "dna".
    public let evidence: String
    /// The likelihood ratio; 1 for a note that does not change the score.
    public let ratio: Double
    /// What was compared, in words.
    public let detail: String

    init(_ evidence: String, ratio: Double, _ detail: String) {
        self.evidence = evidence
        self.ratio = ratio
        self.detail = detail
    }

    /// A line that tells the next step without changing the score.
    static func note(_ evidence: String, _ detail: String) -> MatchFactor {
        MatchFactor(evidence, ratio: 1, detail)
    }

    /// The reason line: `region: UA-14 Donetsk Oblast is the last known region (×8.0)`.
    public var reason: String {
        ratio == 1 && Self.notes.contains(evidence) ? "\(evidence): \(detail)" : "\(evidence): \(detail) (×\(Self.format(ratio)))"
    }

    private static let notes: Set = ["dna"]

    /// Ratios as people read them: ×1000, ×40, ×8.0, ×0.30, ×0.020.
    static func format(_ ratio: Double) -> String {
        switch ratio {
        case 1e6...: String(format: "%.1e", ratio)
        case 10...: String(Int(ratio.rounded()))
        case 1...: String(format: "%.1f", ratio)
        case 0.1...: String(format: "%.2f", ratio)
        case 0.01...: String(format: "%.3f", ratio)
        default: String(format: "%.1e", ratio)
        }
    }
}

/// The combined score of a list of factors: log10 of the product of their ratios.
func log10Score(_ factors: [MatchFactor]) -> Double {
    factors.reduce(0) { $0 + log10($1.ratio) }
}
