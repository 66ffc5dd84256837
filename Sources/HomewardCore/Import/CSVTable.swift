import Foundation

/// A whole RFC 4180 file in memory: the header row and the records after it, each with the
/// physical line where it starts so that import errors can point at it.
///
/// Parsing is CSV.swift's; this type adds what it lacks for imports: refusing invalid UTF-8
/// and unterminated quotes with a line number, line numbers for records, and reading large
/// files on several cores.
public struct CSVTable: Sendable {
    /// The header cells, trimmed of surrounding whitespace; a UTF-8 byte order mark is dropped.
    public let header: [String]
    /// The records after the header in file order. Blank lines and records whose cells are
    /// all blank are left out; records with too few or too many cells are kept (see
    /// `widthErrors`).
    public let records: [CSVRecord]

    /// Reads a whole RFC 4180 file: header row and records with their starting line numbers.
    ///
    /// Accepts LF, CRLF or CR line breaks, quoted cells with commas, doubled quotes and line
    /// breaks, and UTF-8 with or without a byte order mark.
    /// - Throws: `CSVFileError.cannotOpen` when the file cannot be read, `.empty` when it has
    ///   no header row, `.invalidUTF8` or `.unterminatedQuote` with the line to fix, and
    ///   `.tooLarge`, `.tooManyRows`, `.tooManyColumns` or `.cellTooLong` beyond `limits`,
    ///   before anything is parsed.
    public init(contentsOf url: URL, limits: CSVLimits = .standard) throws(CSVFileError) {
        let path = url.path(percentEncoded: false)
        // The size first, so that an oversized file is refused without being read.
        let size: Int
        do {
            let values = try url.resourceValues(forKeys: [.fileSizeKey, .isRegularFileKey])
            guard values.isRegularFile ?? true else { throw CSVFileError.notAFile(path: path) }
            size = values.fileSize ?? 0
        } catch let error as CSVFileError {
            throw error
        } catch {
            throw .cannotOpen(path: path)
        }
        guard size <= limits.maxBytes else { throw .tooLarge(bytes: size, limit: limits.maxBytes) }
        let data: Data
        do {
            data = try Data(contentsOf: url, options: .mappedIfSafe)
        } catch {
            throw .cannotOpen(path: path)
        }
        guard data.count <= limits.maxBytes else { throw .tooLarge(bytes: data.count, limit: limits.maxBytes) }
        let result = data.withUnsafeBytes { raw in
            Result { () throws(CSVFileError) in
                try CSVTable(raw.bindMemory(to: UInt8.self), source: path, chunkCount: nil, limits: limits)
            }
        }
        self = try result.get()
    }

    /// Reads CSV held in memory, as `init(contentsOf:)` reads a file.
    /// - Throws: `CSVFileError`, as `init(contentsOf:)`.
    public init(bytes: [UInt8], limits: CSVLimits = .standard) throws(CSVFileError) {
        try self.init(bytes: bytes, chunkCount: nil, limits: limits)
    }

    /// Reads CSV held in memory in `chunkCount` slices (nil: one per core for large input),
    /// so tests can exercise the parallel path on small data.
    init(bytes: [UInt8], chunkCount: Int?, limits: CSVLimits = .standard) throws(CSVFileError) {
        guard bytes.count <= limits.maxBytes else { throw .tooLarge(bytes: bytes.count, limit: limits.maxBytes) }
        let result = bytes.withUnsafeBufferPointer { buffer in
            Result { () throws(CSVFileError) in
                try CSVTable(buffer, source: "the CSV data", chunkCount: chunkCount, limits: limits)
            }
        }
        self = try result.get()
    }

    private init(_ buffer: UnsafeBufferPointer<UInt8>, source: String, chunkCount: Int?, limits: CSVLimits) throws(CSVFileError) {
        let text = CSVBytes.droppingByteOrderMark(buffer)
        try limits.check(text)
        let rows = try CSVChunkReader(text: text, chunkCount: chunkCount).records()
        guard let first = rows.first else { throw .empty(path: source) }
        header = first.fields.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
        records = Array(rows.dropFirst())
    }

    /// One `.malformed` error for each record whose cell count differs from the header's,
    /// in file order; empty when every record has the header's width.
    public var widthErrors: [CSVFileError] {
        records.compactMap { record in widthMismatch(of: record).map { .malformed(line: record.line, reason: $0) } }
    }

    /// Why a record's cell count differs from the header's, or nil when it does not.
    func widthMismatch(of record: CSVRecord) -> String? {
        Self.widthMismatch(of: record, width: header.count)
    }

    /// Why a record's cell count differs from `width`, the header's, or nil when it does not.
    static func widthMismatch(of record: CSVRecord, width: Int) -> String? {
        guard record.fields.count != width else { return nil }
        return "expected \(width) cells as in the header, found \(record.fields.count); "
            + "check for a missing comma, or a comma inside a cell that needs quotes"
    }
}
