import Foundation
import Testing
@testable import HomewardCore

@Suite struct BatchCorrectionTests {
    @Test func correctionsChangeTheBatchAndKeepOldValuesInTheHistory() throws {
        let (homeward, _, olena) = try makeCasework()
        let code = try batchWithManifest(homeward, olena)
        let updated = try homeward.updateBatch(olena, code: code, changes: BatchChanges(
            received: .count(1212), handedOver: .unknown, regions: ["Kherson,Zaporozhye"], transferPoint: "Belarus border",
            addedSources: ["Ministry|2025-06-15|1,212 bodies"], reason: "official figures"))
        #expect(updated.changed == ["received_count", "handed_over_count", "regions", "transfer_point", "sources"])
        #expect(updated.warnings == ["\(code): manifest lists 3 of 1212 received (1209 not yet listed)"])
        let view = try homeward.batch(olena, code: code)
        #expect(view.summary.received == 1212 && view.summary.handedOver == nil)
        #expect(view.summary.regions == ["UA-23", "UA-65"])
        #expect(view.transferPoint == "Belarus border")
        #expect(view.sources.map(\.text) == ["bodies returned", "1,212 bodies"])
        let received = try #require(view.changes.first)
        #expect(received.field == "received_count" && received.oldValue == "3" && received.newValue == "1212")
        #expect(received.note == "official figures" && received.by == "olena")
        #expect(view.changes.first { $0.field == "regions" }?.oldValue == "UA-09,UA-14")
        #expect(view.changes.first { $0.field == "handed_over_count" }?.newValue == nil)
        let event = try #require(try homeward.auditLog(olena, filter: AuditFilter(action: "batch.update")).last)
        #expect(event.details.contains("received_count") && !event.details.contains("Belarus"))

        // Clearing and replacing; values already recorded change nothing and leave no history.
        let cleared = try homeward.updateBatch(olena, code: code, changes: BatchChanges(agreement: "", sources: []))
        #expect(cleared.changed == ["agreement", "sources"])
        #expect(try homeward.batch(olena, code: code).agreement == nil)
        let before = try tableCounts(homeward)
        let same = try homeward.updateBatch(olena, code: code, changes: BatchChanges(received: .count(1212), regions: ["UA-65", "UA-23"]))
        #expect(same.changed.isEmpty)
        #expect(try tableCounts(homeward) == before)
    }

    @Test func badValuesAreAllNamedAndNothingChanges() throws {
        let (homeward, admin, olena) = try makeCasework()
        let code = try batchWithManifest(homeward, olena)
        let before = try tableCounts(homeward)
        #expect {
            try homeward.updateBatch(olena, code: code, changes: BatchChanges(
                received: .count(-1), handedOver: .count(200_000), regions: ["Atlantis"], sources: ["x|notadate|y"]))
        } throws: { error in
            guard case let CaseworkError.invalid(problems) = error else { return false }
            return Set(problems.map(\.field)) == ["received", "handed-over", "regions", "source"]
        }
        #expect(throws: CaseworkError.invalid([FieldProblem(field: "regions", message: "a batch needs at least one recovery region, e.g. --regions Donetsk,Luhansk")])) {
            try homeward.updateBatch(olena, code: code, changes: BatchChanges(regions: [" , "]))
        }
        #expect(throws: CaseworkError.noSuchBatch("B-2025-999")) {
            try homeward.updateBatch(olena, code: "b-2025-999", changes: BatchChanges(received: .unknown))
        }
        #expect(throws: AccessError.self) { try homeward.updateBatch(admin, code: code, changes: BatchChanges(received: .unknown)) }
        var after = try tableCounts(homeward)
        after["audit_event"] = before["audit_event"]  // the refused admin is audited as denied
        #expect(after == before)
    }
}
