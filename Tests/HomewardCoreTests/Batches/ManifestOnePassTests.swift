import Foundation
import Testing
@testable import HomewardCore

@Suite struct ManifestOnePassTests {
    @Test func aBadAgeAndARepeatedTagAreReportedInTheSameRun() throws {
        let (homeward, _, olena) = try makeCasework()
        let code = try homeward.addBatch(olena, BatchForm(date: "2025-06-14", kind: "remains", regions: ["UA-14"])).code
        _ = try homeward.importManifest(olena, code: code, table: try CSVTable(bytes: csv([BatchTests.manifestHeader, "OLD-1,remains,,,,,,,,,,"])))
        let table = try CSVTable(bytes: csv([
            BatchTests.manifestHeader,
            "D-1,remains,,,,200,,,,,,",
            "D-2,remains,,,,,,,,,,",
            "d-1,remains,,,,,,,,,,",
            "old-1,remains,,,,,,,,,,",
            "D-2,remains,,,,abc,,,,,,",
        ]))
        #expect {
            try homeward.importManifest(olena, code: code, table: table, dryRun: true)
        } throws: { error in
            guard case let ImportError.invalidRows(problems, bad, total) = error else { return false }
            return bad == 4 && total == 5 && problems.map(\.description) == [
                "line 2, column age_min: \"200\" is not an age; use a whole number from 0 to 120",
                "line 4, column tag: tag \"d-1\" repeats line 2; tags are unique within a batch",
                "line 5, column tag: tag \"old-1\" is already in batch \(code)",
                "line 6, column age_min: \"abc\" is not an age; use a whole number from 0 to 120",
                "line 6, column tag: tag \"D-2\" repeats line 3; tags are unique within a batch",
            ]
        }
        #expect(try homeward.batch(olena, code: code).summary.manifestRecords == 1)
    }

    @Test func aDryRunSaysTheCountWouldBeRaised() throws {
        let (homeward, _, olena) = try makeCasework()
        let code = try homeward.addBatch(olena, BatchForm(date: "2025-06-14", kind: "remains", received: 1, regions: ["UA-14"])).code
        let table = try CSVTable(bytes: csv([BatchTests.manifestHeader, "A,remains,,,,,,,,,,", "B,remains,,,,,,,,,,"]))
        let summary = try homeward.importManifest(olena, code: code, table: table, dryRun: true, acceptCount: true)
        #expect(summary.warnings.map(\.reason) == ["received count of \(code) would be raised from 1 to 2"])
    }
}
