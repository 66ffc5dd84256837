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
        case 1e6...: scientific(ratio)
        case 10...: String(Int(ratio.rounded()))
        case 1...: fixed(ratio, decimals: 1)
        case 0.1...: fixed(ratio, decimals: 2)
        case 0.01...: fixed(ratio, decimals: 3)
        default: scientific(ratio)
        }
    }

    /// `%.Nf` for a positive number below 10¹⁵ (no locale, no Foundation formatter).
    static func fixed(_ value: Double, decimals: Int) -> String {
        var scale = 1
        for _ in 0..<decimals { scale *= 10 }
        let scaled = Int((value * Double(scale)).rounded())
        let fraction = String(scaled % scale)
        return "\(scaled / scale)." + String(repeating: "0", count: decimals - fraction.count) + fraction
    }

    /// `%.1e`: one digit, one decimal and the exponent with its sign and at least two digits.
    static func scientific(_ value: Double) -> String {
        guard value > 0, value.isFinite else { return value.isFinite ? "0.0e+00" : "inf" }
        var exponent = Int(log10(value).rounded(.down))
        var mantissa = (value / pow(10, Double(exponent)) * 10).rounded() / 10
        if mantissa >= 10 {
            mantissa /= 10
            exponent += 1
        }
        let digits = String(abs(exponent))
        return fixed(mantissa, decimals: 1) + "e" + (exponent < 0 ? "-" : "+") + (digits.count < 2 ? "0" : "") + digits
    }
}

/// The combined score of a list of factors: log10 of the product of their ratios.
func log10Score(_ factors: [MatchFactor]) -> Double {
    factors.reduce(0) { $0 + log10($1.ratio) }
}
