import Foundation
import Testing
@testable import HomewardCore

@Suite("CSVTable refusing bad files")
struct CSVTableErrorTests {
    /// 5,000 rows with multi-line cells, so physical lines and row numbers differ.
    static let rows = CSVFixtures.inquiryRows(5_000)
    static let lines = CSVFixtures.startLines(of: rows)

    @Test(arguments: [nil, 1, 3, 8])
    func unterminatedQuoteIsReportedAtTheLineWhereTheCellOpens(chunkCount: Int?) {
        var rows = Self.rows
        rows[3_500][4] = "BROKEN"
        let bytes = CSVFixtures.replacing("BROKEN", with: Array("\"unclosed".utf8), in: CSVFixtures.file(rows))
        #expect(throws: CSVFileError.unterminatedQuote(line: Self.lines[3_500])) {
            try CSVTable(bytes: bytes, chunkCount: chunkCount)
        }
    }

    @Test func unterminatedQuoteLineCountsBreaksInEarlierCellsOfItsRecord() {
        let text = "a,b,c\n1,2,3\n\"two\nlines\",\"never closed\nx,y,z\n"
        #expect(throws: CSVFileError.unterminatedQuote(line: 4)) {
            try CSVTable(bytes: Array(text.utf8))
        }
    }

    @Test(arguments: [nil, 3])
    func missingClosingQuoteBeforeLaterQuotedCellsIsNotReadAsMergedRows(chunkCount: Int?) {
        // CSV.swift alone would close this cell at the next quote, rows later, and return
        // one record with the rows in between inside its last cell.
        var rows = Self.rows
        rows[2_000][3] = "BROKEN"
        let bytes = CSVFixtures.replacing("BROKEN", with: Array("\"Донецька".utf8), in: CSVFixtures.file(rows))
        #expect(throws: CSVFileError.unterminatedQuote(line: Self.lines[2_000])) {
            try CSVTable(bytes: bytes, chunkCount: chunkCount)
        }
    }

    @Test func undoubledQuoteInsideQuotedCellIsRefused() {
        let text = "a,b\n1,2\n\"x\ny\",\"позивний \"Кіт\" тощо\"\n3,4\n"
        #expect {
            try CSVTable(bytes: Array(text.utf8))
        } throws: { error in
            guard case .malformed(let line, let reason) = error as? CSVFileError else { return false }
            return line == 3 && reason.contains("two quotes") && !reason.contains("Кіт")
        }
    }

    @Test func textAfterClosingQuoteIsRefused() {
        #expect(throws: CSVFileError.self) {
            try CSVTable(bytes: Array("a,b\n\"x\" y,2\n".utf8))
        }
    }

    @Test func unterminatedQuoteOnTheLastLine() {
        #expect(throws: CSVFileError.unterminatedQuote(line: 3)) {
            try CSVTable(bytes: Array("a,b\n1,2\n3,\"4".utf8))
        }
        #expect(throws: CSVFileError.unterminatedQuote(line: 3)) {
            try CSVTable(bytes: Array("a,b\n1,2\n3,\"4\"\"\n".utf8))
        }
    }

    @Test(arguments: [nil, 1, 3, 8])
    func invalidUTF8IsReportedAtItsLine(chunkCount: Int?) {
        var rows = Self.rows
        rows[4_321][1] = "BROKEN"
        let bytes = CSVFixtures.replacing("BROKEN", with: [0x4F, 0xFF, 0xD0], in: CSVFixtures.file(rows))
        #expect(throws: CSVFileError.invalidUTF8(line: Self.lines[4_321])) {
            try CSVTable(bytes: bytes, chunkCount: chunkCount)
        }
    }

    @Test func truncatedMultibyteSequenceAtTheEndIsInvalid() {
        let bytes = Array("a,b\n1,2\n3,Ол".utf8.dropLast())
        #expect(throws: CSVFileError.invalidUTF8(line: 3)) { try CSVTable(bytes: bytes) }
    }

    @Test func emptyInputIsRefused() {
        for bytes in [[], [0xEF, 0xBB, 0xBF], Array("\n\r\n\n".utf8), Array(" , \n".utf8)] as [[UInt8]] {
            #expect(throws: CSVFileError.empty(path: "the CSV data")) { try CSVTable(bytes: bytes) }
        }
    }

    @Test func missingFileCannotBeOpened() {
        let url = URL(fileURLWithPath: "/nonexistent/inquiries.csv")
        #expect(throws: CSVFileError.cannotOpen(path: "/nonexistent/inquiries.csv")) {
            try CSVTable(contentsOf: url)
        }
    }

    @Test func messagesAreOneActionableLine() {
        let errors: [CSVFileError] = [
            .cannotOpen(path: "/tmp/a.csv"), .empty(path: "/tmp/a.csv"), .invalidUTF8(line: 7),
            .unterminatedQuote(line: 4_812), .malformed(line: 9, reason: "expected 19 cells"),
        ]
        for error in errors {
            let message = error.errorDescription ?? ""
            #expect(!message.isEmpty && !message.contains("\n"))
        }
        #expect(CSVFileError.unterminatedQuote(line: 4_812).errorDescription
            == "line 4812: unterminated quoted field (a cell opened with \" never closes); check the quotes on that line")
    }
}
