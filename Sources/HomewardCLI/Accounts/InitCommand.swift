import ArgumentParser
import Foundation
import HomewardCore

struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init", abstract: "Create the database and its first admin.")

    @Option(help: ArgumentHelp("Name of the first admin account.", valueName: "name"))
    var admin: String

    @Flag(help: "Read the password from one line of standard input instead of the terminal.")
    var passwordStdin = false

    @OptionGroup var options: GlobalOptions

    func run() throws {
        let password = try PasswordInput(fromStandardInput: passwordStdin)
            .read(prompt: "New password for \(admin) (at least 15 characters): ", confirm: true)
        let path = options.databasePath
        let existed = FileManager.default.fileExists(atPath: path)
        let context = try CommandContext(options, create: true)
        do {
            try context.homeward.initialise(adminName: admin, password: password)
        } catch {
            // A refused init leaves no half-made database behind.
            if !existed {
                for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
            }
            throw error
        }
        if options.json {
            try Output.json(["database": context.homeward.path, "admin": admin])
        } else {
            Output.note("""
                created \(context.homeward.path) with admin \(admin)
                next: homeward login \(admin)   then: homeward user add NAME --role coordinator
                """, quiet: options.quiet)
        }
    }
}
