import Foundation

extension Homeward {
    /// Imports inquiries from a CSV file: the permission is checked before the file is read,
    /// and the file against `limits` before it is parsed.
    /// - Throws: `AccessError` before anything is read; `ImportError.file` when the file is
    ///   missing, malformed or over a limit; otherwise as ``importInquiries(_:table:dryRun:progress:)``.
    public func importInquiries(_ actor: Actor, file: URL, limits: CSVLimits = .standard, dryRun: Bool = false,
                                progress: ((Int, Int) -> Void)? = nil) throws -> ImportSummary {
        try authorize(actor, .editCases, action: "inquiry.import", entityType: "inquiry")
        let stream = try recordingFailure("inquiry.import", by: actor, entityType: "inquiry", recording: !dryRun) {
            do throws(CSVFileError) {
                return try CSVStream(contentsOf: file, limits: limits)
            } catch {
                throw ImportError.file(error)
            }
        }
        return try importInquiries(actor, stream: stream, dryRun: dryRun, progress: progress)
    }

    /// Imports a batch manifest from a CSV file, checking the permission before reading it.
    /// - Throws: as ``importInquiries(_:file:limits:dryRun:progress:)`` and
    ///   ``importManifest(_:code:table:dryRun:acceptCount:)``.
    public func importManifest(_ actor: Actor, code text: String, file: URL, limits: CSVLimits = .standard,
                               dryRun: Bool = false, acceptCount: Bool = false) throws -> ImportSummary {
        let code = try BatchCode.parse(text)
        try authorize(actor, .recordBatches, action: "batch.import_manifest", entityType: "batch", entityID: code)
        let table = try recordingFailure("batch.import_manifest", by: actor, entityType: "batch", entityID: code, recording: !dryRun) {
            try Self.readImportFile(file, limits: limits)
        }
        return try importManifest(actor, code: code, table: table, dryRun: dryRun, acceptCount: acceptCount)
    }

    private static func readImportFile(_ file: URL, limits: CSVLimits) throws(ImportError) -> CSVTable {
        do {
            return try CSVTable(contentsOf: file, limits: limits)
        } catch {
            throw .file(error)
        }
    }
}
