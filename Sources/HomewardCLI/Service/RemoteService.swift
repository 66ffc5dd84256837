import AsyncHTTPClient
import Crypto
import Dispatch
import Foundation
import HomewardAPI
import HomewardCore
import HomewardServer
import HTTPTypes
import NIOCore
import NIOSSL
import OpenAPIAsyncHTTPClient

/// ``HomewardService`` on a Homeward server (`homeward serve`), through the client generated
/// from api/openapi.yaml. The server's core does everything the local core would; its error
/// kinds come back as the same exit codes and messages.
struct RemoteService: HomewardService {
    let server: ServerAddress
    /// The session token: HOMEWARD_TOKEN or this server's session file, read when a call needs it.
    let token: () throws -> String

    func sessionKey() throws -> String { server.sessionKey }

    func login(name: String, password: String) throws -> NewSession {
        try call(as: .nobody) { client in
            switch try await client.createSession(body: .json(.init(name: name, password: password))) {
            case let .created(created):
                let session = try created.body.json
                let role: Role = try Self.value(session.role.rawValue)
                return NewSession(token: session.token, name: session.name, role: role, expiresAt: session.expiresAt)
            case let .default(status, error): throw RemoteFailure.from(status: status, error)
            }
        }
    }

    func endSession(token: String, reason: SessionEndReason) throws -> SessionEnd {
        try call(as: .token(token)) { client in
            switch try await client.deleteCurrentSession(query: .init(reason: try Self.value(reason.rawValue))) {
            case let .ok(ok): return try ok.body.json.session == .alreadyEnded ? .alreadyEnded : .ended(user: "")
            case let .default(status, error): throw RemoteFailure.from(status: status, error)
            }
        }
    }

    func whoami() throws -> SignedIn {
        try call { client in
            switch try await client.getCurrentSession() {
            case let .ok(ok):
                let identity = try ok.body.json
                let role: Role = try Self.value(identity.role.rawValue)
                return SignedIn(name: identity.name, role: role)
            case let .default(status, error): throw RemoteFailure.from(status: status, error)
            }
        }
    }

    func users() throws -> [UserSummary] {
        try call { client in
            switch try await client.listUsers() {
            case let .ok(ok): return try APIBridge.convert(ok.body.json)
            case let .default(status, error): throw RemoteFailure.from(status: status, error)
            }
        }
    }

    func addUser(name: String, role: Role, password: String) throws {
        let role = try Self.value(role.rawValue, as: Components.Schemas.Role.self)
        try call { client in
            switch try await client.createUser(body: .json(.init(name: name, role: role, password: password))) {
            case .created: return
            case let .default(status, error): throw RemoteFailure.from(status: status, error)
            }
        }
    }

    func setRole(name: String, role: Role) throws -> Bool {
        let role = try Self.value(role.rawValue, as: Components.Schemas.Role.self)
        return try call { client in
            switch try await client.setUserRole(path: .init(name: name), body: .json(.init(role: role))) {
            case let .ok(ok): return try ok.body.json.changed ?? true
            case let .default(status, error): throw RemoteFailure.from(status: status, error)
            }
        }
    }

    func setUserEnabled(name: String, _ enabled: Bool) throws {
        try call { client in
            switch try await client.setUserStatus(path: .init(name: name), body: .json(.init(status: enabled ? .active : .disabled))) {
            case .ok: return
            case let .default(status, error): throw RemoteFailure.from(status: status, error)
            }
        }
    }

    func changePassword(name: String, newPassword: String, currentPassword: String?) throws {
        try call { client in
            switch try await client.setUserPassword(path: .init(name: name),
                                                    body: .json(.init(newPassword: newPassword, currentPassword: currentPassword))) {
            case .ok: return
            case let .default(status, error): throw RemoteFailure.from(status: status, error)
            }
        }
    }

    func isOwnAccount(name: String) throws -> Bool { UserName.key(try whoami().name) == UserName.key(name) }

    func revokeSessions(name: String) throws -> Int {
        try call { client in
            switch try await client.revokeUserSessions(path: .init(name: name)) {
            case let .ok(ok): return try ok.body.json.sessionsEnded
            case let .default(status, error): throw RemoteFailure.from(status: status, error)
            }
        }
    }

    func assignBatch(user: String, code: String) throws {
        try call { client in
            switch try await client.assignBatch(path: .init(name: user, code: code)) {
            case .ok: return
            case let .default(status, error): throw RemoteFailure.from(status: status, error)
            }
        }
    }

    func unassignBatch(user: String, code: String) throws {
        try call { client in
            switch try await client.unassignBatch(path: .init(name: user, code: code)) {
            case .ok: return
            case let .default(status, error): throw RemoteFailure.from(status: status, error)
            }
        }
    }

    func settings() throws -> [SettingView] {
        try call { client in
            switch try await client.listSettings() {
            case let .ok(ok): return try APIBridge.convert(ok.body.json)
            case let .default(status, error): throw RemoteFailure.from(status: status, error)
            }
        }
    }

    func setSetting(key: String, value: String) throws -> String {
        try call { client in
            switch try await client.setSetting(path: .init(key: key), body: .json(.init(value: value))) {
            case let .ok(ok): return try ok.body.json.value
            case let .default(status, error): throw RemoteFailure.from(status: status, error)
            }
        }
    }

    func unsetSetting(key: String) throws -> Bool {
        try call { client in
            switch try await client.unsetSetting(path: .init(key: key)) {
            case let .ok(ok): return try ok.body.json.state == .unset
            case let .default(status, error): throw RemoteFailure.from(status: status, error)
            }
        }
    }

    func inquiries(_ filter: InquiryFilter) throws -> [InquirySummary] {
        let status = try filter.status.map { try Self.value($0, as: Components.Schemas.InquiryStatus.self) }
        return try call { client in
            switch try await client.listInquiries(query: .init(status: status, region: filter.region, coordinator: filter.coordinator,
                                                               since: filter.receivedSince, limit: filter.limit)) {
            case let .ok(ok): return try APIBridge.convert(ok.body.json)
            case let .default(status, error): throw RemoteFailure.from(status: status, error)
            }
        }
    }

    func addInquiry(_ form: InquiryForm, coordinator: String?) throws -> InquiryAdded {
        let body = try Self.form(form)
        return try call { client in
            switch try await client.createInquiry(query: .init(coordinator: coordinator), body: .json(body)) {
            case let .created(created): return try APIBridge.convert(created.body.json)
            case let .default(status, error): throw RemoteFailure.from(status: status, error)
            }
        }
    }

    func importInquiries(file: URL, limits: CSVLimits, dryRun: Bool, progress: ((Int, Int) -> Void)?) throws -> ImportSummary {
        let bytes = try Self.upload(file)
        let query = Operations.ImportInquiries.Input.Query(dryRun: dryRun, maxRows: limits.maxRows, maxBytes: limits.maxBytes)
        return try call { client in
            switch try await client.importInquiries(query: query, body: .csv(HTTPBody(bytes))) {
            case let .ok(ok): return try APIBridge.convert(ok.body.json)
            case let .default(status, error): throw RemoteFailure.from(status: status, error)
            }
        }
    }

    func inquiry(reference: String) throws -> InquiryView {
        try call { client in
            switch try await client.getInquiry(path: .init(reference: reference)) {
            case let .ok(ok): return try APIBridge.convert(ok.body.json)
            case let .default(status, error): throw RemoteFailure.from(status: status, error)
            }
        }
    }

    func updateInquiry(reference: String, changes: InquiryForm, coordinator: String?) throws -> [String] {
        let body = try Self.form(changes)
        return try call { client in
            switch try await client.updateInquiry(path: .init(reference: reference), query: .init(coordinator: coordinator),
                                                  body: .json(body)) {
            case let .ok(ok): return try ok.body.json.changed
            case let .default(status, error): throw RemoteFailure.from(status: status, error)
            }
        }
    }

    func closeInquiry(reference: String, withdrawn: Bool, reason: String) throws {
        try call { client in
            switch try await client.closeInquiry(path: .init(reference: reference), body: .json(.init(reason: reason, withdrawn: withdrawn))) {
            case .ok: return
            case let .default(status, error): throw RemoteFailure.from(status: status, error)
            }
        }
    }

    func recordContact(reference: String, channel: ContactChannel, note: String, outcome: ContactOutcome?) throws -> ContactRecorded {
        let channel = try Self.value(channel.rawValue, as: Components.Schemas.ContactForm.ChannelPayload.self)
        let outcome = try outcome.map { try Self.value($0.rawValue, as: Components.Schemas.ContactForm.OutcomePayload.self) }
        return try call { client in
            switch try await client.recordContact(path: .init(reference: reference),
                                                  body: .json(.init(channel: channel, note: note, outcome: outcome))) {
            case let .created(created): return try APIBridge.convert(created.body.json)
            case let .default(status, error): throw RemoteFailure.from(status: status, error)
            }
        }
    }

    func find(_ text: String, limit: Int?) throws -> [SearchResult] {
        try call { client in
            switch try await client.search(query: .init(q: text, limit: limit)) {
            case let .ok(ok): return try APIBridge.convert(ok.body.json)
            case let .default(status, error): throw RemoteFailure.from(status: status, error)
            }
        }
    }

    func previewInquiry(_ form: InquiryForm, coordinator: String?) throws -> InquiryPreview {
        let body = try Self.form(form)
        return try call { client in
            switch try await client.previewInquiry(query: .init(coordinator: coordinator), body: .json(body)) {
            case let .ok(ok): return try APIBridge.convert(ok.body.json)
            case let .default(status, error): throw RemoteFailure.from(status: status, error)
            }
        }
    }

    func inquiryHistory(reference: String) throws -> [InquiryHistoryEntry] {
        try call { client in
            switch try await client.getInquiryHistory(path: .init(reference: reference)) {
            case let .ok(ok): return try APIBridge.convert(ok.body.json)
            case let .default(status, error): throw RemoteFailure.from(status: status, error)
            }
        }
    }

    func reopenInquiry(reference: String, reason: String) throws -> String {
        try call { client in
            switch try await client.reopenInquiry(path: .init(reference: reference), body: .json(.init(reason: reason))) {
            case let .ok(ok): return try ok.body.json.status.rawValue
            case let .default(status, error): throw RemoteFailure.from(status: status, error)
            }
        }
    }

    func mergeInquiry(reference: String, into: String, force: Bool) throws {
        try call { client in
            switch try await client.mergeInquiry(path: .init(reference: reference), body: .json(.init(into: into, force: force))) {
            case .ok: return
            case let .default(status, error): throw RemoteFailure.from(status: status, error)
            }
        }
    }

    func unmergeInquiry(reference: String) throws {
        try call { client in
            switch try await client.unmergeInquiry(path: .init(reference: reference)) {
            case .ok: return
            case let .default(status, error): throw RemoteFailure.from(status: status, error)
            }
        }
    }

    func batches() throws -> [BatchSummary] {
        try call { client in
            switch try await client.listBatches() {
            case let .ok(ok): return try APIBridge.convert(ok.body.json)
            case let .default(status, error): throw RemoteFailure.from(status: status, error)
            }
        }
    }

    func addBatch(_ form: BatchForm) throws -> BatchAdded {
        let body = Components.Schemas.BatchForm(
            date: form.date, kind: try Self.value(form.kind), received: form.received, handedOver: form.handedOver,
            regions: form.regions, transferPoint: form.transferPoint, agreement: form.agreement, sources: form.sources)
        return try call { client in
            switch try await client.createBatch(body: .json(body)) {
            case let .created(created): return try APIBridge.convert(created.body.json)
            case let .default(status, error): throw RemoteFailure.from(status: status, error)
            }
        }
    }

    func batch(code: String) throws -> BatchView {
        try call { client in
            switch try await client.getBatch(path: .init(code: code)) {
            case let .ok(ok): return try APIBridge.convert(ok.body.json)
            case let .default(status, error): throw RemoteFailure.from(status: status, error)
            }
        }
    }

    func updateBatch(code: String, changes: BatchChanges) throws -> BatchUpdated {
        let count: (BatchCount?) -> Components.Schemas.BatchCount? = { count in
            switch count {
            case nil: nil
            case .unknown: .case2(.unknown)
            case let .count(number): .case1(number)
            }
        }
        let body = Components.Schemas.BatchChanges(
            received: count(changes.received), handedOver: count(changes.handedOver), regions: changes.regions,
            transferPoint: changes.transferPoint, agreement: changes.agreement, sources: changes.sources,
            addSources: changes.addedSources.isEmpty ? nil : changes.addedSources, reason: changes.reason)
        return try call { client in
            switch try await client.updateBatch(path: .init(code: code), body: .json(body)) {
            case let .ok(ok): return try APIBridge.convert(ok.body.json)
            case let .default(status, error): throw RemoteFailure.from(status: status, error)
            }
        }
    }

    func setBatchStatus(code: String, status: BatchStatus, note: String) throws {
        let status = try Self.value(status.rawValue, as: Components.Schemas.BatchStatus.self)
        try call { client in
            switch try await client.setBatchStatus(path: .init(code: code), body: .json(.init(status: status, note: note))) {
            case .ok: return
            case let .default(status, error): throw RemoteFailure.from(status: status, error)
            }
        }
    }

    func importManifest(code: String, file: URL, limits: CSVLimits, dryRun: Bool, acceptCount: Bool) throws -> ImportSummary {
        let bytes = try Self.upload(file)
        let query = Operations.ImportManifest.Input.Query(dryRun: dryRun, acceptCount: acceptCount, maxRows: limits.maxRows,
                                                          maxBytes: limits.maxBytes)
        return try call { client in
            switch try await client.importManifest(path: .init(code: code), query: query, body: .csv(HTTPBody(bytes))) {
            case let .ok(ok): return try APIBridge.convert(ok.body.json)
            case let .default(status, error): throw RemoteFailure.from(status: status, error)
            }
        }
    }

    func returnedRecord(address: String) throws -> ReturnedRecordView {
        let address = try RecordAddress.parse(address)
        return try call { client in
            switch try await client.getRecord(path: .init(code: address.code, tag: address.tag)) {
            case let .ok(ok): return try APIBridge.convert(ok.body.json)
            case let .default(status, error): throw RemoteFailure.from(status: status, error)
            }
        }
    }

    func updateRecord(address: String, changes: ManifestForm) throws -> RecordUpdated {
        let address = try RecordAddress.parse(address)
        let body = Components.Schemas.RecordForm(
            tag: changes.tag, kind: changes.kind, name: changes.name, serviceNumber: changes.serviceNumber, sex: changes.sex,
            ageMin: changes.ageMin, ageMax: changes.ageMax, recoveryRegion: changes.recoveryRegion,
            recoveryPlace: changes.recoveryPlace, recoveryDate: changes.recoveryDate, effects: changes.effects, notes: changes.notes)
        return try call { client in
            switch try await client.updateRecord(path: .init(code: address.code, tag: address.tag), body: .json(body)) {
            case let .ok(ok): return try APIBridge.convert(ok.body.json)
            case let .default(status, error): throw RemoteFailure.from(status: status, error)
            }
        }
    }

    func voidRecord(address: String, reason: String) throws -> String {
        let address = try RecordAddress.parse(address)
        return try call { client in
            switch try await client.voidRecord(path: .init(code: address.code, tag: address.tag), body: .json(.init(reason: reason))) {
            case let .ok(ok): return try ok.body.json.record
            case let .default(status, error): throw RemoteFailure.from(status: status, error)
            }
        }
    }

    func matchBatch(code: String, top: Int, minScore: Double?, save: Bool) throws -> BatchMatches {
        try call { client in
            if save {
                switch try await client.saveBatchMatches(path: .init(code: code), query: .init(top: top, minScore: minScore)) {
                case let .ok(ok): return try APIBridge.convert(ok.body.json)
                case let .default(status, error): throw RemoteFailure.from(status: status, error)
                }
            }
            switch try await client.matchBatch(path: .init(code: code), query: .init(top: top, minScore: minScore)) {
            case let .ok(ok): return try APIBridge.convert(ok.body.json)
            case let .default(status, error): throw RemoteFailure.from(status: status, error)
            }
        }
    }

    func matchInquiry(reference: String, top: Int, minScore: Double?, save: Bool) throws -> InquiryMatches {
        try call { client in
            if save {
                switch try await client.saveInquiryMatches(path: .init(reference: reference), query: .init(top: top, minScore: minScore)) {
                case let .ok(ok): return try APIBridge.convert(ok.body.json)
                case let .default(status, error): throw RemoteFailure.from(status: status, error)
                }
            }
            switch try await client.matchInquiry(path: .init(reference: reference), query: .init(top: top, minScore: minScore)) {
            case let .ok(ok): return try APIBridge.convert(ok.body.json)
            case let .default(status, error): throw RemoteFailure.from(status: status, error)
            }
        }
    }

    func links(batch: String?, inquiry: String?, state: String?) throws -> [LinkView] {
        let state = try state.map { try Self.value($0, as: Operations.ListLinks.Input.Query.StatePayload.self) }
        return try call { client in
            switch try await client.listLinks(query: .init(batch: batch, inquiry: inquiry, state: state)) {
            case let .ok(ok): return try APIBridge.convert(ok.body.json)
            case let .default(status, error): throw RemoteFailure.from(status: status, error)
            }
        }
    }

    func confirmLink(id: Int64) throws -> LinkDecided {
        try call { client in
            switch try await client.confirmLink(path: .init(id: id)) {
            case let .ok(ok): return try APIBridge.convert(ok.body.json)
            case let .default(status, error): throw RemoteFailure.from(status: status, error)
            }
        }
    }

    func rejectLink(id: Int64, reason: String) throws -> LinkDecided {
        try call { client in
            switch try await client.rejectLink(path: .init(id: id), body: .json(.init(reason: reason))) {
            case let .ok(ok): return try APIBridge.convert(ok.body.json)
            case let .default(status, error): throw RemoteFailure.from(status: status, error)
            }
        }
    }

    func verifyAudit(expectedHead: (seq: Int64, hash: String)?) throws -> AuditVerification {
        let head = expectedHead.map { "\($0.seq):\($0.hash)" }
        return try call { client in
            switch try await client.verifyAudit(query: .init(expectHead: head)) {
            case let .ok(ok):
                let result = try ok.body.json
                return AuditVerification(eventCount: result.events, headSeq: result.headSeq, headHash: result.headHash,
                                         firstBroken: result.brokenAt.map { ($0, result.reason ?? "") })
            case let .default(status, error): throw RemoteFailure.from(status: status, error)
            }
        }
    }

    func auditLog(_ filter: AuditFilter) throws -> [AuditEventView] {
        let query = Operations.ListAuditEvents.Input.Query(actor: filter.actor, action: filter.action,
                                                           since: filter.since.map(Timestamp.text), limit: filter.limit)
        return try call { client in
            switch try await client.listAuditEvents(query: query) {
            case let .ok(ok): return try APIBridge.convert(ok.body.json)
            case let .default(status, error): throw RemoteFailure.from(status: status, error)
            }
        }
    }

    func checkDatabase() throws -> DatabaseCheck {
        try call { client in
            switch try await client.checkDatabase() {
            case let .ok(ok): return try APIBridge.convert(ok.body.json)
            case let .default(status, error): throw RemoteFailure.from(status: status, error)
            }
        }
    }

    func backup(to file: String) throws -> BackupWritten {
        let headFile = try DatabaseBackup.checkTargets(for: file)
        let target = try PrivateFile.createEmpty(at: file, for: .backup)
        var headMade = false
        do {
            let sink = FileSink(target, path: file)
            let (head, events) = try call { client in
                switch try await client.createBackup(query: .init(file: URL(fileURLWithPath: file).lastPathComponent)) {
                case let .ok(ok):
                    let digest = try await Self.drain(ok.body.binary, into: sink.write)
                    guard digest == ok.headers.xContentSHA256 else { throw RemoteFailure.unexpected("a backup whose SHA-256 differs") }
                    return (ok.headers.xAuditHead, ok.headers.xAuditEvents)
                case let .default(status, error): throw RemoteFailure.from(status: status, error)
                }
            }
            try target.synchronize(path: file)
            try target.check(at: file)
            let headTarget = try PrivateFile.createEmpty(at: headFile, for: .backup)
            headMade = true
            try headTarget.write(Data("\(head)\n".utf8), path: headFile)
            try headTarget.synchronize(path: headFile)
            return BackupWritten(auditEvents: events, head: head, headFile: headFile)
        } catch {
            unlink(file)
            if headMade { unlink(headFile) }
            throw error
        }
    }

    func exportDatabase(toFile file: String?, writing sink: @escaping @Sendable (Data) throws -> Void) throws -> ExportWritten {
        let download: (@escaping @Sendable (Data) throws -> Void) throws -> ExportWritten = { sink in
            try call { client in
                switch try await client.exportDatabase(query: .init(format: .json, file: file.map { URL(fileURLWithPath: $0).lastPathComponent })) {
                case let .ok(ok):
                    _ = try await Self.drain(ok.body.binary, into: sink)
                    let headers = ok.headers
                    return ExportWritten(schemaVersion: headers.xExportSchemaVersion, tables: headers.xExportTables,
                                         rows: headers.xExportRows,
                                         withheld: headers.xExportWithheld.split(separator: ",").map(String.init))
                case let .default(status, error): throw RemoteFailure.from(status: status, error)
                }
            }
        }
        guard let file else { return try download(sink) }
        return try PrivateFile.writeNew(at: file) { write in try download(FileSink(write).write) }
    }

    /// Every chunk of `body` handed to `sink` in order, as it arrives; the SHA-256 of it all.
    private static func drain(_ body: HTTPBody, into sink: @Sendable (Data) throws -> Void) async throws -> String {
        var hash = SHA256()
        for try await chunk in body {
            let data = Data(chunk)
            hash.update(data: data)
            try sink(data)
        }
        return hexString(hash.finalize())
    }

    func familyReport(reference: String, format: FamilyReportFormat, language: ReportLanguage?, toFile file: String?,
                      writing sink: ((Data) throws -> Void)?) throws -> RenderedReport {
        let query = Operations.GetFamilyReport.Input.Query(format: try Self.value(format.rawValue),
                                                           lang: try language.map { try Self.value($0.rawValue) })
        return try Self.delivered(toFile: file, writing: sink, format: format.rawValue) {
            try call { client in
                switch try await client.getFamilyReport(path: .init(reference: reference), query: query) {
                case let .ok(file): return try await Self.report(file)
                case let .default(status, error): throw RemoteFailure.from(status: status, error)
                }
            }
        }
    }

    func batchReport(code: String, format: CoordinatorReportFormat, language: ReportLanguage, toFile file: String?,
                     writing sink: ((Data) throws -> Void)?) throws -> RenderedReport {
        let query = Operations.GetBatchReport.Input.Query(format: try Self.value(format.rawValue), lang: try Self.value(language.rawValue))
        return try Self.delivered(toFile: file, writing: sink, format: format.rawValue) {
            try call { client in
                switch try await client.getBatchReport(path: .init(code: code), query: query) {
                case let .ok(file): return try await Self.report(file)
                case let .default(status, error): throw RemoteFailure.from(status: status, error)
                }
            }
        }
    }

    func statsReport(format: CoordinatorReportFormat, language: ReportLanguage, toFile file: String?,
                     writing sink: ((Data) throws -> Void)?) throws -> RenderedReport {
        let query = Operations.GetStatisticsReport.Input.Query(format: try Self.value(format.rawValue), lang: try Self.value(language.rawValue))
        return try Self.delivered(toFile: file, writing: sink, format: format.rawValue) {
            try call { client in
                switch try await client.getStatisticsReport(query: query) {
                case let .ok(file): return try await Self.report(file)
                case let .default(status, error): throw RemoteFailure.from(status: status, error)
                }
            }
        }
    }

    /// A downloaded report's bytes, language and file name (format filled in by ``delivered``).
    private struct Downloaded: Sendable {
        let data: Data
        let language: ReportLanguage
        let fileName: String
    }

    /// A report file the server sent: its bytes, language and the name it suggests.
    private static func report(_ file: Components.Responses.ReportFile) async throws -> Downloaded {
        let language: ReportLanguage = try value(file.headers.contentLanguage.rawValue)
        let name = file.headers.contentDisposition.split(separator: "\"").dropFirst().first.map(String.init) ?? ""
        return Downloaded(data: try await Data(collecting: file.body.binary, upTo: reportLimit), language: language, fileName: name)
    }

    /// The largest report accepted from a server.
    private static let reportLimit = 512 * 1024 * 1024

    /// A report downloaded, then written where a local one goes: a new 0600 file, created
    /// before the download (so that a file that cannot be made is refused before the server
    /// renders and audits anything) and removed if the download fails; else `sink`.
    private static func delivered(toFile path: String?, writing sink: ((Data) throws -> Void)?, format: String,
                                  _ download: () throws -> Downloaded) throws -> RenderedReport {
        func rendered(_ report: Downloaded) -> RenderedReport {
            RenderedReport(data: report.data, format: format, language: report.language, suggestedFileName: report.fileName)
        }
        guard let path else {
            let report = try download()
            try sink?(report.data)
            return rendered(report)
        }
        return try PrivateFile.writeNew(at: path) { write in
            let report = try download()
            try write(report.data)
            return rendered(report)
        }
    }

    func setIdentificationStatus(record: String, to status: IdentificationStatus, _ step: IdentificationStep) throws -> IdentificationChanged {
        let address = try RecordAddress.parse(record)
        let body = Components.Schemas.IdentificationStep(
            status: try Self.value(status.rawValue), method: try step.method.map { try Self.value($0.rawValue) },
            evidence: step.evidence, note: step.note, via: try step.via.map { try Self.value($0.rawValue) },
            expect: try step.expect.map { try Self.value($0.rawValue) })
        return try call { client in
            switch try await client.setIdentificationStatus(path: .init(code: address.code, tag: address.tag), body: .json(body)) {
            case let .ok(ok): return try APIBridge.convert(ok.body.json)
            case let .default(status, error): throw RemoteFailure.from(status: status, error)
            }
        }
    }

    func confirmIdentification(record: String, proposal: Int64?, note: String?) throws -> IdentificationConfirmed {
        let address = try RecordAddress.parse(record)
        return try call { client in
            switch try await client.confirmIdentification(path: .init(code: address.code, tag: address.tag),
                                                          body: .json(.init(proposal: proposal, note: note))) {
            case let .ok(ok): return try APIBridge.convert(ok.body.json)
            case let .default(status, error): throw RemoteFailure.from(status: status, error)
            }
        }
    }

    func identificationHistory(record: String) throws -> [IdentificationEventView] {
        let address = try RecordAddress.parse(record)
        return try call { client in
            switch try await client.getIdentificationHistory(path: .init(code: address.code, tag: address.tag)) {
            case let .ok(ok): return try APIBridge.convert(ok.body.json)
            case let .default(status, error): throw RemoteFailure.from(status: status, error)
            }
        }
    }

    // MARK: Calling the server

    /// Whose token a call carries.
    private enum Caller {
        /// The context's session (HOMEWARD_TOKEN or the session file).
        case session
        case token(String)
        /// None: a login.
        case nobody
    }

    /// `body` with a client for `caller`, waited for: the commands are synchronous.
    private func call<T: Sendable>(as caller: Caller = .session, _ body: @escaping @Sendable (Client) async throws -> T) throws -> T {
        let bearer: String?
        switch caller {
        case .session:
            do {
                bearer = try token()
            } catch AccessError.notLoggedIn {
                // "Log in" would send the user to a server that may not be there (a mistyped
                // port): say so when it cannot be reached.
                try call(as: .nobody) { client in _ = try await client.getHealth() }
                throw AccessError.notLoggedIn
            }
        case let .token(token): bearer = token
        case .nobody: bearer = nil
        }
        let client = Client(serverURL: server.url, transport: AsyncHTTPClientTransport(configuration: .init(
            client: try ServerAddress.httpClient(), timeout: .seconds(120))), middlewares: [BearerToken(token: bearer)])
        let url = server.display
        return try Blocking.wait {
            do {
                return try await body(client)
            } catch let error as RemoteFailure {
                throw error
            } catch let error as ClientError {
                throw RemoteFailure.unreachable(url, error.underlyingError)
            }
        }
    }

    /// The bytes of a file to upload. A file that cannot be sent (missing, a folder or a pipe,
    /// empty) is refused here with the core's words and the local path; what it holds is the
    /// server's core to check.
    private static func upload(_ file: URL) throws -> Data {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: file.path, isDirectory: &isFolder) else {
            throw ImportError.file(.cannotOpen(path: file.path))
        }
        let attributes = try? FileManager.default.attributesOfItem(atPath: file.path)
        guard !isFolder.boolValue, attributes?[.type] as? FileAttributeType == .typeRegular else {
            throw ImportError.file(.notAFile(path: file.path))
        }
        let bytes: Data
        do {
            bytes = try Data(contentsOf: file, options: .alwaysMapped)
        } catch {
            throw ImportError.file(.cannotOpen(path: file.path))
        }
        guard !bytes.isEmpty else { throw ImportError.file(.empty(path: file.path)) }
        // The server would refuse a larger body with 413 while it is still being sent, which
        // reads on this side as a broken connection: say it here instead.
        guard bytes.count <= ServerConfiguration.importBodyLimit else {
            throw CLIError.badData("\(file.path) is \(bytes.count) bytes; a Homeward server takes uploads of at most \(ServerConfiguration.importBodyLimit) (64 MiB and 64 KiB): split the file, or import it on the server's host")
        }
        return bytes
    }

    /// A value the spec lists by name (a status, a channel), from the core's raw value.
    private static func value<T: RawRepresentable>(_ raw: String, as type: T.Type = T.self) throws -> T where T.RawValue == String {
        guard let value = T(rawValue: raw) else { throw RemoteFailure.unexpected(raw) }
        return value
    }

    /// A form as the API's free-form object (its JSON, which the server's core reads as a file's).
    private static func form(_ form: InquiryForm) throws -> Components.Schemas.InquiryForm {
        try JSONDecoder().decode(Components.Schemas.InquiryForm.self, from: form.jsonData())
    }
}

/// Where a download's chunks go: a file being written or a writer's sink. The download hands
/// it one chunk at a time, in order, from one task, so nothing touches it concurrently.
private final class FileSink: @unchecked Sendable {
    private let append: (Data) throws -> Void

    init(_ file: CreatedFile, path: String) { append = { try file.write($0, path: path) } }

    init(_ write: @escaping (Data) throws -> Void) { append = write }

    @Sendable func write(_ data: Data) throws { try append(data) }
}

/// Adds `Authorization: Bearer` to every request when there is a token.
private struct BearerToken: ClientMiddleware {
    let token: String?

    func intercept(_ request: HTTPRequest, body: HTTPBody?, baseURL: URL, operationID: String,
                   next: @Sendable (HTTPRequest, HTTPBody?, URL) async throws -> (HTTPResponse, HTTPBody?)) async throws -> (HTTPResponse, HTTPBody?) {
        var request = request
        if let token { request.headerFields[.authorization] = "Bearer \(token)" }
        return try await next(request, body, baseURL)
    }
}

/// The server named by --server or HOMEWARD_SERVER.
struct ServerAddress: Sendable {
    let url: URL
    /// The URL as the user can read it (scheme, host, port; nothing else is allowed).
    let display: String

    init(_ text: String) throws {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard let components = URLComponents(string: trimmed), let scheme = components.scheme?.lowercased(),
              scheme == "https" || scheme == "http", let host = components.host, !host.isEmpty,
              components.user == nil, components.password == nil, components.query == nil, components.fragment == nil,
              components.path.isEmpty || components.path == "/", (1...65535).contains(components.port ?? 443) else {
            throw CLIError.usage("the server \(QuotedValue.quoted(trimmed) ?? "given") is not a URL like https://homeward.example.org:8443 (scheme, host and port only)")
        }
        let port = components.port.map { ":\($0)" } ?? ""
        let hostPart = host.contains(":") && !host.hasPrefix("[") ? "[\(host)]" : host
        display = "\(scheme)://\(hostPart.lowercased())\(port)"
        guard let url = URL(string: display) else { throw CLIError.usage("the server URL \(display) cannot be used") }
        self.url = url
    }

    /// The session file's key: a hash of the URL, so each server has its own file.
    var sessionKey: String {
        hexString(SHA256.hash(data: Data(display.utf8)))
    }

    /// One HTTP client for the process; it trusts the system's CAs, or only the PEM file in
    /// HOMEWARD_SERVER_CA (a centre's own CA or a self-signed certificate). TLS 1.2 or newer.
    static func httpClient() throws -> HTTPClient {
        try shared.get()
    }

    private static let shared: Result<HTTPClient, any Error> = Result {
        var tls = TLSConfiguration.makeClientConfiguration()
        tls.minimumTLSVersion = .tlsv12
        if let path = ProcessInfo.processInfo.environment["HOMEWARD_SERVER_CA"], !path.isEmpty {
            guard FileManager.default.isReadableFile(atPath: path) else {
                throw CLIError.missingInput("HOMEWARD_SERVER_CA names \(path), which cannot be read; give a PEM certificate file")
            }
            tls.trustRoots = .file(path)
        }
        var configuration = HTTPClient.Configuration(tlsConfiguration: tls)
        // The client retries a failed connection (a refused certificate too) until this
        // deadline: 10 s, not its default of 90, before saying it cannot reach the server.
        configuration.timeout.connect = .seconds(10)
        // Kept for the life of the process, which ends with exit(): no shutdown to wait for.
        return HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }
}

/// A failure the server reported, with the kind (and so the exit code) and message it gave.
enum RemoteFailure: HomewardFailure {
    case reported(FailureKind, String)
    case unreachable(String, any Error)
    case unexpected(String)

    /// The failure the server reported: its kind and message, or the import's own error when
    /// the server listed bad rows (so that each is printed on its line, as on the file).
    static func from(status: Int, _ response: Components.Responses._Error) -> any Error {
        if case let .json(body) = response.body, let problems = body.error.problems, let bad = body.error.badRows,
           let total = body.error.totalRows {
            return ImportError.invalidRows(problems.map { RowProblem(line: $0.line, column: $0.column, message: $0.message) },
                                           badRows: bad, totalRows: total)
        }
        return RemoteFailure(status: status, response)
    }

    init(status: Int, _ response: Components.Responses._Error) {
        guard case let .json(body) = response.body else { self = .unexpected("error"); return }
        let kind: FailureKind = switch body.error.kind {
        case .usage: .usage
        case .badInput, .notFound, .conflict: .badInput
        case .missingInput: .missingInput
        case .unavailable: .unavailable
        case .cannotCreateOutput: .cannotCreateOutput
        case .io: .io
        case .unauthenticated, .denied: .accessDenied
        }
        self = .reported(kind, body.error.message)
    }

    var kind: FailureKind {
        switch self {
        case let .reported(kind, _): kind
        case .unreachable, .unexpected: .unavailable
        }
    }

    var errorDescription: String? {
        switch self {
        case let .reported(_, message): message
        case let .unreachable(url, error): "cannot reach the Homeward server at \(url) (\(Self.describe(error))); check HOMEWARD_SERVER or --server, and that it runs"
        case let .unexpected(what): "the server answered with something this homeward does not know (\(what)); are both the same version?"
        }
    }

    private static func describe(_ error: any Error) -> String {
        if let error = error as? HTTPClientError, error == .connectTimeout || error == .deadlineExceeded { return "no answer in time" }
        let text = String(describing: error)
        if text.contains("connectionRefused") || text.contains("Connection refused") { return "connection refused" }
        if text.contains("NIOSSL") || text.contains("handshake") || text.contains("certificate") { return "TLS failed: is the certificate trusted? (HOMEWARD_SERVER_CA)" }
        return "network error"
    }
}

/// Waiting in a synchronous command for asynchronous work.
enum Blocking {
    static func wait<T: Sendable>(_ body: @escaping @Sendable () async throws -> T) throws -> T {
        let box = ResultBox<T>()
        let done = DispatchSemaphore(value: 0)
        Task {
            do { box.result = .success(try await body()) } catch { box.result = .failure(error) }
            done.signal()
        }
        done.wait()
        return try box.result!.get()
    }
}

/// Written once by the task, read after the semaphore: no concurrent access.
private final class ResultBox<T>: @unchecked Sendable {
    var result: Result<T, any Error>?
}
