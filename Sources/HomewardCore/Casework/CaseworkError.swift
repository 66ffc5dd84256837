import Foundation

/// One field that failed validation, named by its CSV column / flag name.
public struct FieldProblem: Error, Sendable, Equatable, Codable, CustomStringConvertible {
    public let field: String
    public let message: String

    public init(field: String, message: String) {
        self.field = field
        self.message = message
    }

    public var description: String { "\(field): \(message)" }
}

/// Every problem found when validating one form or row.
public struct FieldProblems: Error, Sendable, Equatable {
    public var list: [FieldProblem]
}

/// Failures of inquiries, persons, batches and manifests.
public enum CaseworkError: HomewardFailure, Equatable {
    case invalid([FieldProblem])
    case malformedReference(String)
    case referenceCheckFailed(String)
    case noSuchInquiry(String)
    case noSuchBatch(String)
    case noSuchRecord(String)
    case invalidTransition(String)
    case malformedBatchCode(String)
    case noSuchLink(Int64)
    /// Someone else's change landed between reading and deciding: the message says what it was.
    case changedMeanwhile(String)

    /// A reference or code that is not of the form at all is a malformed command-line value
    /// (64); one of the right form that fails its check letter or names nothing is bad data (65).
    public var kind: FailureKind {
        switch self {
        case .malformedReference, .malformedBatchCode: .usage
        default: .badInput
        }
    }

    public var errorDescription: String? {
        switch self {
        case let .invalid(problems):
            problems.map(\.description).joined(separator: "; ")
        case let .malformedReference(text):
            QuotedValue.isNot(text, "an inquiry reference") + "; references look like HW-2025-000123-K"
        case let .referenceCheckFailed(text):
            "reference \(text.uppercased()) fails its check letter, so it was mistyped; check each digit and the last letter"
        case let .noSuchInquiry(reference):
            "no inquiry \(reference); see 'homeward inquiry list' or 'homeward search'"
        case let .noSuchBatch(code):
            "no batch \(QuotedValue.quoted(code) ?? "of that code"); see 'homeward batch list'"
        case let .noSuchRecord(address):
            "no returned record \(QuotedValue.quoted(address) ?? "at that address"); see 'homeward batch show CODE'"
        case let .invalidTransition(message):
            message
        case let .malformedBatchCode(text):
            QuotedValue.isNot(text, "a batch code") + "; codes look like B-2025-014"
        case let .noSuchLink(id):
            "no link \(id); see 'homeward link list'"
        case let .changedMeanwhile(message):
            "changed meanwhile: " + message
        }
    }
}
