import ArgumentParser
import HomewardCore

struct SettingsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "settings", abstract: "The centre's name and contact details, as family reports print them.",
        discussion: """
            Keys: \(SettingKey.Base.allCases.map { "\n  \($0.rawValue.padding(toLength: 18, withPad: " ", startingAt: 0))\($0.purpose)" }.joined())

            Add .uk, .en or .ru to a key for a value in one language only (centre.name.en); \
            reports in that language prefer it. Admins set and unset; anyone signed in may list.
            """,
        subcommands: [SettingsListCommand.self, SettingsSetCommand.self, SettingsUnsetCommand.self])
}

struct SettingsListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List the settings that are set.")
    @OptionGroup var options: GlobalOptions

    func run() throws {
        let context = try CommandContext(options)
        let settings = try context.service.settings()
        try Output.list(settings, options, empty: "no settings yet; an admin sets them with 'homeward settings set centre.name …'",
                        columns: [.init("KEY"), .init("VALUE", .wrap), .init("SET", .shrink)]) { setting in
            [setting.key, setting.value, "\(setting.updatedAt.prefix(10)) \(setting.updatedBy)"]
        }
    }
}

struct SettingsSetCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "set", abstract: "Set a setting (admins).")
    @Argument(help: "The key, e.g. centre.name or centre.name.en.") var key: String
    @Argument(help: "The value.") var value: String
    @OptionGroup var options: GlobalOptions

    func run() throws {
        let context = try CommandContext(options)
        let stored = try context.service.setSetting(key: key, value: value)
        let note = stored == value ? "" : " (stored as \(stored))"
        try Output.done(options, "set \(key.lowercased())\(note)", json: ["key": key.lowercased(), "state": "set", "value": stored])
    }
}

struct SettingsUnsetCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "unset", abstract: "Remove a setting (admins).")
    @Argument(help: "The key.") var key: String
    @OptionGroup var options: GlobalOptions

    func run() throws {
        let context = try CommandContext(options)
        let removed = try context.service.unsetSetting(key: key)
        try Output.done(options, removed ? "unset \(key.lowercased())" : "\(key.lowercased()) was not set",
                        json: ["key": key.lowercased(), "state": removed ? "unset" : "not_set"])
    }
}
