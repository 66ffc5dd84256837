import HomewardCore

/// What the demo built: enough to print what to try next.
public struct DemoOutcome: Sendable, Encodable {
    /// One account and its freshly generated password, to be shown once and never stored.
    public struct Account: Sendable, Encodable {
        public var name: String
        public var role: Role
        public var password: String
    }

    /// A family report written next to the database.
    public struct Report: Sendable, Encodable {
        /// The inquiry the report is about.
        public var reference: String
        /// `uk`, `en` or `ru`.
        public var language: String
        public var path: String
        /// True when the report tells the family of an identification in effect.
        public var identified: Bool
    }

    /// The database file, as opened.
    public var database: String
    /// The staff, in the order they were created, with their passwords.
    public var accounts: [Account]
    /// Every batch, oldest first.
    public var batches: [BatchSummary]
    /// Inquiries imported.
    public var inquiries: Int
    /// Candidate links saved by the matcher.
    public var candidates: Int
    /// Links a coordinator confirmed.
    public var confirmedLinks: Int
    /// Records whose identification is in effect (`CODE/TAG`).
    public var identified: [String]
    /// Records with an identification proposed and waiting for a second coordinator.
    public var awaitingConfirmation: [String]
    /// Returnees whose identity was verified.
    public var identityVerified: [String]
    public var reports: [Report]
    /// The coordinators' statistics and batch pages written next to the database (HTML, uk).
    public var coordinatorReports: [String]
    /// Events in the audit trail, verified intact at the end.
    public var auditEvents: Int
    /// An inquiry whose person was identified, for `inquiry show` and `match --inquiry`.
    public var sampleReference: String?
    /// The name of that person as a manifest spelled it, for `search`.
    public var sampleSearch: String?

    enum CodingKeys: String, CodingKey {
        case database, accounts, batches, inquiries, candidates, identified, reports
        case confirmedLinks = "confirmed_links", awaitingConfirmation = "awaiting_confirmation"
        case identityVerified = "identity_verified", auditEvents = "audit_events", coordinatorReports = "coordinator_reports"
        case sampleReference = "sample_reference", sampleSearch = "sample_search"
    }
}
