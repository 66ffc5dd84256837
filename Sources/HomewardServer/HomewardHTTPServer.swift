import Foundation
import HomewardAPI
import HomewardCore
import Hummingbird
import HummingbirdCore
import HummingbirdTLS
import Logging
import NIOCore
import NIOPosix
import NIOSSL
import OpenAPIHummingbird
import ServiceLifecycle

/// How `homeward serve` listens.
public struct ServerConfiguration: Sendable {
    public var host: String
    public var port: Int
    /// PEM certificate chain and private key: TLS when both are given.
    public var tlsCertificate: String?
    public var tlsKey: String?
    /// Largest request body, in bytes.
    public var bodyLimit: Int
    public var loginLimits: LoginThrottle.Limits
    /// Threads for the core's calls: reads run concurrently, writes queue for the one writer.
    public var threads: Int = max(4, 2 * ProcessInfo.processInfo.activeProcessorCount)

    public init(host: String = "127.0.0.1", port: Int = 8443, tlsCertificate: String? = nil, tlsKey: String? = nil,
                bodyLimit: Int = ServerConfiguration.defaultBodyLimit, loginLimits: LoginThrottle.Limits = .init()) {
        self.host = host
        self.port = port
        self.tlsCertificate = tlsCertificate
        self.tlsKey = tlsKey
        self.bodyLimit = bodyLimit
        self.loginLimits = loginLimits
    }

    /// 1 MiB: four times the largest inquiry form (``InquiryForm/maximumJSONBytes``); every
    /// body the API takes today is a JSON form or a reason.
    public static let defaultBodyLimit = 1 << 20

    /// An uploaded import file: the largest file an import takes by default, and room for more.
    public static let importBodyLimit = CSVLimits.defaultMaxBytes + (64 << 10)

    public var usesTLS: Bool { tlsCertificate != nil }
}

/// The HTTP API of api/openapi.yaml on the core, served by Hummingbird until SIGTERM or SIGINT,
/// which let requests in flight finish.
public enum HomewardHTTPServer {
    /// Serves until a termination signal.
    /// - Parameter onListening: called once with the base URL actually bound (the port is
    ///   chosen by the system when `configuration.port` is 0).
    public static func run(_ homeward: Homeward, configuration: ServerConfiguration, version: String, logger: Logger,
                           onListening: @escaping @Sendable (String) -> Void) async throws {
        let router = Router(context: HomewardRequestContext.self)
        router.add(middleware: RequestGate(bodyLimit: configuration.bodyLimit, logger: logger))
        // More threads than cores: a write waits on fsync and holds its thread, and the reads
        // beside it (WAL readers) should not queue behind it.
        let pool = NIOThreadPool(numberOfThreads: configuration.threads)
        pool.start()
        let handler = APIHandler(homeward: homeward, throttle: LoginThrottle(configuration.loginLimits), version: version,
                                 logger: logger, pool: pool)
        try handler.registerHandlers(on: router, serverURL: URL(string: "/")!)
        let scheme = configuration.usesTLS ? "https" : "http"
        let server: HTTPServerBuilder = try configuration.tlsCertificate.map { certificate in
            try .tls(.http1(), tlsConfiguration: tlsConfiguration(certificate: certificate, key: configuration.tlsKey ?? ""))
        } ?? .http1()
        let app = Application(
            router: router, server: server,
            configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: nil),
            onServerRunning: { channel in
                let port = channel.localAddress?.port ?? configuration.port
                let host = configuration.host.contains(":") ? "[\(configuration.host)]" : configuration.host
                onListening("\(scheme)://\(host):\(port)")
            },
            logger: logger)
        let group = ServiceGroup(configuration: .init(
            services: [app], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        let outcome: Result<Void, any Error>
        do { outcome = .success(try await group.run()) } catch { outcome = .failure(error) }
        // The requests in flight have finished: the pool's threads go.
        try? await pool.shutdownGracefully()
        try outcome.get()
    }

    static func tlsConfiguration(certificate: String, key: String) throws -> TLSConfiguration {
        do {
            let chain = try NIOSSLCertificate.fromPEMFile(certificate).map { NIOSSLCertificateSource.certificate($0) }
            let privateKey = try NIOSSLPrivateKey(file: key, format: .pem)
            var tls = TLSConfiguration.makeServerConfiguration(certificateChain: chain, privateKey: .privateKey(privateKey))
            tls.minimumTLSVersion = .tlsv12
            return tls
        } catch {
            throw ServeError.tls("cannot read the TLS certificate or key (\(certificate), \(key)): give PEM files this account can read")
        }
    }
}

/// Why the server could not start.
public enum ServeError: HomewardFailure {
    case tls(String)

    public var kind: FailureKind { .missingInput }

    public var errorDescription: String? {
        switch self {
        case let .tls(message): message
        }
    }
}
