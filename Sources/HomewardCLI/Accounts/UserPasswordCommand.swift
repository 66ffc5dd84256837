import ArgumentParser
import HomewardCore

struct UserPasswordCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "passwd",
        abstract: "Change your password, or (admins) reset another user's.",
        discussion: """
            Changing your own password asks for the current one first; with --password-stdin give \
            the current password on the first line and the new one on the second. Every session \
            of the user ends, yours too when it is your own password: log in again afterwards. \
            Wrong current passwords count towards the same lockout as login.
            """)

    @Argument(help: "User name (default: yourself).") var name: String?
    @Flag(help: "Read password lines from standard input instead of the terminal.") var passwordStdin = false
    @OptionGroup var options: GlobalOptions

    func run() throws {
        let context = try CommandContext(options)
        let me = try context.service.whoami()
        let target = name ?? me.name
        let input = PasswordInput(fromStandardInput: passwordStdin)
        let isSelf = try context.service.isOwnAccount(name: target)
        let current = isSelf ? try input.read(prompt: "Current password: ") : nil
        let new = try input.read(prompt: "New password for \(target) (at least 15 characters): ", confirm: true)
        try context.service.changePassword(name: target, newPassword: new, currentPassword: current)
        let message = isSelf
            ? "password changed; every session of yours has ended, log in again with 'homeward login \(me.name)'"
            : "password changed for \(target); their sessions have ended"
        try Output.done(options, message, json: ["name": target])
    }
}
