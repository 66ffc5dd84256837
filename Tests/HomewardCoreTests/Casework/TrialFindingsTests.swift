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
            #expect(error.localizedDescription == "permission denied: a volunteer may not read the audit trail, even of their own actions; "
                    + "only admin, coordinator and auditor accounts may: ask one to do it, or log in as one ('homeward login NAME')")
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

/// Findings of the second new-user trial (after the hardening merges).
@Suite struct SecondTrialFindingsTests {
    @Test func aNameTypedAsARecordAddressNeverEntersTheTrail() throws {
        let (homeward, admin, olena) = try makeCasework()
        let code = try batchWithManifest(homeward, olena)
        _ = try? homeward.voidRecord(olena, address: "\(code)/Олена Петренко", reason: "x")
        _ = try? homeward.returnedRecord(olena, address: "\(code)/maria@example.org")
        let trail = try homeward.auditLog(admin)
        #expect(!trail.contains { ($0.entityID ?? "").contains("Олена") || ($0.entityID ?? "").contains("maria") })
        #expect(trail.contains { $0.action == "record.void" && $0.outcome == .failed && $0.entityID?.hasPrefix("unknown:") == true })
        // Real addresses stay readable.
        _ = try homeward.voidRecord(olena, address: "\(code)/R-3", reason: "duplicate of R-2")
        #expect(try homeward.auditLog(admin).last?.entityID == "\(code)/R-3")
    }

    @Test func aCoordinatorGivenAsAPersonsNameIsNotRepeated() throws {
        let (homeward, _, olena) = try makeCasework()
        for typed in ["Олена Петренко", "maria@example.org", "+380501234567"] {
            do {
                _ = try homeward.addInquiry(olena, shevchenkoForm(), coordinator: typed)
                Issue.record("\(typed) was accepted as a coordinator")
            } catch {
                #expect(!error.localizedDescription.contains(typed))
                #expect(error.localizedDescription.contains("not an active coordinator"))
            }
        }
    }

    @Test func settingTheRoleAUserHasChangesNothing() throws {
        let (homeward, admin) = try makeHomeward()
        let vera = try addAndLogin(homeward, admin: admin, name: "vera", role: .volunteer)
        let before = try homeward.auditLog(admin).count
        #expect(try homeward.setRole(admin, name: "vera", role: .volunteer) == false)
        _ = try homeward.authenticate(token: vera.token)
        #expect(try homeward.auditLog(admin).count == before)
        #expect(try homeward.setRole(admin, name: "vera", role: .coordinator))
        #expect(throws: AccessError.sessionRevoked) { try homeward.authenticate(token: vera.token) }
    }

    @Test func unknownUserMessagesReadAsSentences() {
        #expect(AccountError.noSuchUser("Олена").localizedDescription == "no user has that name; see 'homeward user list'")
        #expect(AccountError.noSuchUser("vera").localizedDescription == "no user named \"vera\"; see 'homeward user list'")
        #expect(CaseworkError.malformedReference("garbage").kind == .usage)
        #expect(CaseworkError.referenceCheckFailed("HW-2025-000001-A").kind == .badInput)
    }

    @Test func listingByAnUnknownCoordinatorIsAnErrorNotAnEmptyList() throws {
        let (homeward, admin, olena) = try makeCasework()
        _ = try homeward.addInquiry(olena, shevchenkoForm())
        #expect(try homeward.inquiries(olena, filter: InquiryFilter(coordinator: "OLENA")).count == 1)
        try homeward.addUser(admin, name: "vera", role: .volunteer, password: otherPassword)
        for name in ["nobody", "vera"] {
            #expect(throws: CaseworkError.self) { try homeward.inquiries(olena, filter: InquiryFilter(coordinator: name)) }
        }
    }

    @Test func aNationalNumberOneDigitShortIsTooShortNotATrunkPrefix() {
        #expect(PhoneNumber.parse("067 123 45 6") == .failure(.tooShort(countryCode: 380)))
        #expect(PhoneNumber.parse("+380 067 123 45 67") == .failure(.trunkPrefix(countryCode: 380)))
    }
}
