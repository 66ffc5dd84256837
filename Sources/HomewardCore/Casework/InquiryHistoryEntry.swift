import Foundation

/// What kind of step of a case an ``InquiryHistoryEntry`` records.
public enum InquiryHistoryKind: String, Sendable, Codable, CaseIterable {
    /// The inquiry was logged (`inquiry add`) or imported.
    case received
    /// Fields were changed (named, never their values).
    case edit
    /// The inquiry's status changed: closed, withdrawn, reopened, or moved by an identification.
    case status
    /// A merge into another inquiry, or of another inquiry into this one, or its undoing.
    case merge
    /// A contact with the family (channel and outcome, never the note).
    case contact
    /// Someone read the inquirer's contact details.
    case contactRead = "contact_read"
    /// Matching was run for the inquiry and its candidate batches saved.
    case matching
    /// A candidate link was proposed by the matcher, with its score.
    case candidate
    /// A link was confirmed or rejected.
    case link
    /// A step in the identification of a record linked to the inquiry's person.
    case identification
    /// A report was exported for the family.
    case report
    /// An audited action on the inquiry that this version does not describe in words.
    case other
}

/// One step in the life of an inquiry, as `inquiry history` shows it.
///
/// Built from the audit trail and the history tables. It names fields, codes, references,
/// statuses, methods and scores; it never holds contact details or free text (notes,
/// reasons, evidence references), which `inquiry show`, `link list` and `ident history` show
/// to those who may read them.
public struct InquiryHistoryEntry: Sendable, Codable, Equatable {
    /// When it happened (ISO 8601 UTC with milliseconds).
    public var at: String
    /// The user name of who did it, when known.
    public var by: String?
    public var kind: InquiryHistoryKind
    /// One line in words, e.g. "family report exported (html, uk)".
    public var summary: String
    /// The facts behind the summary, snake_case keys with text values (e.g. `fields`, `link`,
    /// `record`, `score`, `format`, `lang`).
    public var details: [String: String]
    /// The audit event this entry was read from; nil for entries read from a history table.
    public var auditSeq: Int64?

    public init(at: String, by: String?, kind: InquiryHistoryKind, summary: String, details: [String: String] = [:],
                auditSeq: Int64? = nil) {
        self.at = at
        self.by = by
        self.kind = kind
        self.summary = summary
        self.details = details
        self.auditSeq = auditSeq
    }

    enum CodingKeys: String, CodingKey {
        case at, by, kind, summary, details
        case auditSeq = "audit_seq"
    }
}
