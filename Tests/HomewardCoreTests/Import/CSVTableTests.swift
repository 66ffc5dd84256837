import Foundation
import Testing
@testable import HomewardCore

@Suite("CSVTable reading")
struct CSVTableTests {
    @Test func doubledQuotesCommasAndLineBreaksInsideQuotes() throws {
        let text = "name,note\r\n\"Коваль, Іван\",\"said \"\"hi\"\"\nthen left\"\r\nx,\"\"\r\n"
        let table = try CSVTable(bytes: Array(text.utf8))
        #expect(table.header == ["name", "note"])
        #expect(table.records == [
            CSVRecord(line: 2, fields: ["Коваль, Іван", "said \"hi\"\nthen left"]),
            CSVRecord(line: 4, fields: ["x", ""]),
        ])
    }

    @Test(arguments: ["\r\n", "\n", "\r"])
    func lineEndingsGiveTheSameRecordsAndLines(lineEnding: String) throws {
        let rows = [["a", "b"], ["1", "two\nlines"], ["3", "4"]]
        let table = try CSVTable(bytes: CSVFixtures.file(rows, lineEnding: lineEnding))
        #expect(table.header == ["a", "b"])
        #expect(table.records.map(\.fields) == Array(rows.dropFirst()))
        #expect(table.records.map(\.line) == [2, 4])
    }

    @Test func lineBreakInsideQuotedCellCountsAsOneLineWhateverItsKind() throws {
        let text = "a,b\n\"x\r\ny\",1\n\"p\rq\",2\n\"m\nn\",3\nlast,4"
        let table = try CSVTable(bytes: Array(text.utf8))
        #expect(table.records.map(\.line) == [2, 4, 6, 8])
        #expect(table.records.first?.fields == ["x\r\ny", "1"])
    }

    @Test func byteOrderMarkIsDroppedAndHeaderCellsTrimmed() throws {
        let plain = Array("family_name , given_name\n Шевченко ,Олена\n".utf8)
        let withMark: [UInt8] = [0xEF, 0xBB, 0xBF] + plain
        let first = try CSVTable(bytes: plain)
        let second = try CSVTable(bytes: withMark)
        #expect(first.header == ["family_name", "given_name"])
        #expect(second.header == first.header)
        // Cells other than the header's are left as written.
        #expect(second.records == [CSVRecord(line: 2, fields: [" Шевченко ", "Олена"])])
    }

    @Test func recordLinesCountLineBreaksInsideEarlierRecords() throws {
        let rows = CSVFixtures.inquiryRows(200)
        let table = try CSVTable(bytes: CSVFixtures.file(rows))
        #expect(table.records.map(\.fields) == Array(rows.dropFirst()))
        #expect(table.records.map(\.line) == Array(CSVFixtures.startLines(of: rows).dropFirst()))
    }

    @Test func wrongCellCountIsKeptAndReportedWithItsLine() throws {
        let text = "a,b,c\n1,2,3\n\"QQ\nQQ\",2\n1,2,3,4\n"
        let table = try CSVTable(bytes: Array(text.utf8))
        #expect(table.records.map(\.fields.count) == [3, 2, 4])
        #expect(table.widthErrors.map { error -> Int? in
            if case .malformed(let line, _) = error { line } else { nil }
        } == [3, 5])
        let message = table.widthErrors.first?.errorDescription ?? ""
        #expect(message.hasPrefix("line 3: expected 3 cells as in the header, found 2"))
        #expect(!message.contains("QQ"))
    }

    @Test func headerOnlyFileHasNoRecords() throws {
        for text in ["a,b", "a,b\n", "a,b\r\n\r\n\r\n", "\u{FEFF}a,b\n"] {
            let table = try CSVTable(bytes: Array(text.utf8))
            #expect(table.header == ["a", "b"])
            #expect(table.records.isEmpty)
        }
    }

    @Test func trailingLineBreakIsOptionalAndBlankRecordsAreSkipped() throws {
        let without = try CSVTable(bytes: Array("a,b\n1,2\n\n,\n  , \n3,4".utf8))
        let with = try CSVTable(bytes: Array("a,b\n1,2\n\n,\n  , \n3,4\n\n\n".utf8))
        #expect(without.records == [CSVRecord(line: 2, fields: ["1", "2"]), CSVRecord(line: 6, fields: ["3", "4"])])
        #expect(with.records == without.records)
    }

    @Test func readsAFile() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("csvtable-\(UUID()).csv")
        try Data(CSVFixtures.file(CSVFixtures.inquiryRows(50))).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        let table = try CSVTable(contentsOf: url)
        #expect(table.records.count == 50)
        #expect(table.header.first == "family_name")
    }
}
