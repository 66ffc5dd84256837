import Foundation
import Testing
@testable import HomewardCore

@Suite struct ReturnedRecordTests {
    @Test func showGivesEveryField() throws {
        let (homeward, _, olena) = try makeCasework()
        let code = try batchWithManifest(homeward, olena)
        let record = try homeward.returnedRecord(olena, address: "\(code.lowercased())/r-1")
        #expect(record.record == "\(code)/R-1")
        #expect(record.name == "Ткаченко Дмитро" && record.nameLatin == "Tkachenko Dmytro")
        #expect(record.serviceNumber == "ЗСУ-5520981")
        #expect(record.effects == "cross, watch" && record.recoveryPlace == "near Bakhmut")
        #expect(record.recoveryRegion == "UA-14" && record.recoveryRegionName == "Donetsk Oblast")
        #expect(!record.voided && record.changes.isEmpty)
        #expect(throws: CaseworkError.noSuchRecord("\(code)/R-9")) { try homeward.returnedRecord(olena, address: "\(code)/R-9") }
        #expect(throws: CaseworkError.self) { try homeward.returnedRecord(olena, address: "\(code)/") }
    }

    @Test func updateChecksTheWholeRecordAndKeepsHistory() throws {
        let (homeward, _, olena) = try makeCasework()
        let code = try batchWithManifest(homeward, olena)
        var changes = ManifestForm()
        changes.ageMax = "40"
        changes.effects = ""
        changes.serviceNumber = "ЗСУ-5520982"
        let updated = try homeward.updateRecord(olena, address: "\(code)/R-1", changes: changes)
        #expect(updated.changed == ["service_number", "age_max", "effects"])
        let record = try homeward.returnedRecord(olena, address: "\(code)/R-1")
        #expect(record.ageMax == 40 && record.effects == nil && record.updatedAt != nil)
        #expect(record.changes.map(\.field) == ["service_number", "age_max", "effects"])
        #expect(record.changes[1].oldValue == "35" && record.changes[1].newValue == "40")
        let found = try homeward.find(olena, "ЗСУ-5520982").compactMap { result -> String? in
            if case let .record(hit) = result { return hit.record }
            return nil
        }
        #expect(found == ["\(code)/R-1"])
        let event = try #require(try homeward.auditLog(olena, filter: AuditFilter(action: "record.update")).last)
        #expect(!event.details.contains("5520982") && event.details.contains("age_max"))

        let before = try tableCounts(homeward)
        var bad = ManifestForm()
        bad.ageMin = "50"  // above the age_max of 40
        bad.kind = "returnee"  // a remains batch
        #expect {
            try homeward.updateRecord(olena, address: "\(code)/R-1", changes: bad)
        } throws: { error in
            guard case let CaseworkError.invalid(problems) = error else { return false }
            return Set(problems.map(\.field)) == ["age_max", "kind"]
        }
        var clash = ManifestForm()
        clash.tag = "r-2"
        #expect(throws: CaseworkError.self) { try homeward.updateRecord(olena, address: "\(code)/R-1", changes: clash) }
        #expect(try tableCounts(homeward) == before)
    }

    @Test func voidedRecordsLeaveListsCountsAndSearchAndFreeTheirTag() throws {
        let (homeward, _, olena) = try makeCasework()
        let code = try batchWithManifest(homeward, olena)
        #expect(try homeward.voidRecord(olena, address: "\(code)/r-1", reason: "entered twice") == "\(code)/R-1")
        let view = try homeward.batch(olena, code: code)
        #expect(view.records.map(\.record) == ["\(code)/R-2", "\(code)/R-3"])
        #expect(view.summary.manifestRecords == 2 && view.voidedRecords == 1 && view.recordsByKind == ["remains": 2])
        #expect(try homeward.batches(olena).first?.manifestRecords == 2)
        #expect(try homeward.find(olena, "ЗСУ-5520981").isEmpty)
        #expect(try homeward.find(olena, "Ткаченко").isEmpty)

        // Still readable, and it cannot be changed or voided again.
        let voided = try homeward.returnedRecord(olena, address: "\(code)/R-1")
        #expect(voided.voided && voided.voidReason == "entered twice" && voided.voidedBy == "olena" && voided.name == "Ткаченко Дмитро")
        let before = try tableCounts(homeward)
        #expect(throws: CaseworkError.self) { try homeward.voidRecord(olena, address: "\(code)/R-1", reason: "again") }
        var changes = ManifestForm()
        changes.notes = "late note"
        #expect(throws: CaseworkError.self) { try homeward.updateRecord(olena, address: "\(code)/R-1", changes: changes) }
        #expect(throws: CaseworkError.self) { try homeward.voidRecord(olena, address: "\(code)/R-2", reason: "") }
        #expect(try tableCounts(homeward) == before)

        // The tag is free: a manifest may use it again, and CODE/TAG now names the new record.
        let again = try CSVTable(bytes: csv(["tag,kind,age_min", "R-1,remains,50"]))
        _ = try homeward.importManifest(olena, code: code, table: again)
        let current = try homeward.returnedRecord(olena, address: "\(code)/R-1")
        #expect(!current.voided && current.ageMin == 50)
        #expect(try homeward.batch(olena, code: code).summary.manifestRecords == 3)
        let event = try #require(try homeward.auditLog(olena, filter: AuditFilter(action: "record.void")).last { $0.outcome == .ok })
        #expect(event.entityID == "\(code)/R-1" && !event.details.contains("twice"))
    }

    @Test func volunteersReadOnlyTheirBatchesRecordsAndChangeNone() throws {
        let (homeward, admin, olena) = try makeCasework()
        let code = try batchWithManifest(homeward, olena)
        let vera = try addAndLogin(homeward, admin: admin, name: "vera", role: .volunteer).actor
        #expect(throws: AccessError.notAssigned(batch: code)) { try homeward.returnedRecord(vera, address: "\(code)/R-1") }
        // Not even whether a tag exists.
        #expect(throws: AccessError.notAssigned(batch: code)) { try homeward.returnedRecord(vera, address: "\(code)/NOPE") }
        #expect(try homeward.auditLog(admin, filter: AuditFilter(action: "record.show")).last?.outcome == .denied)
        try homeward.assignBatch(admin, user: "vera", code: code)
        #expect(try homeward.returnedRecord(vera, address: "\(code)/R-1").effects == "cross, watch")
        #expect(throws: AccessError.self) { try homeward.voidRecord(vera, address: "\(code)/R-1", reason: "no") }
        #expect(throws: AccessError.self) { try homeward.updateRecord(vera, address: "\(code)/R-1", changes: ManifestForm()) }
    }
}
