import Foundation
import HomewardCore

/// Where one command's work goes, and who does it: the database file (opened here) or a
/// Homeward server (``GlobalOptions/serverURL``), and the logged-in user's session token.
struct CommandContext {
    let options: GlobalOptions
    /// The use cases, local or remote: every command but `init`, `demo` and `serve` uses only this.
    let service: any HomewardService

    /// A session token and where it came from.
    struct Credential {
        let token: String
        let fromEnvironment: Bool
    }

    init(_ options: GlobalOptions) throws {
        self.options = options
        let token = Self.tokenReader(options)
        if let server = options.serverURL {
            if options.db != nil {
                throw CLIError.usage("give either --db (a database file) or a server (--server, HOMEWARD_SERVER), not both")
            }
            let address = try ServerAddress(server)
            service = RemoteService(server: address, token: { try token(address.sessionKey) })
        } else {
            let homeward = try Homeward.open(path: options.databasePath, environment: Self.environment)
            service = LocalService(homeward: homeward, token: { try token(try homeward.databaseID()) })
        }
    }

    /// Reads the session token for a session file key: HOMEWARD_TOKEN if set, else the file.
    private static func tokenReader(_ options: GlobalOptions) -> (String) throws -> String {
        { key in
            if let token = ProcessInfo.processInfo.environment["HOMEWARD_TOKEN"], !token.isEmpty { return token }
            guard let token = try TokenStore.existing(databaseID: key)?.read(), !token.isEmpty else { throw AccessError.notLoggedIn }
            return token
        }
    }

    /// The live environment, with the CLI's way of waiting for another writer: a note on
    /// stderr once a wait passes two seconds, and HOMEWARD_BUSY_TIMEOUT (seconds) as the limit.
    static var environment: HomewardEnvironment {
        var environment = HomewardEnvironment.live
        if let text = ProcessInfo.processInfo.environment["HOMEWARD_BUSY_TIMEOUT"] {
            if let seconds = Double(text), seconds.isFinite, seconds >= 0 {
                environment.writerWait.timeout = seconds
            } else {
                Output.warning("HOMEWARD_BUSY_TIMEOUT is not a number of seconds; waiting up to \(Int(environment.writerWait.timeout)) s")
            }
        }
        environment.writerWait.notice = {
            FileHandle.standardError.write(Data("note: waiting for another writer (an import or backup may be running)…\n".utf8))
        }
        return environment
    }

    func token() throws -> String { try credential().token }

    /// HOMEWARD_TOKEN if set, else the token file of this database (or server) and person.
    func credential() throws -> Credential {
        let fromEnvironment = !(ProcessInfo.processInfo.environment["HOMEWARD_TOKEN"] ?? "").isEmpty
        return Credential(token: try Self.tokenReader(options)(try service.sessionKey()), fromEnvironment: fromEnvironment)
    }

    /// This database's (or server's) token store, or nil when none was ever made.
    func tokenStore() throws -> TokenStore? {
        try TokenStore.existing(databaseID: try service.sessionKey())
    }
}
