import Foundation
import Testing
@testable import HomewardCore

@Suite struct BatchTests {
    func june2025() -> BatchForm {
        BatchForm(date: "2025-06-14", kind: "remains", received: 6, handedOver: 27,
                  regions: ["Donetsk,Луганська область", "Kherson", "UA-14"], agreement: "Istanbul 2025-06-02",
                  sources: ["Coordination HQ|2025-06-14|1,212 bodies returned", "press release"])
    }

    @Test func addRecordsRegionsSourcesAndHistory() throws {
        let (homeward, _, olena) = try makeCasework()
        let code = try homeward.addBatch(olena, june2025()).code
        #expect(code == "B-2025-001")
        #expect(try homeward.addBatch(olena, june2025()).code == "B-2025-002")
        let view = try homeward.batch(olena, code: code.lowercased())
        #expect(view.summary.regions == ["UA-09", "UA-14", "UA-65"])
        #expect(view.sources.first == BatchView.Source(text: "1,212 bodies returned", saidBy: "Coordination HQ", saidOn: "2025-06-14"))
        #expect(view.sources.last?.saidBy == nil)
        #expect(view.history.map(\.status) == ["announced"])
        try homeward.setBatchStatus(olena, code: code, status: .postponed, note: "moved by a week")
        try homeward.setBatchStatus(olena, code: code, status: .completed, note: "done")
        #expect(try homeward.batch(olena, code: code).history.map(\.status) == ["announced", "postponed", "completed"])
        #expect(throws: CaseworkError.self) { try homeward.setBatchStatus(olena, code: code, status: .completed, note: "again") }
        #expect(throws: CaseworkError.self) { try homeward.setBatchStatus(olena, code: code, status: .disputed, note: "") }
    }

    @Test func invalidBatchFieldsAreAllNamed() throws {
        let (homeward, _, olena) = try makeCasework()
        let form = BatchForm(date: "2025-02-30", kind: "bodies", received: -1, regions: ["Atlantis"], sources: ["x|notadate|y"])
        #expect {
            try homeward.addBatch(olena, form)
        } throws: { error in
            guard case let CaseworkError.invalid(problems) = error else { return false }
            return Set(problems.map(\.field)) == ["date", "kind", "received", "regions", "source"]
        }
    }

    @Test func volunteersSeeOnlyAssignedBatches() throws {
        let (homeward, admin, olena) = try makeCasework()
        let one = try homeward.addBatch(olena, june2025()).code
        let two = try homeward.addBatch(olena, june2025()).code
        let vera = try addAndLogin(homeward, admin: admin, name: "vera", role: .volunteer)
        #expect(try homeward.batches(vera.actor).isEmpty)
        try homeward.assignBatch(admin, user: "vera", code: two)
        #expect(try homeward.batches(vera.actor).map(\.code) == [two])
        #expect(throws: AccessError.notAssigned(batch: one)) { try homeward.batch(vera.actor, code: one) }
        #expect(throws: AccessError.self) { try homeward.addBatch(vera.actor, june2025()) }
    }

    static let manifestHeader = "tag,kind,name,service_number,sex,age_min,age_max,recovery_region,recovery_place,recovery_date,effects,notes"

    @Test func manifestImportsAllOrNothingWithUniqueTagsAndACountCheck() throws {
        let (homeward, _, olena) = try makeCasework()
        let code = try homeward.addBatch(olena, june2025()).code
        let good = try CSVTable(bytes: csv([
            Self.manifestHeader,
            "R-1,remains,,,male,25,35,Donetsk,near Bakhmut,2025-05-02,\"tag \"\"ЗСУ\"\", cross\",",
            "R-2,remains,Ткаченко Д.,ЗСУ-1,m,20,30,UA-14,,2025-04-18,,",
            "R-3,remains,,,,,,Запорізька область,,,,",
        ], newline: "\r\n", bom: true))
        let dry = try homeward.importManifest(olena, code: code, table: good, dryRun: true)
        #expect(dry.rows == 3 && dry.dryRun)
        #expect(try homeward.batch(olena, code: code).summary.manifestRecords == 0)
        let summary = try homeward.importManifest(olena, code: code, table: good)
        #expect(summary.warnings.contains { $0.reason.contains("3 of 6") })
        let view = try homeward.batch(olena, code: code)
        #expect(view.records.map(\.record) == ["\(code)/R-1", "\(code)/R-2", "\(code)/R-3"])
        #expect(view.records[2].recoveryRegion == "UA-23")
        #expect(view.countDiscrepancy?.contains("3 not yet listed") == true)

        // A repeated tag (within the file or against the batch) refuses the whole file.
        let clash = try CSVTable(bytes: csv([Self.manifestHeader, "R-4,remains,,,,,,,,,,", "R-1,remains,,,,,,,,,,", "R-4,remains,,,,,,,,,,"]))
        #expect {
            try homeward.importManifest(olena, code: code, table: clash)
        } throws: { error in
            guard case let ImportError.invalidRows(problems, bad, _) = error else { return false }
            return bad == 2 && problems.map(\.line) == [3, 4]
        }
        #expect(try homeward.batch(olena, code: code).summary.manifestRecords == 3)

        // More records than received is refused unless the count is raised on purpose.
        let extra = try CSVTable(bytes: csv([Self.manifestHeader] + (10...14).map { "R-\($0),remains,,,,,,,,,," }))
        #expect(throws: ImportError.self) { try homeward.importManifest(olena, code: code, table: extra) }
        _ = try homeward.importManifest(olena, code: code, table: extra, acceptCount: true)
        #expect(try homeward.batch(olena, code: code).summary.received == 8)
    }

    @Test func manifestRowProblemsNameLineAndColumn() throws {
        let (homeward, _, olena) = try makeCasework()
        let code = try homeward.addBatch(olena, june2025()).code
        let table = try CSVTable(bytes: csv([
            "tag,kind,age_min,age_max,recovery_date,notes",
            "A,remains,30,20,2025-01-01,\"two\nlines\"",
            "B,skeleton,,,,",
            "C,remains,,,2099-01-01,",
            "E,remains,,,,",
        ]))
        #expect {
            try homeward.importManifest(olena, code: code, table: table)
        } throws: { error in
            guard case let ImportError.invalidRows(problems, bad, total) = error else { return false }
            return bad == 3 && total == 4
                && problems.map(\.description) == [
                    "line 2, column age_max: 20 is below age_min 30",
                    "line 4, column kind: \"skeleton\" is not a record kind; use remains or returnee",
                    "line 5, column recovery_date: \"2099-01-01\" is in the future (today is 2025-06-15)",
                ]
        }
    }
}
