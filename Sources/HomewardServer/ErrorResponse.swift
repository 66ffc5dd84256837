import Foundation
import GRDB
import HTTPTypes
import HomewardAPI
import HomewardCore
import Hummingbird
import NIOCore

/// The API's one error shape for every failure, with the HTTP status its kind implies
/// (api/openapi.yaml says which; the kinds are the CLI's exit codes).
enum ErrorResponse {
    typealias Kind = Components.Schemas._Error._ErrorPayload.KindPayload

    /// The status and body for an error of the core (or anything else, as a 500 that says nothing more).
    static func payload(for error: any Error) -> (status: Int, body: Components.Schemas._Error) {
        let (status, kind, field, line) = classify(error)
        let message: String
        if let failure = error as? any HomewardFailure, let description = failure.errorDescription {
            message = description
        } else if status == 503 {
            message = "the database is busy or unavailable; try again"
        } else {
            message = "internal error; the server's log has the time of this request"
        }
        var payload = Components.Schemas._Error._ErrorPayload(kind: kind, message: message, field: field, line: line)
        if case let ImportError.invalidRows(problems, bad, total) = error {
            payload.problems = problems.map { .init(line: $0.line, column: $0.column, message: $0.message) }
            payload.badRows = bad
            payload.totalRows = total
        }
        return (status, .init(error: payload))
    }

    private static func classify(_ error: any Error) -> (Int, Kind, String?, Int?) {
        switch error {
        case let error as AccessError:
            switch error {
            case .denied, .notAssigned, .statusBeyondRole, .fourEyes, .currentPasswordRequired: return (403, .denied, nil, nil)
            case .tooManyAttempts: return (429, .unauthenticated, nil, nil)
            default: return (401, .unauthenticated, nil, nil)
            }
        case let error as CaseworkError:
            switch error {
            case .noSuchInquiry, .noSuchBatch, .noSuchRecord, .noSuchLink: return (404, .notFound, nil, nil)
            case .changedMeanwhile: return (409, .conflict, nil, nil)
            case let .invalid(problems): return (422, .badInput, problems.first?.field, nil)
            default: break
            }
        case let error as ImportError:
            if case let .file(file) = error, let line = file.line { return (422, error.kind == .missingInput ? .missingInput : .badInput, nil, line) }
        case let error as AccountError:
            if case .noSuchUser = error { return (404, .notFound, nil, nil) }
        case let error as DatabaseError where error.resultCode == .SQLITE_BUSY || error.resultCode == .SQLITE_LOCKED:
            return (503, .unavailable, nil, nil)
        default: break
        }
        guard let failure = error as? any HomewardFailure else { return (500, .io, nil, nil) }
        switch failure.kind {
        case .usage: return (400, .usage, nil, nil)
        case .badInput: return (422, .badInput, nil, nil)
        case .missingInput: return (422, .missingInput, nil, nil)
        case .unavailable: return (503, .unavailable, nil, nil)
        case .cannotCreateOutput: return (500, .cannotCreateOutput, nil, nil)
        case .io: return (500, .io, nil, nil)
        case .accessDenied: return (403, .denied, nil, nil)
        }
    }

    /// A response in the error shape for a refusal that never reached an operation: a body
    /// over the limit, an unknown route, a request that does not match the spec.
    static func response(status: HTTPResponse.Status, kind: Kind, field: String? = nil, message: String) -> Response {
        let body = Components.Schemas._Error(error: .init(kind: kind, message: message, field: field))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        let data = (try? encoder.encode(body)) ?? Data()
        return Response(status: status, headers: [.contentType: "application/json; charset=utf-8"],
                        body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    static func hummingbird(_ error: HTTPError) -> Response {
        switch error.status {
        case .contentTooLarge:
            response(status: .contentTooLarge, kind: .badInput,
                     message: "request body too large: at most 1 MiB for a form or reason, 64 MiB and 64 KiB for an uploaded CSV file")
        case .notFound:
            response(status: .notFound, kind: .notFound, message: "no such resource; see api/openapi.yaml for the paths")
        case .methodNotAllowed:
            response(status: .methodNotAllowed, kind: .usage, message: "method not allowed on this resource")
        default:
            response(status: error.status, kind: error.status.code < 500 ? .usage : .io,
                     message: error.status.code < 500 ? "the request was refused (\(error.status.code))" : "internal error")
        }
    }
}
