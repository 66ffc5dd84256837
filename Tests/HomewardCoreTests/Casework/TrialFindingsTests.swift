import Foundation
import Testing
@testable import HomewardCore

/// Issue 6 item 13: small things the new-user trial found, each pinned.
@Suite struct TrialFindingsTests {
    @Test func closingAClosedInquirySaysItIsAlreadyClosed() throws {
        let (homeward, _, olena) = try makeCasework()
        let reference = try homeward.addInquiry(olena, shevchenkoForm()).reference
        try homeward.closeInquiry(olena, reference: reference, withdrawn: false, reason: "identified")
        do {
            try homeward.closeInquiry(olena, reference: reference, withdrawn: false, reason: "again")
            Issue.record("closing twice was accepted")
        } catch let error as CaseworkError {
            let message = error.localizedDescription
            #expect(message.contains("already resolved"))
            #expect(!message.contains("cannot become resolved"))
        }
    }

    @Test func aVolunteerIsToldTheyMayNotReadTheAuditTrail() throws {
        let (homeward, admin) = try makeHomeward()
        let vera = try addAndLogin(homeward, admin: admin, name: "vera", role: .volunteer)
        do {
            _ = try homeward.auditLog(vera.actor)
            Issue.record("a volunteer read the audit trail")
        } catch let error as AccessError {
            #expect(error.localizedDescription == "permission denied: a volunteer may not read the audit trail, even of their own actions")
        }
    }

    @Test func anAdminsPhoneSearchIsRefusedNotAnsweredWithNoMatches() throws {
        let (homeward, admin, olena) = try makeCasework()
        _ = try homeward.addInquiry(olena, shevchenkoForm())
        #expect(try homeward.search(olena, "0501234567").count == 1)
        #expect(throws: AccessError.denied(role: .admin, permission: .seeContactDetails)) {
            try homeward.search(admin, "050 123 45 67")
        }
        // A service number with digits is still searched for an admin.
        #expect(try homeward.search(admin, "ЗСУ-4471203").count == 1)
        let refused = try homeward.auditLog(admin, filter: AuditFilter(action: "search.phone")).last
        #expect(refused?.outcome == .denied)
    }
}
