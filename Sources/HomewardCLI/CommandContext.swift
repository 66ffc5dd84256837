import Foundation
import HomewardCore

/// Opens the database and finds the acting user for one command.
struct CommandContext {
    let homeward: Homeward
    let options: GlobalOptions

    init(_ options: GlobalOptions) throws {
        self.options = options
        self.homeward = try Homeward.open(path: options.databasePath, environment: Self.environment)
    }

    /// The live environment, with the CLI's way of waiting for another writer: a note on
    /// stderr once a wait passes two seconds, and HOMEWARD_BUSY_TIMEOUT (seconds) as the limit.
    static var environment: HomewardEnvironment {
        var environment = HomewardEnvironment.live
        if let text = ProcessInfo.processInfo.environment["HOMEWARD_BUSY_TIMEOUT"], let seconds = Double(text), seconds >= 0 {
            environment.writerWait.timeout = seconds
        }
        environment.writerWait.notice = {
            FileHandle.standardError.write(Data("note: waiting for another writer (an import or backup may be running)…\n".utf8))
        }
        return environment
    }

    /// The logged-in user: HOMEWARD_TOKEN if set, else this database's token file.
    func actor() throws -> Actor {
        try homeward.authenticate(token: try token())
    }

    func token() throws -> String {
        if let token = ProcessInfo.processInfo.environment["HOMEWARD_TOKEN"], !token.isEmpty {
            return token
        }
        guard let token = try TokenStore.read(databaseID: try homeward.databaseID()) else {
            throw AccessError.notLoggedIn
        }
        return token
    }
}
