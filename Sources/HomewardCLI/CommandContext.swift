import Foundation
import HomewardCore

/// Opens the database and finds the acting user for one command.
struct CommandContext {
    let homeward: Homeward
    let options: GlobalOptions

    /// A session token and where it came from.
    struct Credential {
        let token: String
        let fromEnvironment: Bool
    }

    init(_ options: GlobalOptions) throws {
        self.options = options
        self.homeward = try Homeward.open(path: options.databasePath, environment: Self.environment)
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

    /// The logged-in user: HOMEWARD_TOKEN if set, else this database's token file.
    func actor() throws -> Actor {
        try homeward.authenticate(token: try credential().token)
    }

    func token() throws -> String { try credential().token }

    /// HOMEWARD_TOKEN if set, else the token file of this database and person.
    func credential() throws -> Credential {
        if let token = ProcessInfo.processInfo.environment["HOMEWARD_TOKEN"], !token.isEmpty {
            return Credential(token: token, fromEnvironment: true)
        }
        guard let token = try tokenStore()?.read(), !token.isEmpty else { throw AccessError.notLoggedIn }
        return Credential(token: token, fromEnvironment: false)
    }

    /// This database's token store, or nil when none was ever made.
    func tokenStore() throws -> TokenStore? {
        try TokenStore.existing(databaseID: try homeward.databaseID())
    }
}
