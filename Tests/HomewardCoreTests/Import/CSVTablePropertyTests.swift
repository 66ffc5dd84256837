import Foundation
import Testing
@testable import HomewardCore

/// Seeded random inputs: well-formed files read back exactly, and any input reads the same
/// in one piece and in slices.
@Suite("CSVTable on random input")
struct CSVTablePropertyTests {
    private static let alphabet = ["a", "б", ",", "\"", "\n", "\r\n", "\r", " ", "€"]

    @Test(arguments: 0..<40)
    func wellFormedFilesReadBackExactly(seed: UInt64) throws {
        var random = TestRandom(seed: seed)
        let width = random.int(below: 4) + 1
        let rows = (0...random.int(below: 30)).map { _ in
            (0..<width).map { _ in (0..<random.int(below: 6)).map { _ in Self.alphabet[random.int(below: Self.alphabet.count)] }.joined() }
        }.filter { !$0.allSatisfy { $0.allSatisfy(\.isWhitespace) } }
        guard let header = rows.first, !header.contains(where: { $0 != $0.trimmingCharacters(in: .whitespacesAndNewlines) }) else { return }
        let lineEnding = ["\n", "\r\n"][random.int(below: 2)]
        let bytes = CSVFixtures.file(rows, lineEnding: lineEnding, trailingBreak: random.int(below: 2) == 0)
        for chunkCount in [1, 3] {
            let table = try CSVTable(bytes: bytes, chunkCount: chunkCount)
            #expect(table.header == header)
            #expect(table.records.map(\.fields) == Array(rows.dropFirst()))
            #expect(table.records.map(\.line) == Array(CSVFixtures.startLines(of: rows).dropFirst()))
        }
    }

    @Test(arguments: 0..<300)
    func anyInputReadsTheSameInSlices(seed: UInt64) {
        var random = TestRandom(seed: seed)
        let text = (0..<random.int(below: 120)).map { _ in Self.alphabet[random.int(below: Self.alphabet.count)] }.joined()
        let bytes = Array(text.utf8)
        let whole = Result { () throws(CSVFileError) in try CSVTable(bytes: bytes, chunkCount: 1) }
        for chunkCount in [2, 5] {
            let sliced = Result { () throws(CSVFileError) in try CSVTable(bytes: bytes, chunkCount: chunkCount) }
            switch (whole, sliced) {
            case (.success(let a), .success(let b)):
                #expect(a.header == b.header && a.records == b.records)
            case (.failure(let a), .failure(let b)):
                #expect(a == b)
            default:
                Issue.record("one piece and \(chunkCount) slices disagree on \(text.debugDescription)")
            }
        }
    }
}

private struct TestRandom {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed &* 0x9E37_79B9_7F4A_7C15 &+ 1
    }

    mutating func int(below bound: Int) -> Int {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return Int((state >> 33) % UInt64(bound))
    }
}
