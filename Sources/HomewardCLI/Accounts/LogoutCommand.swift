import ArgumentParser
import HomewardCore

struct LogoutCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "logout", abstract: "End this session.",
        discussion: """
            Ends the session in use: HOMEWARD_TOKEN's if set, else the stored one. The stored token \
            file is removed only when it holds that session's token.
            """)

    @OptionGroup var options: GlobalOptions

    func run() throws {
        let context = try CommandContext(options)
        let credential = try context.credential()
        let end: SessionEnd
        do {
            end = try context.service.endSession(token: credential.token, reason: .logout)
        } catch let error as AccessError where !credential.fromEnvironment
                    && (error == .malformedToken || error == .tokenFromOtherDatabase) {
            // A stored file that holds no token of this database ends no session; it just goes.
            try context.tokenStore()?.remove()
            return try Output.done(options, "removed a session file that held no session of this database",
                                   json: ["session": "none", "token_file": "removed"])
        }
        let removed = try context.tokenStore()?.remove(ifHolding: credential.token) ?? false
        var message = end == .alreadyEnded ? "the session had already ended" : "logged out"
        if credential.fromEnvironment, !removed {
            message += " (the session of HOMEWARD_TOKEN; the stored session, if any, is untouched)"
        }
        try Output.done(options, message, json: ["session": end == .alreadyEnded ? "already_ended" : "ended",
                                                 "token_file": removed ? "removed" : "kept"])
    }
}
