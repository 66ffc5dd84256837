import Foundation
import HomewardAPI
import HomewardCore

/// Inquiries beyond the basics (previews, history, reopening, merges), batches and their
/// records, matching and the audit log: each one call of the core's use case, as in
/// ``APIHandler``.
extension APIHandler {
    // MARK: Inquiries

    func previewInquiry(_ input: Operations.PreviewInquiry.Input) async throws -> Operations.PreviewInquiry.Output {
        guard case let .json(body) = input.body else { preconditionFailure("one content type") }
        let coordinator = input.query.coordinator
        return await signedIn(failed: { .default(statusCode: $0, $1) }) { actor in
            let form = try InquiryForm.fromJSON(try JSONEncoder().encode(body))
            return .ok(.init(body: .json(try APIBridge.convert(homeward.previewInquiry(actor, form, coordinator: coordinator)))))
        }
    }

    func getInquiryHistory(_ input: Operations.GetInquiryHistory.Input) async throws -> Operations.GetInquiryHistory.Output {
        let reference = input.path.reference
        return await signedIn(failed: { .default(statusCode: $0, $1) }) { actor in
            .ok(.init(body: .json(try APIBridge.convert(homeward.inquiryHistory(actor, reference: reference)))))
        }
    }

    func reopenInquiry(_ input: Operations.ReopenInquiry.Input) async throws -> Operations.ReopenInquiry.Output {
        guard case let .json(body) = input.body else { preconditionFailure("one content type") }
        let reference = input.path.reference
        return await signedIn(failed: { .default(statusCode: $0, $1) }) { actor in
            let status = try homeward.reopenInquiry(actor, reference: reference, reason: body.reason)
            return .ok(.init(body: .json(.init(reference: reference.uppercased(), status: try Self.word(status)))))
        }
    }

    func mergeInquiry(_ input: Operations.MergeInquiry.Input) async throws -> Operations.MergeInquiry.Output {
        guard case let .json(body) = input.body else { preconditionFailure("one content type") }
        let reference = input.path.reference
        return await signedIn(failed: { .default(statusCode: $0, $1) }) { actor in
            try homeward.mergeInquiry(actor, reference: reference, into: body.into, force: body.force ?? false)
            return .ok(.init(body: .json(.init(reference: reference.uppercased(), status: .merged))))
        }
    }

    func unmergeInquiry(_ input: Operations.UnmergeInquiry.Input) async throws -> Operations.UnmergeInquiry.Output {
        let reference = input.path.reference
        return await signedIn(failed: { .default(statusCode: $0, $1) }) { actor in
            try homeward.unmergeInquiry(actor, reference: reference)
            return .ok(.init(body: .json(.init(reference: reference.uppercased()))))
        }
    }

    // MARK: Batches and records

    func createBatch(_ input: Operations.CreateBatch.Input) async throws -> Operations.CreateBatch.Output {
        guard case let .json(body) = input.body else { preconditionFailure("one content type") }
        let form = BatchForm(date: body.date, kind: body.kind.rawValue, received: body.received, handedOver: body.handedOver,
                             regions: body.regions, transferPoint: body.transferPoint, agreement: body.agreement,
                             sources: body.sources ?? [])
        return await signedIn(failed: { .default(statusCode: $0, $1) }) { actor in
            .created(.init(body: .json(try APIBridge.convert(homeward.addBatch(actor, form)))))
        }
    }

    func getBatch(_ input: Operations.GetBatch.Input) async throws -> Operations.GetBatch.Output {
        let code = input.path.code
        return await signedIn(failed: { .default(statusCode: $0, $1) }) { actor in
            .ok(.init(body: .json(try APIBridge.convert(homeward.batch(actor, code: code)))))
        }
    }

    func updateBatch(_ input: Operations.UpdateBatch.Input) async throws -> Operations.UpdateBatch.Output {
        guard case let .json(body) = input.body else { preconditionFailure("one content type") }
        let count: (Components.Schemas.BatchCount?) -> BatchCount? = { count in
            switch count {
            case nil: nil
            case .case2: .unknown
            case let .case1(number): .count(number)
            }
        }
        let changes = BatchChanges(received: count(body.received), handedOver: count(body.handedOver), regions: body.regions,
                                   transferPoint: body.transferPoint, agreement: body.agreement, sources: body.sources,
                                   addedSources: body.addSources ?? [], reason: body.reason)
        let code = input.path.code
        return await signedIn(failed: { .default(statusCode: $0, $1) }) { actor in
            .ok(.init(body: .json(try APIBridge.convert(homeward.updateBatch(actor, code: code, changes: changes)))))
        }
    }

    func setBatchStatus(_ input: Operations.SetBatchStatus.Input) async throws -> Operations.SetBatchStatus.Output {
        guard case let .json(body) = input.body else { preconditionFailure("one content type") }
        let code = input.path.code
        return await signedIn(failed: { .default(statusCode: $0, $1) }) { actor in
            try homeward.setBatchStatus(actor, code: code, status: try Self.word(body.status.rawValue), note: body.note)
            return .ok(.init(body: .json(.init(code: code.uppercased(), status: body.status))))
        }
    }

    func importManifest(_ input: Operations.ImportManifest.Input) async throws -> Operations.ImportManifest.Output {
        guard case let .csv(upload) = input.body else { preconditionFailure("one content type") }
        let (code, query) = (input.path.code, input.query)
        let limits = CSVLimits(maxBytes: query.maxBytes ?? CSVLimits.defaultMaxBytes, maxRows: query.maxRows ?? CSVLimits.defaultMaxRows)
        return await uploaded(upload, failed: { .default(statusCode: $0, $1) }) { actor, file in
            let summary = try homeward.importManifest(actor, code: code, file: file, limits: limits, dryRun: query.dryRun ?? false,
                                                      acceptCount: query.acceptCount ?? false)
            return .ok(.init(body: .json(try APIBridge.convert(summary))))
        }
    }

    func getRecord(_ input: Operations.GetRecord.Input) async throws -> Operations.GetRecord.Output {
        let record = "\(input.path.code)/\(input.path.tag)"
        return await signedIn(failed: { .default(statusCode: $0, $1) }) { actor in
            .ok(.init(body: .json(try APIBridge.convert(homeward.returnedRecord(actor, address: record)))))
        }
    }

    func updateRecord(_ input: Operations.UpdateRecord.Input) async throws -> Operations.UpdateRecord.Output {
        guard case let .json(body) = input.body else { preconditionFailure("one content type") }
        let record = "\(input.path.code)/\(input.path.tag)"
        var form = ManifestForm()
        form.tag = body.tag
        form.kind = body.kind
        form.name = body.name
        form.serviceNumber = body.serviceNumber
        form.sex = body.sex
        form.ageMin = body.ageMin
        form.ageMax = body.ageMax
        form.recoveryRegion = body.recoveryRegion
        form.recoveryPlace = body.recoveryPlace
        form.recoveryDate = body.recoveryDate
        form.effects = body.effects
        form.notes = body.notes
        return await signedIn(failed: { .default(statusCode: $0, $1) }) { [form] actor in
            guard form != ManifestForm() else {
                throw RequestError.malformed("body", "{}", "at least one field to change, e.g. {\"age_max\": \"40\"}")
            }
            return .ok(.init(body: .json(try APIBridge.convert(homeward.updateRecord(actor, address: record, changes: form)))))
        }
    }

    func voidRecord(_ input: Operations.VoidRecord.Input) async throws -> Operations.VoidRecord.Output {
        guard case let .json(body) = input.body else { preconditionFailure("one content type") }
        let record = "\(input.path.code)/\(input.path.tag)"
        return await signedIn(failed: { .default(statusCode: $0, $1) }) { actor in
            let address = try homeward.voidRecord(actor, address: record, reason: body.reason)
            return .ok(.init(body: .json(.init(record: address, status: .voided))))
        }
    }

    // MARK: Matching

    func matchBatch(_ input: Operations.MatchBatch.Input) async throws -> Operations.MatchBatch.Output {
        let (code, query) = (input.path.code, input.query)
        return await signedIn(failed: { .default(statusCode: $0, $1) }) { actor in
            let matches = try homeward.matchBatch(actor, code: code, top: query.top ?? 5, minScore: query.minScore)
            return .ok(.init(body: .json(try APIBridge.convert(matches))))
        }
    }

    func saveBatchMatches(_ input: Operations.SaveBatchMatches.Input) async throws -> Operations.SaveBatchMatches.Output {
        let (code, query) = (input.path.code, input.query)
        return await signedIn(failed: { .default(statusCode: $0, $1) }) { actor in
            let matches = try homeward.matchBatch(actor, code: code, top: query.top ?? 5, minScore: query.minScore, save: true)
            return .ok(.init(body: .json(try APIBridge.convert(matches))))
        }
    }

    func matchInquiry(_ input: Operations.MatchInquiry.Input) async throws -> Operations.MatchInquiry.Output {
        let (reference, query) = (input.path.reference, input.query)
        return await signedIn(failed: { .default(statusCode: $0, $1) }) { actor in
            let matches = try homeward.matchInquiry(actor, reference: reference, top: query.top ?? 5, minScore: query.minScore)
            return .ok(.init(body: .json(try APIBridge.convert(matches))))
        }
    }

    func saveInquiryMatches(_ input: Operations.SaveInquiryMatches.Input) async throws -> Operations.SaveInquiryMatches.Output {
        let (reference, query) = (input.path.reference, input.query)
        return await signedIn(failed: { .default(statusCode: $0, $1) }) { actor in
            let matches = try homeward.matchInquiry(actor, reference: reference, top: query.top ?? 5, minScore: query.minScore,
                                                    save: true)
            return .ok(.init(body: .json(try APIBridge.convert(matches))))
        }
    }

    // MARK: Audit

    func listAuditEvents(_ input: Operations.ListAuditEvents.Input) async throws -> Operations.ListAuditEvents.Output {
        let query = input.query
        return await signedIn(failed: { .default(statusCode: $0, $1) }) { actor in
            let since = try query.since.map { text in
                guard let date = ISODate(text) else {
                    throw RequestError.malformed("since", text, "an ISO 8601 date or date-time, e.g. 2025-06-02 or 2025-06-02T10:00:00Z")
                }
                return date.instant
            }
            let events = try homeward.auditLog(actor, filter: AuditFilter(actor: query.actor, action: query.action, since: since,
                                                                          limit: query.limit))
            return .ok(.init(body: .json(try APIBridge.convert(events.map(AuditEventView.init)))))
        }
    }
}

/// Reports, served as the files the CLI writes, and the database check.
extension APIHandler {
    func getFamilyReport(_ input: Operations.GetFamilyReport.Input) async throws -> Operations.GetFamilyReport.Output {
        let (reference, query) = (input.path.reference, input.query)
        return await signedIn(failed: { .default(statusCode: $0, $1) }) { actor in
            let report = try homeward.familyReport(actor, reference: reference, format: try Self.word(query.format.rawValue),
                                                   language: try query.lang.map { try Self.word($0.rawValue) })
            return .ok(try Self.file(report))
        }
    }

    func getBatchReport(_ input: Operations.GetBatchReport.Input) async throws -> Operations.GetBatchReport.Output {
        let (code, query) = (input.path.code, input.query)
        return await signedIn(failed: { .default(statusCode: $0, $1) }) { actor in
            let report = try homeward.batchReport(actor, code: code, format: try Self.word(query.format.rawValue),
                                                  language: try query.lang.map { try Self.word($0.rawValue) } ?? .en)
            return .ok(try Self.file(report))
        }
    }

    func getStatisticsReport(_ input: Operations.GetStatisticsReport.Input) async throws -> Operations.GetStatisticsReport.Output {
        let query = input.query
        return await signedIn(failed: { .default(statusCode: $0, $1) }) { actor in
            let report = try homeward.statsReport(actor, format: try Self.word(query.format.rawValue),
                                                  language: try query.lang.map { try Self.word($0.rawValue) } ?? .en)
            return .ok(try Self.file(report))
        }
    }

    func checkDatabase(_ input: Operations.CheckDatabase.Input) async throws -> Operations.CheckDatabase.Output {
        await signedIn(failed: { .default(statusCode: $0, $1) }) { actor in
            .ok(.init(body: .json(try APIBridge.convert(homeward.checkDatabase(actor)))))
        }
    }

    /// A rendered report as the API's file response: its bytes, language and file name.
    private static func file(_ report: RenderedReport) throws -> Components.Responses.ReportFile {
        .init(headers: .init(contentLanguage: try word(report.language.rawValue),
                             contentDisposition: attachment(report.suggestedFileName)),
              body: .binary(HTTPBody(report.data)))
    }
}

/// The whole database as downloads: the export document and a verified backup, each written
/// by the core into a scratch folder and sent from there.
extension APIHandler {
    func exportDatabase(_ input: Operations.ExportDatabase.Input) async throws -> Operations.ExportDatabase.Output {
        let (read, requested) = (chunkReader, input.query.file)
        return await signedIn(failed: { .default(statusCode: $0, $1) }) { actor in
            let name = try Self.fileName(requested) ?? "homeward-export.json"
            let (summary, file) = try DownloadedFile.made(named: name, reading: read) { url in
                // Named as the client's file, or (without one) to a stream, as on the host.
                guard requested != nil else {
                    let created = try PrivateFile.createEmpty(at: url.path, for: .export)
                    return try homeward.exportDatabase(actor, writing: { try created.write($0, path: url.path) })
                }
                return try homeward.exportDatabase(actor, toFile: url.path)
            }
            return .ok(.init(headers: .init(contentDisposition: Self.attachment(name),
                                             xExportSchemaVersion: summary.schemaVersion, xExportTables: summary.rowCounts.count,
                                             xExportRows: summary.totalRows,
                                             xExportWithheld: summary.withheld.map { "\($0.table).\($0.column)" }.joined(separator: ",")),
                             body: .binary(file.body)))
        }
    }

    func createBackup(_ input: Operations.CreateBackup.Input) async throws -> Operations.CreateBackup.Output {
        let (read, requested) = (chunkReader, input.query.file)
        return await signedIn(failed: { .default(statusCode: $0, $1) }) { actor in
            let name = try Self.fileName(requested) ?? "homeward-backup.sqlite"
            let (backup, file) = try DownloadedFile.made(named: name, digest: true, reading: read) { url in
                try homeward.backup(actor, to: url.path)
            }
            return .ok(.init(headers: .init(contentDisposition: Self.attachment(name),
                                             xAuditHead: "\(backup.headSeq):\(backup.headHash)", xAuditEvents: backup.check.auditEvents,
                                             xContentSHA256: file.sha256 ?? ""),
                             body: .binary(file.body)))
        }
    }

    /// `Content-Disposition` for a download named `name`: the name as a quoted string of
    /// printable ASCII (anything else, quotes and backslashes included, becomes `_`), a
    /// suggestion for a browser or `curl -J`; the CLI writes where it was told.
    static func attachment(_ name: String) -> String {
        let safe = String(name.unicodeScalars.map { (0x20..<0x7F).contains($0.value) && $0 != "\"" && $0 != "\\" && $0 != "%" ? Character($0) : "_" })
        return "attachment; filename=\"\(safe)\""
    }

    /// The client's file name for the audit, as one path component of the scratch folder.
    private static func fileName(_ text: String?) throws -> String? {
        guard let text else { return nil }
        // 200 bytes leave room for the backup's `.head` beside it within a file name's 255.
        guard !text.isEmpty, text.utf8.count <= 200, !text.contains("/"), !text.contains("\0"), text != ".", text != ".." else {
            throw RequestError.malformed("file", String(text.prefix(40)), "a file name of at most 200 bytes without a folder, e.g. homeward-2026-12-07.sqlite")
        }
        return text
    }

    /// Reads the next chunk of a download on the blocking pool, off the event loops.
    private var chunkReader: @Sendable (@escaping @Sendable () throws -> Data?) async throws -> Data? {
        { [pool] read in try await pool.runIfActive(read) }
    }
}
