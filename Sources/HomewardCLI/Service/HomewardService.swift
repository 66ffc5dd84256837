import Foundation
import HomewardCore

/// What the commands ask of Homeward, answered either by the core on a database file in this
/// process (``LocalService``) or by a Homeward server over HTTP (``RemoteService``). A command
/// asks its ``CommandContext/service`` and prints the answer; it does not know which it got.
///
/// Every method acts for the logged-in user (the session token of the context); the core,
/// local or on the server, checks the role and audits.
protocol HomewardService {
    /// The hex key of this database's or server's session file.
    func sessionKey() throws -> String

    /// Opens a session (argon2, lockout and audit in the core).
    func login(name: String, password: String) throws -> NewSession
    /// Ends the session of `token`, not necessarily the context's (a login ends the one it replaces).
    func endSession(token: String, reason: SessionEndReason) throws -> SessionEnd
    func whoami() throws -> SignedIn

    func users() throws -> [UserSummary]
    func addUser(name: String, role: Role, password: String) throws
    /// Whether the role changed (false: it was already so).
    func setRole(name: String, role: Role) throws -> Bool
    /// Enables (clearing a lockout) or disables an account.
    func setUserEnabled(name: String, _ enabled: Bool) throws
    func changePassword(name: String, newPassword: String, currentPassword: String?) throws
    /// Whether `name` is the logged-in user's own account (whose change needs the current password).
    func isOwnAccount(name: String) throws -> Bool
    /// How many sessions ended.
    func revokeSessions(name: String) throws -> Int
    func assignBatch(user: String, code: String) throws
    func unassignBatch(user: String, code: String) throws
    func settings() throws -> [SettingView]
    /// The value as stored.
    func setSetting(key: String, value: String) throws -> String
    /// Whether it was set.
    func unsetSetting(key: String) throws -> Bool

    func inquiries(_ filter: InquiryFilter) throws -> [InquirySummary]
    func addInquiry(_ form: InquiryForm, coordinator: String?) throws -> InquiryAdded
    /// All or nothing; `progress` (rows written, rows in all) only where the writing happens here.
    func importInquiries(file: URL, limits: CSVLimits, dryRun: Bool, progress: ((Int, Int) -> Void)?) throws -> ImportSummary
    func inquiry(reference: String) throws -> InquiryView
    func updateInquiry(reference: String, changes: InquiryForm, coordinator: String?) throws -> [String]
    func closeInquiry(reference: String, withdrawn: Bool, reason: String) throws
    func recordContact(reference: String, channel: ContactChannel, note: String, outcome: ContactOutcome?) throws -> ContactRecorded
    func find(_ text: String, limit: Int?) throws -> [SearchResult]
    /// What `addInquiry` would store; nothing is stored.
    func previewInquiry(_ form: InquiryForm, coordinator: String?) throws -> InquiryPreview
    func inquiryHistory(reference: String) throws -> [InquiryHistoryEntry]
    /// The inquiry's status now: open, or linked when its person has a confirmed link.
    func reopenInquiry(reference: String, reason: String) throws -> String
    func mergeInquiry(reference: String, into: String, force: Bool) throws
    func unmergeInquiry(reference: String) throws

    func batches() throws -> [BatchSummary]
    func addBatch(_ form: BatchForm) throws -> BatchAdded
    func batch(code: String) throws -> BatchView
    func updateBatch(code: String, changes: BatchChanges) throws -> BatchUpdated
    func setBatchStatus(code: String, status: BatchStatus, note: String) throws
    /// All or nothing, as ``importInquiries(file:limits:dryRun:progress:)``.
    func importManifest(code: String, file: URL, limits: CSVLimits, dryRun: Bool, acceptCount: Bool) throws -> ImportSummary
    func returnedRecord(address: String) throws -> ReturnedRecordView
    func updateRecord(address: String, changes: ManifestForm) throws -> RecordUpdated
    /// The record's address as stored.
    func voidRecord(address: String, reason: String) throws -> String

    func matchBatch(code: String, top: Int, minScore: Double?, save: Bool) throws -> BatchMatches
    func matchInquiry(reference: String, top: Int, minScore: Double?, save: Bool) throws -> InquiryMatches
    func links(batch: String?, inquiry: String?, state: String?) throws -> [LinkView]
    func confirmLink(id: Int64) throws -> LinkDecided
    func rejectLink(id: Int64, reason: String) throws -> LinkDecided
    func verifyAudit(expectedHead: (seq: Int64, hash: String)?) throws -> AuditVerification
    func checkDatabase() throws -> DatabaseCheck
    /// A verified online copy in a new 0600 file, and its audit head in `FILE.head`.
    func backup(to file: String) throws -> BackupWritten
    /// The export document, into a new 0600 file or, without one, to `sink` as it is made.
    func exportDatabase(toFile file: String?, writing sink: @escaping @Sendable (Data) throws -> Void) throws -> ExportWritten

    /// A report rendered and audited, then written to `file` (a new file, 0600) or handed to
    /// `sink` (standard output).
    func familyReport(reference: String, format: FamilyReportFormat, language: ReportLanguage?, toFile file: String?,
                      writing sink: ((Data) throws -> Void)?) throws -> RenderedReport
    func batchReport(code: String, format: CoordinatorReportFormat, language: ReportLanguage, toFile file: String?,
                     writing sink: ((Data) throws -> Void)?) throws -> RenderedReport
    func statsReport(format: CoordinatorReportFormat, language: ReportLanguage, toFile file: String?,
                     writing sink: ((Data) throws -> Void)?) throws -> RenderedReport
    func auditLog(_ filter: AuditFilter) throws -> [AuditEventView]

    func setIdentificationStatus(record: String, to status: IdentificationStatus, _ step: IdentificationStep) throws -> IdentificationChanged
    func confirmIdentification(record: String, proposal: Int64?, note: String?) throws -> IdentificationConfirmed
    func identificationHistory(record: String) throws -> [IdentificationEventView]
}

/// A session just opened: its token (kept in the session file, never printed) and who it is for.
struct NewSession {
    let token: String
    let name: String
    let role: Role
    let expiresAt: String
}

/// A backup made: its audit events and head (SEQ:HASH), and where the head was written.
struct BackupWritten {
    let auditEvents: Int
    let head: String
    let headFile: String
}

/// An export written: the schema version, tables and rows it holds, the columns withheld.
struct ExportWritten {
    let schemaVersion: String
    let tables: Int
    let rows: Int
    let withheld: [String]
}

/// The logged-in user.
struct SignedIn {
    let name: String
    let role: Role
}

/// ``HomewardService`` on the core in this process: each call is the core's use case for the
/// user of the context's session token.
struct LocalService: HomewardService {
    let homeward: Homeward
    /// The session token: HOMEWARD_TOKEN or the session file, read when a call needs it.
    let token: () throws -> String

    private func actor() throws -> Actor { try homeward.authenticate(token: try token()) }

    func sessionKey() throws -> String { try homeward.databaseID() }

    func login(name: String, password: String) throws -> NewSession {
        let session = try homeward.login(name: name, password: password)
        return NewSession(token: session.token, name: session.actor.name, role: session.actor.role, expiresAt: session.expiresAt)
    }

    func endSession(token: String, reason: SessionEndReason) throws -> SessionEnd {
        try homeward.revokeSession(token: token, reason: reason)
    }

    func whoami() throws -> SignedIn {
        let actor = try actor()
        return SignedIn(name: actor.name, role: actor.role)
    }

    func users() throws -> [UserSummary] { try homeward.listUsers(try actor()) }

    func addUser(name: String, role: Role, password: String) throws {
        try homeward.addUser(try actor(), name: name, role: role, password: password)
    }

    func setRole(name: String, role: Role) throws -> Bool { try homeward.setRole(try actor(), name: name, role: role) }

    func setUserEnabled(name: String, _ enabled: Bool) throws {
        enabled ? try homeward.enableUser(try actor(), name: name) : try homeward.disableUser(try actor(), name: name)
    }

    func changePassword(name: String, newPassword: String, currentPassword: String?) throws {
        try homeward.changePassword(try actor(), name: name, newPassword: newPassword, currentPassword: currentPassword)
    }

    func isOwnAccount(name: String) throws -> Bool { try homeward.isOwnAccount(try actor(), name: name) }

    func revokeSessions(name: String) throws -> Int { try homeward.revokeSessions(try actor(), name: name) }

    func assignBatch(user: String, code: String) throws { try homeward.assignBatch(try actor(), user: user, code: code) }

    func unassignBatch(user: String, code: String) throws { try homeward.unassignBatch(try actor(), user: user, code: code) }

    func settings() throws -> [SettingView] { try homeward.settings(try actor()) }

    func setSetting(key: String, value: String) throws -> String { try homeward.setSetting(try actor(), key: key, value: value) }

    func unsetSetting(key: String) throws -> Bool { try homeward.unsetSetting(try actor(), key: key) }

    func inquiries(_ filter: InquiryFilter) throws -> [InquirySummary] { try homeward.inquiries(try actor(), filter: filter) }

    func addInquiry(_ form: InquiryForm, coordinator: String?) throws -> InquiryAdded {
        try homeward.addInquiry(try actor(), form, coordinator: coordinator)
    }

    func importInquiries(file: URL, limits: CSVLimits, dryRun: Bool, progress: ((Int, Int) -> Void)?) throws -> ImportSummary {
        try homeward.importInquiries(try actor(), file: file, limits: limits, dryRun: dryRun, progress: progress)
    }

    func inquiry(reference: String) throws -> InquiryView { try homeward.inquiry(try actor(), reference: reference) }

    func updateInquiry(reference: String, changes: InquiryForm, coordinator: String?) throws -> [String] {
        try homeward.updateInquiry(try actor(), reference: reference, changes: changes, coordinator: coordinator)
    }

    func closeInquiry(reference: String, withdrawn: Bool, reason: String) throws {
        try homeward.closeInquiry(try actor(), reference: reference, withdrawn: withdrawn, reason: reason)
    }

    func recordContact(reference: String, channel: ContactChannel, note: String, outcome: ContactOutcome?) throws -> ContactRecorded {
        try homeward.recordContact(try actor(), reference: reference, channel: channel, note: note, outcome: outcome)
    }

    func find(_ text: String, limit: Int?) throws -> [SearchResult] { try homeward.find(try actor(), text, limit: limit) }

    func previewInquiry(_ form: InquiryForm, coordinator: String?) throws -> InquiryPreview {
        try homeward.previewInquiry(try actor(), form, coordinator: coordinator)
    }

    func inquiryHistory(reference: String) throws -> [InquiryHistoryEntry] { try homeward.inquiryHistory(try actor(), reference: reference) }

    func reopenInquiry(reference: String, reason: String) throws -> String {
        try homeward.reopenInquiry(try actor(), reference: reference, reason: reason)
    }

    func mergeInquiry(reference: String, into: String, force: Bool) throws {
        try homeward.mergeInquiry(try actor(), reference: reference, into: into, force: force)
    }

    func unmergeInquiry(reference: String) throws { try homeward.unmergeInquiry(try actor(), reference: reference) }

    func batches() throws -> [BatchSummary] { try homeward.batches(try actor()) }

    func addBatch(_ form: BatchForm) throws -> BatchAdded { try homeward.addBatch(try actor(), form) }

    func batch(code: String) throws -> BatchView { try homeward.batch(try actor(), code: code) }

    func updateBatch(code: String, changes: BatchChanges) throws -> BatchUpdated {
        try homeward.updateBatch(try actor(), code: code, changes: changes)
    }

    func setBatchStatus(code: String, status: BatchStatus, note: String) throws {
        try homeward.setBatchStatus(try actor(), code: code, status: status, note: note)
    }

    func importManifest(code: String, file: URL, limits: CSVLimits, dryRun: Bool, acceptCount: Bool) throws -> ImportSummary {
        try homeward.importManifest(try actor(), code: code, file: file, limits: limits, dryRun: dryRun, acceptCount: acceptCount)
    }

    func returnedRecord(address: String) throws -> ReturnedRecordView { try homeward.returnedRecord(try actor(), address: address) }

    func updateRecord(address: String, changes: ManifestForm) throws -> RecordUpdated {
        try homeward.updateRecord(try actor(), address: address, changes: changes)
    }

    func voidRecord(address: String, reason: String) throws -> String {
        try homeward.voidRecord(try actor(), address: address, reason: reason)
    }

    func matchBatch(code: String, top: Int, minScore: Double?, save: Bool) throws -> BatchMatches {
        try homeward.matchBatch(try actor(), code: code, top: top, minScore: minScore, save: save)
    }

    func matchInquiry(reference: String, top: Int, minScore: Double?, save: Bool) throws -> InquiryMatches {
        try homeward.matchInquiry(try actor(), reference: reference, top: top, minScore: minScore, save: save)
    }

    func links(batch: String?, inquiry: String?, state: String?) throws -> [LinkView] {
        try homeward.links(try actor(), batch: batch, inquiry: inquiry, state: state)
    }

    func confirmLink(id: Int64) throws -> LinkDecided { try homeward.confirmLink(try actor(), id: id) }

    func rejectLink(id: Int64, reason: String) throws -> LinkDecided { try homeward.rejectLink(try actor(), id: id, reason: reason) }

    func verifyAudit(expectedHead: (seq: Int64, hash: String)?) throws -> AuditVerification {
        try homeward.verifyAudit(try actor(), expectedHead: expectedHead)
    }

    func auditLog(_ filter: AuditFilter) throws -> [AuditEventView] {
        try homeward.auditLog(try actor(), filter: filter).map(AuditEventView.init)
    }

    func checkDatabase() throws -> DatabaseCheck { try homeward.checkDatabase(try actor()) }

    func backup(to file: String) throws -> BackupWritten {
        let backup = try homeward.backup(try actor(), to: file)
        return BackupWritten(auditEvents: backup.check.auditEvents, head: "\(backup.headSeq):\(backup.headHash)", headFile: backup.headFile)
    }

    func exportDatabase(toFile file: String?, writing sink: @escaping @Sendable (Data) throws -> Void) throws -> ExportWritten {
        let summary = try file.map { try homeward.exportDatabase(try actor(), toFile: $0) }
            ?? homeward.exportDatabase(try actor(), writing: sink)
        return ExportWritten(schemaVersion: summary.schemaVersion, tables: summary.rowCounts.count, rows: summary.totalRows,
                             withheld: summary.withheld.map { "\($0.table).\($0.column)" })
    }

    func familyReport(reference: String, format: FamilyReportFormat, language: ReportLanguage?, toFile file: String?,
                      writing sink: ((Data) throws -> Void)?) throws -> RenderedReport {
        try homeward.familyReport(try actor(), reference: reference, format: format, language: language, toFile: file, writing: sink)
    }

    func batchReport(code: String, format: CoordinatorReportFormat, language: ReportLanguage, toFile file: String?,
                     writing sink: ((Data) throws -> Void)?) throws -> RenderedReport {
        try homeward.batchReport(try actor(), code: code, format: format, language: language, toFile: file, writing: sink)
    }

    func statsReport(format: CoordinatorReportFormat, language: ReportLanguage, toFile file: String?,
                     writing sink: ((Data) throws -> Void)?) throws -> RenderedReport {
        try homeward.statsReport(try actor(), format: format, language: language, toFile: file, writing: sink)
    }

    func setIdentificationStatus(record: String, to status: IdentificationStatus, _ step: IdentificationStep) throws -> IdentificationChanged {
        try homeward.setIdentificationStatus(try actor(), record: record, to: status, step)
    }

    func confirmIdentification(record: String, proposal: Int64?, note: String?) throws -> IdentificationConfirmed {
        try homeward.confirmIdentification(try actor(), record: record, proposal: proposal, note: note)
    }

    func identificationHistory(record: String) throws -> [IdentificationEventView] {
        try homeward.identificationHistory(try actor(), record: record)
    }
}
