import Foundation
import Testing
@testable import HomewardCore

/// A file streamed in slices reads as the same file parsed whole: the same rows with the
/// same lines, the same width problems, the same file errors, through the import's own
/// in-order consumer (``ValidatedRows``).
@Suite("CSVStream")
struct CSVStreamTests {
    /// Three columns whose cells are kept as they are.
    private struct Cells: Sendable, Equatable {
        var a: String?
        var b: String?
        var c: String?
    }

    private static var columns: [(name: String, keyPath: WritableKeyPath<Cells, String?>)] { [("a", \.a), ("b", \.b), ("c", \.c)] }
    private static let alphabet = ["a", "б", ",", "\"", "\n", "\r\n", "\r", " ", "€", "x,y", "\"q\"\"", "\n\n"]

    /// What an import sees of a file: every row with its line, or the problems, or the error.
    private enum Reading: Equatable {
        case rows([Int], [Cells])
        case problems([String], total: Int)
        case failed(String)
    }

    private static func read(_ source: some CSVRecordSlices) -> Reading {
        do {
            let map = try ColumnMap(header: source.header, columns: columns, required: [])
            let (valid, problems) = try ValidatedRows.collect(source, map: map, blank: Cells()) { .success($0) }
            if let error = problems.error, case let .invalidRows(list, bad, total) = error {
                return .problems(list.map(\.description) + ["\(bad) bad"], total: total)
            }
            return .rows(valid.map(\.line), valid.map(\.value))
        } catch {
            return .failed(String(describing: error))
        }
    }

    private static func readWhole(_ bytes: [UInt8]) -> Reading {
        do {
            return read(try CSVTable(bytes: bytes, chunkCount: 1))
        } catch {
            return .failed(String(describing: ImportError.file(error)))
        }
    }

    private static func readStreamed(_ bytes: [UInt8], sliceBytes: Int, in folder: TemporaryFolder) throws -> Reading {
        let url = folder.url.appendingPathComponent("input-\(sliceBytes).csv")
        try Data(bytes).write(to: url)
        do {
            return read(try CSVStream(contentsOf: url, sliceBytes: sliceBytes))
        } catch {
            return .failed(String(describing: ImportError.file(error)))
        }
    }

    @Test(arguments: 0..<200)
    func anyInputReadsTheSameStreamedAsWhole(seed: UInt64) throws {
        var random = SeededGenerator(seed: seed)
        let body = (0..<Int.random(in: 0..<60, using: &random)).map { _ in Self.alphabet.randomElement(using: &random) ?? "" }.joined()
        // A valid header: a file whose header is wrong is refused for it as soon as the first
        // slice is read, before problems further on are found, where a whole read names those.
        let header = ["a,b,c\n", "\u{FEFF}a,b,c\r\n", "\n\na,b,c\n", " , ,\na,b,c\r"][Int.random(in: 0..<4, using: &random)]
        let bytes = Array((header + body).utf8)
        let folder = try TemporaryFolder()
        let whole = Self.readWhole(bytes)
        for sliceBytes in [1, 5, 16, 1 << 20] {
            let streamed = try Self.readStreamed(bytes, sliceBytes: sliceBytes, in: folder)
            #expect(streamed == whole, "slices of \(sliceBytes) bytes on \((header + body).debugDescription)")
        }
    }

    @Test func invalidUTF8FarIntoTheFileIsNamedByItsLine() throws {
        var bytes = Array("a,b,c\n".utf8)
        for index in 0..<500 { bytes += Array("x\(index),\"two\nlines\",z\n".utf8) }
        bytes += [0x61, 0xFF, 0x0A]
        let folder = try TemporaryFolder()
        let streamed = try Self.readStreamed(bytes, sliceBytes: 64, in: folder)
        #expect(streamed == Self.readWhole(bytes))
        #expect(streamed == .failed(String(describing: ImportError.file(.invalidUTF8(line: 1002)))))
    }

    @Test func aQuoteThatNeverClosesIsNamedWhereItOpens() throws {
        var text = "a,b,c\n"
        for index in 0..<300 { text += "x\(index),y,z\n" }
        text += "open,\"never closed,z\n" + String(repeating: "more,rows,here\n", count: 50)
        let bytes = Array(text.utf8)
        let folder = try TemporaryFolder()
        #expect(try Self.readStreamed(bytes, sliceBytes: 100, in: folder) == Self.readWhole(bytes))
        #expect(try Self.readStreamed(bytes, sliceBytes: 100, in: folder) == .failed(String(describing: ImportError.file(.unterminatedQuote(line: 302)))))
    }

    @Test func aHeaderWithoutRowsIsRefusedAsBefore() throws {
        let folder = try TemporaryFolder()
        for text in ["a,b,c\n", "a,b,c\n\n , , \n"] {
            let bytes = Array(text.utf8)
            #expect(try Self.readStreamed(bytes, sliceBytes: 2, in: folder) == Self.readWhole(bytes), "\(text.debugDescription)")
        }
    }
}
