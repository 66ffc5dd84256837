import Foundation
import Testing
@testable import HomewardCore

@Suite struct AssignmentTests {
    @Test func onlyVolunteersAreAssignedAndUnassignEndsTheirAccess() throws {
        let (homeward, admin, olena) = try makeCasework()
        let code = try batchWithManifest(homeward, olena)
        let vera = try addAndLogin(homeward, admin: admin, name: "vera", role: .volunteer).actor
        let before = try tableCounts(homeward)
        for name in ["olena", "alice"] {
            #expect {
                try homeward.assignBatch(admin, user: name, code: code)
            } throws: { error in
                (error as? CaseworkError)?.errorDescription?.contains("only volunteers are assigned") == true
            }
        }
        #expect(try tableCounts(homeward) == before)

        try homeward.assignBatch(admin, user: "vera", code: code)
        #expect(try homeward.batches(vera).map(\.code) == [code])
        try homeward.unassignBatch(admin, user: "VERA", code: code.lowercased())
        #expect(try homeward.batches(vera).isEmpty)
        #expect(throws: AccessError.notAssigned(batch: code)) { try homeward.batch(vera, code: code) }
        #expect(try homeward.auditLog(admin, filter: AuditFilter(action: "user.unassign")).last?.outcome == .ok)

        let afterUnassign = try tableCounts(homeward)
        #expect(throws: CaseworkError.invalidTransition("vera is not assigned to \(code); nothing to undo")) {
            try homeward.unassignBatch(admin, user: "vera", code: code)
        }
        #expect(throws: CaseworkError.noSuchBatch("B-2025-999")) { try homeward.unassignBatch(admin, user: "vera", code: "B-2025-999") }
        #expect(throws: AccountError.noSuchUser("nobody")) { try homeward.unassignBatch(admin, user: "nobody", code: code) }
        #expect(try tableCounts(homeward) == afterUnassign)
        #expect(throws: AccessError.self) { try homeward.unassignBatch(olena, user: "vera", code: code) }
    }
}
