import Foundation

/// Why a region given on the command line or in a CSV cell could not be used.
public enum RegionError: Error, Equatable, LocalizedError {
    /// The value was empty or only spaces and punctuation.
    case empty
    /// Nothing matched; `suggestions` holds up to three labels such as "Luhansk Oblast (UA-09)".
    /// The input is repeated in the message only as ``QuotedValue`` allows.
    case unknown(String, suggestions: [String])

    public var errorDescription: String? {
        switch self {
        case .empty:
            return "region is empty; give a code such as UA-09 or a name such as Luhansk; see 'homeward regions'"
        case .unknown(let input, let suggestions):
            let unknown = QuotedValue.quoted(input).map { "unknown region \($0)" }
                ?? "\(ValueShape(input).phrase), not a region"
            guard let last = suggestions.last else {
                return "\(unknown); see 'homeward regions'"
            }
            let choices = suggestions.count == 1 ? last : suggestions.dropLast().joined(separator: ", ") + " or " + last
            return "\(unknown); did you mean \(choices)? see 'homeward regions'"
        }
    }
}
