import Foundation
import Testing
@testable import HomewardCore

/// Findings of the new-user trial on the coordinators' reports: uncut codes in the table,
/// statuses in workflow order, no days since a transfer that has not happened, a decimal
/// comma in Ukrainian and Russian, and JSON keys that do not depend on the data.
@Suite struct CoordinatorReportLayoutTests {
    @Test func codesReferencesAndStatusWordsAreNeverCut() {
        let rows = [["B-2025-002/R-0005", "HW-2025-000213-P", "Яремишин Григорій Олександрович", "under examination", "7 December 2026"],
                    ["B-2025-003/R-0101", "HW-2024-000001-X", "Савичук Володимир", "особу підтверджено", "07.12.2026"]]
        let lines = TextColumns.lines(header: ["Record", "Inquiry", "Person", "Status", "Confirmed"], rows: rows, numeric: [],
                                      fits: [0: .keep, 1: .keep, 3: .wrap, 4: .wrap], width: 80)
        #expect(lines.allSatisfy { $0.count <= 80 }, "\(lines)")
        let text = lines.joined(separator: "\n")
        for whole in ["B-2025-002/R-0005", "HW-2025-000213-P", "B-2025-003/R-0101", "HW-2024-000001-X", "December", "examination",
                      "підтверджено", "07.12.2026"] {
            #expect(text.contains(whole), "\(whole) is cut:\n\(text)")
        }
        #expect(!text.contains("R-…") && !text.contains("HW-202…"))
    }

    @Test func theBatchTableKeepsEveryRecordAndReferenceWhole() throws {
        let fixture = try CoordinatorReportTests.identified()
        for language in ReportLanguage.allCases {
            let text = try fixture.homeward.batchReportText(fixture.olena, fixture.code, .table, language)
            #expect(text.contains("\(fixture.code)/R-1") && text.contains(fixture.reference), "\(language):\n\(text)")
            #expect(text.split(separator: "\n").allSatisfy { $0.count <= 80 })
        }
    }

    @Test func aPrisonersBatchListsItsStatusesInWorkflowOrder() {
        let order = Homeward.statusOrder(for: [.returnee])
        #expect(Array(order.prefix(2)) == [.arrived, .identityVerified], "\(order)")
        #expect(Homeward.statusOrder(for: [.remains]).first == .received)
    }

    @Test func aPostponedBatchHasNoDaysSinceTransfer() throws {
        let fixture = try CoordinatorReportTests.identified()
        let postponed = try #require(try fixture.homeward.batches(fixture.olena).first { $0.status == "postponed" }).code
        let report = try fixture.homeward.read { db in try Homeward.batchReport(postponed, today: fixture.homeward.today, in: db) }
        #expect(report.daysSinceTransfer == nil)
        let json = try fixture.homeward.batchReportText(fixture.olena, postponed, .json, .en)
        #expect(json.contains("\"days_since_transfer\" : null"), "\(json)")
    }

    @Test func sharesHaveADecimalCommaInUkrainianAndRussian() {
        #expect(CoordinatorReportRenderer.percent(979, of: 1000, .en) == "97.9 %")
        #expect(CoordinatorReportRenderer.percent(979, of: 1000, .uk) == "97,9 %")
        #expect(CoordinatorReportRenderer.percent(979, of: 1000, .ru) == "97,9 %")
    }

    @Test func unknownValuesAreNullInJSON() throws {
        let fixture = try CoordinatorReportTests.identified()
        let batch = try fixture.homeward.batchReportText(fixture.olena, fixture.code, .json, .en)
        let document = try #require(try JSONSerialization.jsonObject(with: Data(batch.utf8)) as? [String: Any])
        let records = try #require((document["batch"] as? [String: Any])?["records"] as? [[String: Any]])
        for record in records {
            for key in ["recovery_date", "recovery_region", "reference", "age_min", "age_max"] {
                #expect(record.keys.contains(key), "\(key) present, null when unknown")
            }
        }
        let stats = try fixture.homeward.statsReportText(fixture.olena, .json, .en)
        let statsDocument = try #require(try JSONSerialization.jsonObject(with: Data(stats.utf8)) as? [String: Any])
        let ages = try #require((statsDocument["stats"] as? [String: Any])?["open_cases_by_age"] as? [[String: Any]])
        #expect(ages.last?["to_months"] is NSNull)
    }
}
