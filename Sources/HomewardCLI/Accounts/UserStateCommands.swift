import ArgumentParser
import HomewardCore

struct UserDisableCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "disable", abstract: "Disable an account; its sessions end at once.")

    @Argument(help: "User name.") var name: String
    @OptionGroup var options: GlobalOptions

    func run() throws {
        let context = try CommandContext(options)
        try context.service.setUserEnabled(name: name, false)
        try Output.done(options, "disabled \(name)", json: ["name": name, "status": "disabled"])
    }
}

struct UserEnableCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "enable", abstract: "Enable an account and clear a lockout.")

    @Argument(help: "User name.") var name: String
    @OptionGroup var options: GlobalOptions

    func run() throws {
        let context = try CommandContext(options)
        try context.service.setUserEnabled(name: name, true)
        try Output.done(options, "enabled \(name)", json: ["name": name, "status": "active"])
    }
}

struct UserRevokeSessionsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "revoke-sessions", abstract: "End every session of an account.")

    @Argument(help: "User name.") var name: String
    @OptionGroup var options: GlobalOptions

    func run() throws {
        let context = try CommandContext(options)
        let ended = try context.service.revokeSessions(name: name)
        if options.json { return try Output.json(["name": .string(name), "sessions_ended": JSONValue.number(String(ended))]) }
        Output.note("ended \(ended) session(s) of \(name)", quiet: options.quiet)
    }
}

struct UserRoleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "role", abstract: "Change an account's role; its sessions end.")

    @Argument(help: "User name.") var name: String
    @Argument(help: "admin, coordinator, volunteer or auditor.") var role: Role
    @OptionGroup var options: GlobalOptions

    func run() throws {
        let context = try CommandContext(options)
        let changed = try context.service.setRole(name: name, role: role)
        if options.json { return try Output.json(["name": .string(name), "role": .string(role.rawValue), "changed": JSONValue.bool(changed)]) }
        Output.note(changed ? "\(name) is now \(role.rawValue)" : "\(name) is already \(role.rawValue); nothing changed", quiet: options.quiet)
    }
}
