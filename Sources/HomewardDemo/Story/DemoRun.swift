import Foundation
import HomewardCore

/// One telling of the story: the database, the staff's sessions and what each step left for
/// the next. Used on one thread, by ``DemoStory/tell()`` only.
final class DemoRun {
    let story: DemoStory
    let cast: DemoCast
    var homeward: Homeward?
    var sessions: [String: IssuedSession] = [:]
    var batches: [BatchSummary] = []
    var manifests: [String: DemoManifest] = [:]
    var inquiries = 0
    var candidates = 0
    var confirmedLinks = 0
    var identified: [String] = []
    var awaitingConfirmation: [String] = []
    var identityVerified: [String] = []
    /// Reference → person number, for the persons whose link was confirmed.
    var linkedReferences: [String: Int] = [:]
    /// Inquiries whose person was identified (reference, person number), in order.
    var identifiedReferences: [(reference: String, person: Int)] = []
    var reports: [DemoOutcome.Report] = []
    var coordinatorReports: [String] = []
    var accounts: [DemoOutcome.Account] = []

    init(story: DemoStory) {
        self.story = story
        cast = DemoCast(scale: story.scale, seed: DemoStory.seed)
    }

    /// The database, once ``openAccounts()`` created it.
    var store: Homeward {
        get throws {
            guard let homeward else { throw StorageError.notInitialised(path: story.databasePath) }
            return homeward
        }
    }

    /// The acting user `name`, logged in by ``openAccounts()``.
    func actor(_ name: String) throws -> Actor {
        guard let session = sessions[name] else { throw AccessError.notLoggedIn }
        return session.actor
    }

    /// Verifies the audit trail (as the auditor), ends every session and sums up.
    func finish() throws -> DemoOutcome {
        let homeward = try store
        let verification = try homeward.verifyAudit(try actor(DemoStaff.auditor))
        for session in sessions.values { _ = try homeward.revokeSession(token: session.token) }
        let sample = identifiedReferences.first
        return DemoOutcome(
            database: homeward.path, accounts: accounts, batches: batches, inquiries: inquiries,
            candidates: candidates, confirmedLinks: confirmedLinks, identified: identified,
            awaitingConfirmation: awaitingConfirmation, identityVerified: identityVerified, reports: reports, coordinatorReports: coordinatorReports,
            auditEvents: verification.eventCount, sampleReference: sample?.reference,
            sampleSearch: sample.map { cast.latinName(of: $0.person) })
    }
}
