import Testing
@testable import HomewardCore

@Suite("CSVTable reading in slices")
struct CSVChunkReaderTests {
    @Test(arguments: [2, 3, 5, 16, 200])
    func slicesGiveTheSameRecordsAsOnePiece(chunkCount: Int) throws {
        let bytes = CSVFixtures.file(CSVFixtures.inquiryRows(3_000), lineEnding: "\n")
        let whole = try CSVTable(bytes: bytes, chunkCount: 1)
        let sliced = try CSVTable(bytes: bytes, chunkCount: chunkCount)
        #expect(sliced.header == whole.header)
        #expect(sliced.records == whole.records)
    }

    @Test(arguments: [2, 4, 9])
    func aStrayQuoteThatFoolsTheSplitStillGivesTheSameRecords(chunkCount: Int) throws {
        var rows = CSVFixtures.inquiryRows(3_000)
        // A bare quote in an unquoted cell (inches) flips the quote count the split relies on.
        rows[10][3] = "STRAY"
        let bytes = CSVFixtures.replacing("STRAY", with: Array("12\" screen".utf8), in: CSVFixtures.file(rows))
        let whole = try CSVTable(bytes: bytes, chunkCount: 1)
        let sliced = try CSVTable(bytes: bytes, chunkCount: chunkCount)
        #expect(whole.records[9].fields[3] == "12\" screen")
        #expect(sliced.records == whole.records)
    }

    @Test func boundariesFallAfterLineFeedsOutsideQuotes() {
        let bytes = Array("a,b\n\"x\ny\",1\n2,3\n".utf8)
        let ranges = bytes.withUnsafeBufferPointer { CSVSliceBoundaries.ranges(in: $0, count: 3) }
        #expect(ranges.first?.lowerBound == 0 && ranges.last?.upperBound == bytes.count)
        for range in ranges.dropFirst() {
            #expect([4, 12, 16].contains(range.lowerBound))
        }
    }
}
