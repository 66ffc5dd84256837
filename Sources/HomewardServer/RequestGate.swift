import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import OpenAPIRuntime

/// What a request brings besides its operation's input: the bearer token and the client's
/// address, read once by ``RequestGate`` and visible to the handler through a task local.
struct RequestCredentials: Sendable {
    /// The token of `Authorization: Bearer TOKEN`, or nil when the header is missing or not a bearer.
    let token: String?
    /// The client's IP address (for the login throttle); never logged.
    let address: String

    @TaskLocal static var current = RequestCredentials(token: nil, address: "unknown")
}

/// A Hummingbird request context that knows the client's address.
struct HomewardRequestContext: RequestContext {
    var coreContext: CoreRequestContextStorage
    let clientAddress: String

    init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        clientAddress = source.channel.remoteAddress?.ipAddress ?? "unknown"
    }
}

/// The gate every request passes: the body read whole (up to the limit) before any handler
/// runs, so that a slow client never holds a transaction open; the credentials handed on;
/// one access-log line without personal data.
///
/// The access log has the method, the route's pattern (`/inquiries/{reference}`, never the
/// path itself, whose reference or query could name a person), the status and the time taken.
/// Tokens, passwords, query strings and bodies are never logged.
struct RequestGate: RouterMiddleware {
    typealias Context = HomewardRequestContext

    /// The largest request body accepted: an import file's limit with room for its encoding.
    let bodyLimit: Int
    let logger: Logger

    /// The download headers as RFC 6266 and the spec write them (`attachment; filename="…"`,
    /// `SEQ:HASH`, a comma-separated list): the generated server percent-encodes header values
    /// as URI components, which `curl -J` and other clients would take literally. None of
    /// these values holds a `%` of its own (file names are references, codes and fixed names).
    static func unescapeDownloadHeaders(_ headers: inout HTTPFields) {
        for name in downloadHeaders {
            if let value = headers[name], let plain = value.removingPercentEncoding, plain != value { headers[name] = plain }
        }
    }

    private static let downloadHeaders: [HTTPField.Name] = [.contentDisposition, .contentLanguage] + [
        "X-Audit-Head", "X-Audit-Events", "X-Content-SHA256", "X-Export-Schema-Version", "X-Export-Tables", "X-Export-Rows",
        "X-Export-Withheld",
    ].compactMap { HTTPField.Name($0) }

    /// The paths whose body is a CSV file: an inquiry import and a batch's manifest.
    static func isUpload(_ path: String) -> Bool {
        let parts = path.split(separator: "/", omittingEmptySubsequences: false)
        return path == "/inquiries/import" || (parts.count == 4 && parts[1] == "batches" && parts[3] == "manifest")
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let started = ContinuousClock.now
        var request = request
        var response: Response
        do {
            // An import uploads its file; every other body is a form or a reason.
            let limit = Self.isUpload(request.uri.path) ? ServerConfiguration.importBodyLimit : bodyLimit
            _ = try await request.collectBody(upTo: limit)
            let credentials = RequestCredentials(token: Self.bearerToken(request.headers[.authorization]),
                                                 address: context.clientAddress)
            response = try await RequestCredentials.$current.withValue(credentials) {
                try await next(request, context)
            }
        } catch is NIOTooManyBytesError {
            // The body is over its limit (HTTPError's 413 comes with no body of its own).
            log(request, context, status: 413, since: started)
            return ErrorResponse.hummingbird(HTTPError(.contentTooLarge))
        } catch let error as HTTPError {
            log(request, context, status: error.status.code, since: started)
            // Hummingbird's own refusals (a body over the limit, an unknown route) in the API's error shape.
            return ErrorResponse.hummingbird(error)
        } catch let error as ServerError {
            // The generated server could not read the request as the spec describes it (a
            // missing field, a wrong type, an unknown enum value): the client's mistake.
            log(request, context, status: 400, since: started)
            let (reason, field) = Self.reason(error)
            return ErrorResponse.response(status: .badRequest, kind: .usage, field: field,
                                          message: "the request does not match the API (api/openapi.yaml, \(error.operationID)): \(reason)")
        }
        log(request, context, status: response.status.code, since: started)
        Self.unescapeDownloadHeaders(&response.headers)
        return response
    }

    private func log(_ request: Request, _ context: Context, status: Int, since started: ContinuousClock.Instant) {
        let elapsed = ContinuousClock.now - started
        let milliseconds = Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
        logger.info("request", metadata: [
            "method": .string(request.method.rawValue),
            "route": .string(context.endpointPath ?? "(no route)"),
            "status": .stringConvertible(status),
            "ms": .string(String(format: "%.1f", milliseconds)),
        ])
    }

    /// What about the request the generated server refused, without quoting values it held.
    static func reason(_ error: ServerError) -> (String, String?) {
        if let decoding = error.underlyingError as? DecodingError {
            switch decoding {
            case let .keyNotFound(key, context):
                let field = path(context.codingPath + [key])
                return ("missing field \(field)", field)
            case let .typeMismatch(_, context), let .valueNotFound(_, context), let .dataCorrupted(context):
                guard !context.codingPath.isEmpty else {
                    return ("a query or path parameter, or the body, is not of the type or one of the words the operation takes", nil)
                }
                let field = path(context.codingPath)
                return ("\(field) is not of the type or one of the words the spec gives for it", field)
            @unknown default: break
            }
        }
        let cause = String(describing: error.underlyingError).lowercased()
        if cause.contains("content type") || cause.contains("content-type") {
            return ("send the body with Content-Type: application/json (text/csv for an import)", nil)
        }
        if cause.contains("missing") && cause.contains("body") { return ("the operation needs a body", nil) }
        return ("a parameter or the body is not as the operation describes", nil)
    }

    private static func path(_ keys: [any CodingKey]) -> String {
        keys.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
    }

    /// The token of a `Bearer` authorization header (the scheme in any case), else nil.
    static func bearerToken(_ header: String?) -> String? {
        guard let header else { return nil }
        let parts = header.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else { return nil }
        let token = parts[1].trimmingCharacters(in: .whitespaces)
        return token.isEmpty ? nil : token
    }
}
