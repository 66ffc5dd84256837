import Foundation
import GRDB
@testable import HomewardCore

/// A remains batch (R-1 … R-3, see ``batchWithManifest``) with an inquiry about Шевченко
/// Олексій whose link to R-1 is confirmed; coordinators olena, petro and ivan; volunteer vera
/// assigned to the batch; an auditor.
struct IdentificationFixture {
    let homeward: Homeward
    let admin: Actor
    let olena: Actor
    let petro: Actor
    let ivan: Actor
    let vera: Actor
    let auditor: Actor
    let code: String
    let reference: String
    /// The confirmed link of R-1.
    let linkID: Int64

    var r1: String { "\(code)/R-1" }
    var r2: String { "\(code)/R-2" }

    init(clock: TestClock = TestClock()) throws {
        let (homeward, admin, olena) = try makeCasework(clock: clock)
        self.homeward = homeward
        self.admin = admin
        self.olena = olena
        petro = try addAndLogin(homeward, admin: admin, name: "petro", role: .coordinator).actor
        ivan = try addAndLogin(homeward, admin: admin, name: "ivan", role: .coordinator).actor
        vera = try addAndLogin(homeward, admin: admin, name: "vera", role: .volunteer).actor
        auditor = try addAndLogin(homeward, admin: admin, name: "audra", role: .auditor).actor
        code = try batchWithManifest(homeward, olena)
        try homeward.assignBatch(admin, user: "vera", code: code)
        reference = try homeward.addInquiry(olena, shevchenkoForm()).reference
        // Every candidate, whatever its score: the fixture needs a link on R-1, not a good one.
        _ = try homeward.matchBatch(olena, code: code, minScore: -99, save: true)
        let links = try homeward.links(olena, batch: code)
        let record = "\(code)/R-1"
        guard let link = links.first(where: { $0.record == record }) else { throw FixtureError.noCandidate }
        linkID = link.id
        _ = try homeward.confirmLink(olena, id: link.id)
    }

    enum FixtureError: Error { case noCandidate }

    func status(_ record: String) throws -> String {
        try homeward.returnedRecord(olena, address: record).status
    }

    func inquiryStatus() throws -> String {
        try homeward.inquiry(olena, reference: reference).status
    }

    func events() throws -> Int {
        try homeward.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM identification_event") ?? -1 }
    }

    /// The newest audit event of `action`.
    func lastAudit(_ action: String) throws -> AuditEvent? {
        try homeward.auditLog(admin, filter: AuditFilter(action: action)).last
    }

    /// Puts the record through `steps` as olena (petro confirms an identification).
    func advance(_ record: String, through steps: [IdentificationStatus]) throws {
        for step in steps {
            switch step {
            case .identified:
                _ = try homeward.setIdentificationStatus(olena, record: record, to: .identified, IdentificationStep(method: .dna))
                _ = try homeward.confirmIdentification(petro, record: record)
            case .familyNotified:
                _ = try homeward.setIdentificationStatus(olena, record: record, to: step, IdentificationStep(via: .inPerson))
            case .revoked:
                _ = try homeward.setIdentificationStatus(olena, record: record, to: step, IdentificationStep(note: "wrong"))
            default:
                _ = try homeward.setIdentificationStatus(olena, record: record, to: step)
            }
        }
    }
}

extension Error {
    /// The failure kind of a core error, to check the exit code a front would map it to.
    var failureKind: FailureKind? { (self as? any HomewardFailure)?.kind }
}
