import ArgumentParser
import Foundation

/// Options every subcommand takes.
struct GlobalOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Database file.", valueName: "path"))
    var db: String?

    @Option(name: .long, help: ArgumentHelp("A Homeward server to work with instead of a database file (else $HOMEWARD_SERVER).",
                                            valueName: "url"))
    var server: String?

    @Flag(name: .long, help: "Machine-readable JSON output with stable snake_case field names.")
    var json = false

    @Flag(name: .long, help: "Print nothing on success beyond requested data.")
    var quiet = false

    func validate() throws {
        if let db, db.allSatisfy(\.isWhitespace) { throw ValidationError("--db needs the path of a database file") }
        if let server, server.allSatisfy(\.isWhitespace) { throw ValidationError("--server needs a URL, e.g. https://homeward.example.org:8443") }
    }

    /// --server, else HOMEWARD_SERVER; nil: work on the database file.
    var serverURL: String? {
        if let server { return server }
        let value = ProcessInfo.processInfo.environment["HOMEWARD_SERVER"] ?? ""
        return value.allSatisfy(\.isWhitespace) ? nil : value
    }

    /// Refuses a server for a command that only works on a database file (`init`, `demo`).
    func requireDatabaseFile(for command: String) throws {
        guard serverURL != nil else { return }
        throw CLIError.usage("'\(command)' works on a database file, not through a server; unset HOMEWARD_SERVER (or drop --server) and give --db")
    }

    /// --db, else HOMEWARD_DB, else a file in the user's data directory.
    var databasePath: String {
        databasePath(else: UserDirectories.data.appendingPathComponent("homeward.sqlite").path)
    }

    /// --db, else HOMEWARD_DB, else `fallback`.
    func databasePath(else fallback: String) -> String {
        if let db { return db }
        let environment = ProcessInfo.processInfo.environment
        if let path = environment["HOMEWARD_DB"], !path.isEmpty { return path }
        return fallback
    }
}

/// The XDG base directories, with their documented fallbacks under $HOME.
enum UserDirectories {
    static var data: URL { base("XDG_DATA_HOME", fallback: ".local/share") }
    static var state: URL { base("XDG_STATE_HOME", fallback: ".local/state") }

    private static func base(_ variable: String, fallback: String) -> URL {
        let environment = ProcessInfo.processInfo.environment
        if let value = environment[variable], value.hasPrefix("/") {
            return URL(fileURLWithPath: value).appendingPathComponent("homeward")
        }
        let home = environment["HOME"] ?? NSHomeDirectory()
        return URL(fileURLWithPath: home).appendingPathComponent(fallback).appendingPathComponent("homeward")
    }
}
