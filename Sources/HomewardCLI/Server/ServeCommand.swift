import ArgumentParser
import Foundation
import HomewardCore
import HomewardServer
import Logging
import NIOCore

struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve", abstract: "Serve the database over the HTTP API (api/openapi.yaml) until SIGTERM.",
        discussion: """
            Run it under an account of its own that alone can read the database file (see \
            deploy/homeward.service); staff then use 'homeward' with HOMEWARD_SERVER=URL. Listens on \
            loopback by default. On any other address it needs TLS (--tls-cert and --tls-key, PEM \
            files) unless --insecure is given. Logs one line per request on stderr: method, route, \
            status and time, never tokens, passwords, query strings or bodies. SIGTERM or SIGINT \
            stops it after the requests in flight.
            """)

    @Option(help: ArgumentHelp("Address and port to listen on (port 0: any free port).", valueName: "host:port"))
    var listen = "127.0.0.1:8443"
    @Option(help: ArgumentHelp("PEM certificate chain for TLS.", valueName: "file")) var tlsCert: String?
    @Option(help: ArgumentHelp("PEM private key for TLS.", valueName: "file")) var tlsKey: String?
    @Flag(help: "Allow plain HTTP on an address other than loopback (only behind a TLS proxy on the same host).")
    var insecure = false
    @OptionGroup var options: GlobalOptions

    func validate() throws {
        if options.server != nil { throw ValidationError("serve serves a database file; give --db (or HOMEWARD_DB), not --server") }
        let (host, _) = try Self.hostAndPort(listen)
        if (tlsCert == nil) != (tlsKey == nil) { throw ValidationError("give both --tls-cert and --tls-key, or neither") }
        if tlsCert == nil, !insecure, !Self.isLoopback(host) {
            throw ValidationError("refusing to serve \(host) in plain text: give --tls-cert and --tls-key, or --insecure behind a TLS proxy")
        }
    }

    func run() throws {
        let (host, port) = try Self.hostAndPort(listen)
        for path in [tlsCert, tlsKey].compactMap({ $0 }) where !FileManager.default.isReadableFile(atPath: path) {
            throw CLIError.missingInput("cannot read \(path): give a PEM file this account can read")
        }
        // As ssh refuses a private key others can read: a key any local account could copy
        // lets it impersonate the server.
        if let tlsKey, let mode = (try? FileManager.default.attributesOfItem(atPath: tlsKey))?[.posixPermissions] as? Int,
           mode & 0o077 != 0 {
            throw CLIError.usage("the TLS key \(tlsKey) is readable by others (mode \(String(mode & 0o777, radix: 8))); chmod 600 it, or give one only this account can read")
        }
        let homeward = try Homeward.open(path: options.databasePath, environment: CommandContext.environment)
        _ = try homeward.databaseID()
        let logger = Logger(label: "homeward") { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = .info
            return handler
        }
        let configuration = ServerConfiguration(host: host, port: port, tlsCertificate: tlsCert, tlsKey: tlsKey)
        let path = homeward.path
        do {
            try Blocking.wait {
                try await HomewardHTTPServer.run(homeward, configuration: configuration, version: HomewardCommand.version,
                                                 logger: logger) { url in
                    // The one line a script (or a test) waits for, even with --quiet: the URL, with
                    // the port actually bound.
                    Output.note("serving \(path) on \(url)", quiet: false)
                }
            }
        } catch let error as IOError where error.errnoCode == EADDRINUSE {
            throw CLIError.unavailable("cannot listen on \(listen): the address is in use (another server?); stop it or choose another --listen")
        } catch let error as IOError where error.errnoCode == EADDRNOTAVAIL || error.errnoCode == EACCES {
            throw CLIError.unavailable("cannot listen on \(listen): \(error.errnoCode == EACCES ? "permission denied (ports below 1024 need privileges)" : "no such address on this host")")
        }
        Output.note("stopped", quiet: options.quiet)
    }

    /// `host:port`, `[v6]:port`; the port 0–65535.
    static func hostAndPort(_ text: String) throws -> (String, Int) {
        let host: Substring, portText: Substring
        if text.hasPrefix("["), let close = text.firstIndex(of: "]") {
            host = text[text.index(after: text.startIndex)..<close]
            let rest = text[text.index(after: close)...]
            guard rest.hasPrefix(":") else { throw ValidationError("--listen \"\(text)\" is not HOST:PORT, e.g. 127.0.0.1:8443 or [::1]:8443") }
            portText = rest.dropFirst()
        } else {
            guard let colon = text.lastIndex(of: ":"), !text[..<colon].contains(":") else {
                throw ValidationError("--listen \"\(text)\" is not HOST:PORT, e.g. 127.0.0.1:8443 or [::1]:8443")
            }
            host = text[..<colon]
            portText = text[text.index(after: colon)...]
        }
        guard !host.isEmpty, let port = Int(portText), (0...65535).contains(port), portText.allSatisfy(\.isASCII) else {
            throw ValidationError("--listen \"\(text)\" is not HOST:PORT with a port from 0 to 65535")
        }
        return (String(host), port)
    }

    static func isLoopback(_ host: String) -> Bool {
        host == "localhost" || host == "::1" || host.hasPrefix("127.") && host.split(separator: ".").count == 4
    }
}
