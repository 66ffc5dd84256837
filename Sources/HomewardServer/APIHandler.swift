import Foundation
import HomewardAPI
import HomewardCore
import Logging
import NIOPosix

/// The operations of api/openapi.yaml, each one call of the core's use case for the holder of
/// the request's bearer token: the core authenticates, authorises, audits and decides; this
/// type only moves values between HTTP and the core.
struct APIHandler: APIProtocol {
    let homeward: Homeward
    let throttle: LoginThrottle
    let version: String
    let logger: Logger
    /// Where the core's blocking calls run (SQLite, argon2), off the event loops.
    let pool: NIOThreadPool

    typealias Schemas = Components.Schemas

    // MARK: Health and sessions

    func getHealth(_ input: Operations.GetHealth.Input) async throws -> Operations.GetHealth.Output {
        await run(failed: { .default(statusCode: $0, $1) }) {
            _ = try homeward.databaseID()
            return .ok(.init(body: .json(.init(status: .ok, version: version))))
        }
    }

    func createSession(_ input: Operations.CreateSession.Input) async throws -> Operations.CreateSession.Output {
        guard case let .json(credentials) = input.body else { preconditionFailure("one content type") }
        let address = RequestCredentials.current.address
        return await run(failed: { .default(statusCode: $0, $1) }) {
            let session = try homeward.login(name: credentials.name, password: credentials.password, throttle: throttle,
                                             address: address)
            return .created(.init(body: .json(.init(token: session.token, name: session.actor.name,
                                                    role: try Self.word(session.actor.role.rawValue), expiresAt: session.expiresAt))))
        }
    }

    func getCurrentSession(_ input: Operations.GetCurrentSession.Input) async throws -> Operations.GetCurrentSession.Output {
        await signedIn(failed: { .default(statusCode: $0, $1) }) { actor in
            .ok(.init(body: .json(.init(name: actor.name, role: try Self.word(actor.role.rawValue)))))
        }
    }

    func deleteCurrentSession(_ input: Operations.DeleteCurrentSession.Input) async throws -> Operations.DeleteCurrentSession.Output {
        let token = RequestCredentials.current.token
        return await run(failed: { .default(statusCode: $0, $1) }) {
            guard let token else { throw AccessError.notLoggedIn }
            let end = try homeward.revokeSession(token: token, reason: try input.query.reason.map { try Self.word($0.rawValue) } ?? .logout)
            return .ok(.init(body: .json(.init(session: end == .alreadyEnded ? .alreadyEnded : .ended))))
        }
    }

    // MARK: Inquiries

    func listInquiries(_ input: Operations.ListInquiries.Input) async throws -> Operations.ListInquiries.Output {
        let query = input.query
        let filter = InquiryFilter(status: query.status?.rawValue, region: query.region, coordinator: query.coordinator,
                                   receivedSince: query.since, limit: query.limit)
        return await signedIn(failed: { .default(statusCode: $0, $1) }) { actor in
            .ok(.init(body: .json(try APIBridge.convert(homeward.inquiries(actor, filter: filter)))))
        }
    }

    func createInquiry(_ input: Operations.CreateInquiry.Input) async throws -> Operations.CreateInquiry.Output {
        guard case let .json(body) = input.body else { preconditionFailure("one content type") }
        let coordinator = input.query.coordinator
        return await signedIn(failed: { .default(statusCode: $0, $1) }) { actor in
            let form = try InquiryForm.fromJSON(try JSONEncoder().encode(body))
            return .created(.init(body: .json(try APIBridge.convert(homeward.addInquiry(actor, form, coordinator: coordinator)))))
        }
    }

    func importInquiries(_ input: Operations.ImportInquiries.Input) async throws -> Operations.ImportInquiries.Output {
        guard case let .csv(upload) = input.body else { preconditionFailure("one content type") }
        let query = input.query
        let limits = CSVLimits(maxBytes: query.maxBytes ?? CSVLimits.defaultMaxBytes, maxRows: query.maxRows ?? CSVLimits.defaultMaxRows)
        return await uploaded(upload, failed: { .default(statusCode: $0, $1) }) { actor, file in
            let summary = try homeward.importInquiries(actor, file: file, limits: limits, dryRun: query.dryRun ?? false)
            return .ok(.init(body: .json(try APIBridge.convert(summary))))
        }
    }

    func getInquiry(_ input: Operations.GetInquiry.Input) async throws -> Operations.GetInquiry.Output {
        let reference = input.path.reference
        return await signedIn(failed: { .default(statusCode: $0, $1) }) { actor in
            .ok(.init(body: .json(try APIBridge.convert(homeward.inquiry(actor, reference: reference)))))
        }
    }

    func updateInquiry(_ input: Operations.UpdateInquiry.Input) async throws -> Operations.UpdateInquiry.Output {
        guard case let .json(body) = input.body else { preconditionFailure("one content type") }
        let (reference, coordinator) = (input.path.reference, input.query.coordinator)
        return await signedIn(failed: { .default(statusCode: $0, $1) }) { actor in
            let changes = try InquiryForm.fromJSON(try JSONEncoder().encode(body))
            let changed = try homeward.updateInquiry(actor, reference: reference, changes: changes, coordinator: coordinator)
            return .ok(.init(body: .json(.init(reference: reference.uppercased(), changed: changed))))
        }
    }

    func closeInquiry(_ input: Operations.CloseInquiry.Input) async throws -> Operations.CloseInquiry.Output {
        guard case let .json(body) = input.body else { preconditionFailure("one content type") }
        let reference = input.path.reference
        let withdrawn = body.withdrawn ?? false
        return await signedIn(failed: { .default(statusCode: $0, $1) }) { actor in
            try homeward.closeInquiry(actor, reference: reference, withdrawn: withdrawn, reason: body.reason)
            return .ok(.init(body: .json(.init(reference: reference.uppercased(), status: withdrawn ? .withdrawn : .resolved))))
        }
    }

    func recordContact(_ input: Operations.RecordContact.Input) async throws -> Operations.RecordContact.Output {
        guard case let .json(body) = input.body else { preconditionFailure("one content type") }
        let reference = input.path.reference
        return await signedIn(failed: { .default(statusCode: $0, $1) }) { actor in
            let recorded = try homeward.recordContact(actor, reference: reference, channel: try Self.word(body.channel.rawValue),
                                                      note: body.note, outcome: try body.outcome.map { try Self.word($0.rawValue) })
            return .created(.init(body: .json(try APIBridge.convert(recorded))))
        }
    }

    func search(_ input: Operations.Search.Input) async throws -> Operations.Search.Output {
        let query = input.query
        return await signedIn(failed: { .default(statusCode: $0, $1) }) { actor in
            // The spec's bound (maxLength 500) is the core's, which checks it.
            .ok(.init(body: .json(try APIBridge.convert(homeward.find(actor, query.q, limit: query.limit)))))
        }
    }

    // MARK: Batches, links, audit

    func listBatches(_ input: Operations.ListBatches.Input) async throws -> Operations.ListBatches.Output {
        await signedIn(failed: { .default(statusCode: $0, $1) }) { actor in
            .ok(.init(body: .json(try APIBridge.convert(homeward.batches(actor)))))
        }
    }

    func listLinks(_ input: Operations.ListLinks.Input) async throws -> Operations.ListLinks.Output {
        let query = input.query
        return await signedIn(failed: { .default(statusCode: $0, $1) }) { actor in
            let links = try homeward.links(actor, batch: query.batch, inquiry: query.inquiry, state: query.state?.rawValue)
            return .ok(.init(body: .json(try APIBridge.convert(links))))
        }
    }

    func confirmLink(_ input: Operations.ConfirmLink.Input) async throws -> Operations.ConfirmLink.Output {
        let id = input.path.id
        return await signedIn(failed: { .default(statusCode: $0, $1) }) { actor in
            .ok(.init(body: .json(try APIBridge.convert(homeward.confirmLink(actor, id: id)))))
        }
    }

    func rejectLink(_ input: Operations.RejectLink.Input) async throws -> Operations.RejectLink.Output {
        guard case let .json(body) = input.body else { preconditionFailure("one content type") }
        let id = input.path.id
        return await signedIn(failed: { .default(statusCode: $0, $1) }) { actor in
            .ok(.init(body: .json(try APIBridge.convert(homeward.rejectLink(actor, id: id, reason: body.reason)))))
        }
    }

    func verifyAudit(_ input: Operations.VerifyAudit.Input) async throws -> Operations.VerifyAudit.Output {
        let expected = input.query.expectHead
        return await signedIn(failed: { .default(statusCode: $0, $1) }) { actor in
            let head = try expected.map { text in
                guard let head = AuditHead.parse(text) else { throw RequestError.malformed("expect_head", text, "SEQ:HASH as printed by 'audit verify'") }
                return head
            }
            let result = try homeward.verifyAudit(actor, expectedHead: head)
            return .ok(.init(body: .json(.init(intact: result.isIntact, events: result.eventCount, headSeq: result.headSeq,
                                               headHash: result.headHash, brokenAt: result.firstBroken?.seq,
                                               reason: result.firstBroken?.reason))))
        }
    }

    // MARK: Identification

    func getIdentificationHistory(_ input: Operations.GetIdentificationHistory.Input) async throws -> Operations.GetIdentificationHistory.Output {
        let record = "\(input.path.code)/\(input.path.tag)"
        return await signedIn(failed: { .default(statusCode: $0, $1) }) { actor in
            .ok(.init(body: .json(try APIBridge.convert(homeward.identificationHistory(actor, record: record)))))
        }
    }

    func setIdentificationStatus(_ input: Operations.SetIdentificationStatus.Input) async throws -> Operations.SetIdentificationStatus.Output {
        guard case let .json(body) = input.body else { preconditionFailure("one content type") }
        let record = "\(input.path.code)/\(input.path.tag)"
        return await signedIn(failed: { .default(statusCode: $0, $1) }) { actor in
            let step = IdentificationStep(method: try body.method.map { try Self.word($0.rawValue) }, evidence: body.evidence,
                                          note: body.note, via: try body.via.map { try Self.word($0.rawValue) },
                                          expect: try body.expect.map { try Self.word($0.rawValue) })
            let changed = try homeward.setIdentificationStatus(actor, record: record, to: try Self.word(body.status.rawValue), step)
            return .ok(.init(body: .json(try APIBridge.convert(changed))))
        }
    }

    func confirmIdentification(_ input: Operations.ConfirmIdentification.Input) async throws -> Operations.ConfirmIdentification.Output {
        guard case let .json(body) = input.body else { preconditionFailure("one content type") }
        let record = "\(input.path.code)/\(input.path.tag)"
        return await signedIn(failed: { .default(statusCode: $0, $1) }) { actor in
            let confirmed = try homeward.confirmIdentification(actor, record: record, proposal: body.proposal, note: body.note)
            return .ok(.init(body: .json(try APIBridge.convert(confirmed))))
        }
    }

    /// The value for a word that both the spec and the core list (roles, statuses, channels,
    /// methods): they list the same words, so a miss is a spec out of step with the core.
    static func word<T: RawRepresentable>(_ raw: String) throws -> T where T.RawValue == String {
        guard let value = T(rawValue: raw) else { preconditionFailure("api/openapi.yaml lists a word the core does not know: \(raw)") }
        return value
    }

    // MARK: Running a use case

    /// `work` for the token's holder on an uploaded file, kept in a private temporary file
    /// while it runs. The gate has read the whole body already; this only joins its bytes.
    func uploaded<Output: Sendable>(_ upload: HTTPBody, failed: @escaping @Sendable (Int, Components.Responses._Error) -> Output,
                                    _ work: @escaping @Sendable (Actor, URL) throws -> Output) async -> Output {
        let bytes: Data
        do {
            bytes = try await Data(collecting: upload, upTo: ServerConfiguration.importBodyLimit)
        } catch {
            let (status, body) = ErrorResponse.payload(for: error)
            return failed(status, .init(body: .json(body)))
        }
        return await signedIn(failed: failed) { actor in
            let file = try UploadedFile(bytes)
            defer { file.remove() }
            return try work(actor, file.url)
        }
    }

    /// `work` for the holder of the request's bearer token (the core checks it), off the event loops.
    func signedIn<Output: Sendable>(failed: @escaping @Sendable (Int, Components.Responses._Error) -> Output,
                                            _ work: @escaping @Sendable (Actor) throws -> Output) async -> Output {
        let token = RequestCredentials.current.token
        return await run(failed: failed) {
            guard let token else { throw AccessError.notLoggedIn }
            return try work(try homeward.authenticate(token: token))
        }
    }

    /// `work` on the blocking pool (the core's calls wait on SQLite and argon2); any error
    /// becomes the API's error response.
    func run<Output: Sendable>(failed: @escaping @Sendable (Int, Components.Responses._Error) -> Output,
                                       _ work: @escaping @Sendable () throws -> Output) async -> Output {
        do {
            return try await pool.runIfActive(work)
        } catch {
            let (status, body) = ErrorResponse.payload(for: error)
            if status >= 500 { logger.error("request failed", metadata: ["error": .string(String(describing: type(of: error)))]) }
            return failed(status, .init(body: .json(body)))
        }
    }
}

/// A request value the spec allows but the core's format refuses.
enum RequestError: HomewardFailure {
    case malformed(String, String, String)

    var kind: FailureKind { .usage }

    var errorDescription: String? {
        switch self {
        case let .malformed(field, value, expected): "\(field): " + QuotedValue.isNot(value, expected)
        }
    }
}
