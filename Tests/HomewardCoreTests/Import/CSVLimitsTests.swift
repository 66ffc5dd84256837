import Foundation
import Testing
@testable import HomewardCore

@Suite struct CSVLimitsTests {
    @Test func thePermissionIsCheckedBeforeTheFileIsRead() throws {
        let (homeward, admin, _) = try makeCasework()
        let folder = try TemporaryFolder()
        // Neither a missing file nor an unreadable one gets as far as being opened.
        for url in [URL(fileURLWithPath: folder.path("missing.csv")), URL(fileURLWithPath: "/dev/zero")] {
            #expect(throws: AccessError.self) { try homeward.importInquiries(admin, file: url) }
            #expect(throws: AccessError.self) { try homeward.importManifest(admin, code: "B-2025-001", file: url) }
        }
    }

    @Test func aWideHeaderIsRefusedShortlyBeforeParsing() throws {
        let header = (1...300_000).map { "c\($0)" }.joined(separator: ",")
        #expect(throws: CSVFileError.tooManyColumns(line: 1, limit: CSVLimits.maxColumns)) {
            try CSVTable(bytes: Array((header + "\n").utf8))
        }
        #expect((CSVFileError.tooManyColumns(line: 1, limit: 64).errorDescription?.count ?? 0) < 120)
    }

    @Test func rowsCellsAndSizeHaveLimits() throws {
        let lines = [InquiryImportTests.header] + (1...11).map { InquiryImportTests.row($0) }
        #expect(throws: CSVFileError.tooManyRows(limit: 10)) { try CSVTable(bytes: csv(lines), limits: CSVLimits(maxRows: 10)) }
        #expect(try CSVTable(bytes: csv(lines), limits: CSVLimits(maxRows: 11)).records.count == 11)
        #expect(throws: CSVFileError.tooLarge(bytes: csv(lines).count, limit: 100)) {
            try CSVTable(bytes: csv(lines), limits: CSVLimits(maxBytes: 100))
        }
        let long = "a,b\n\"\(String(repeating: "x", count: CSVLimits.maxCellBytes + 1))\",y\n"
        #expect(throws: CSVFileError.cellTooLong(line: 2, limit: CSVLimits.maxCellBytes)) { try CSVTable(bytes: Array(long.utf8)) }
        // Quoted commas and line breaks are cell text, not separators.
        let quoted = "a,b\n\"\(String(repeating: ",", count: 100))\",\"x\ny\"\n"
        #expect(try CSVTable(bytes: Array(quoted.utf8)).records.count == 1)
    }

    @Test func tenMegabytesOfCommasAreRefusedAtTheFirstLine() throws {
        let commas = [UInt8](repeating: UInt8(ascii: ","), count: 10 << 20)
        #expect(throws: CSVFileError.tooManyColumns(line: 1, limit: CSVLimits.maxColumns)) { try CSVTable(bytes: commas) }
        let rows = Array(String(repeating: ",\n", count: 5 << 20).utf8)
        #expect(throws: CSVFileError.tooManyRows(limit: CSVLimits.defaultMaxRows)) { try CSVTable(bytes: rows) }
    }
}
