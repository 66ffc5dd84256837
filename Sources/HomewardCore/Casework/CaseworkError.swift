import Foundation

/// One field that failed validation, named by its CSV column / flag name.
public struct FieldProblem: Error, Sendable, Equatable, CustomStringConvertible {
    public let field: String
    public let message: String

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

    public var kind: FailureKind { .badInput }

    /// An identifier as typed, repeated only when it is short and identifier-shaped (letters,
    /// digits, '-', '/', '_', '.'): anything else may be a name or other personal text.
    static func typed(_ text: String, or placeholder: String, quoted: Bool = true) -> String {
        let shaped = text.count <= 40 && text.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "-/_.".contains($0)) }
        guard shaped else { return placeholder }
        return quoted ? "\"\(text)\"" : text
    }

    public var errorDescription: String? {
        switch self {
        case let .invalid(problems):
            problems.map(\.description).joined(separator: "; ")
        case let .malformedReference(text):
            "\(Self.typed(text, or: "that text")) is not an inquiry reference; references look like HW-2025-000123-K"
        case let .referenceCheckFailed(text):
            "reference \(text.uppercased()) fails its check letter, so it was mistyped; check each digit and the last letter"
        case let .noSuchInquiry(reference):
            "no inquiry \(reference); see 'homeward inquiry list' or 'homeward search'"
        case let .noSuchBatch(code):
            "no batch \(Self.typed(code, or: "of that code", quoted: false)); see 'homeward batch list'"
        case let .noSuchRecord(address):
            "no returned record \(Self.typed(address, or: "at that address", quoted: false)); see 'homeward batch show CODE'"
        case let .invalidTransition(message):
            message
        case let .malformedBatchCode(text):
            "\(Self.typed(text, or: "that text")) is not a batch code; codes look like B-2025-014"
        }
    }
}
