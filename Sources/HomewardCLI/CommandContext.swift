import Foundation
import HomewardCore

/// Opens the database and finds the acting user for one command.
struct CommandContext {
    let homeward: Homeward
    let options: GlobalOptions

    init(_ options: GlobalOptions) throws {
        self.options = options
        self.homeward = try Homeward.open(path: options.databasePath)
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
