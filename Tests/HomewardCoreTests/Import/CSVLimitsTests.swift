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

    /// A quote inside a cell is a character, for the check as for the parser: it must not
    /// hide the commas of the rows after it (found by the csv-inquiries fuzzer).
    @Test func aQuoteInsideACellDoesNotHideTheColumnsAfterIt() throws {
        let wide = "r\"family_name,given_name\nШевченко," + String(repeating: ",", count: 98) + "\n"
        #expect(throws: CSVFileError.tooManyColumns(line: 2, limit: CSVLimits.maxColumns)) { try CSVTable(bytes: Array(wide.utf8)) }
        // An escaped quote inside a quoted cell keeps it quoted; a byte order mark before a quoted header cell is skipped.
        let escaped = "\u{FEFF}\"a,\"\"b\",c\n\"x,\"\"\n" + String(repeating: ",", count: 70) + "\",y\n"
        #expect(try CSVTable(bytes: Array(escaped.utf8)).records.count == 1)
    }

    @Test func tenMegabytesOfCommasAreRefusedAtTheFirstLine() throws {
        let commas = [UInt8](repeating: UInt8(ascii: ","), count: 10 << 20)
        #expect(throws: CSVFileError.tooManyColumns(line: 1, limit: CSVLimits.maxColumns)) { try CSVTable(bytes: commas) }
        let rows = Array(String(repeating: ",\n", count: 5 << 20).utf8)
        #expect(throws: CSVFileError.tooManyRows(limit: CSVLimits.defaultMaxRows)) { try CSVTable(bytes: rows) }
    }
}
