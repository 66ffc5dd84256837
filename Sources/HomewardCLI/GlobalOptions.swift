import ArgumentParser
import Foundation

/// Options every subcommand takes.
struct GlobalOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Database file.", valueName: "path"))
    var db: String?

    @Flag(name: .long, help: "Machine-readable JSON output with stable snake_case field names.")
    var json = false

    @Flag(name: .long, help: "Print nothing on success beyond requested data.")
    var quiet = false

    func validate() throws {
        if let db, db.allSatisfy(\.isWhitespace) { throw ValidationError("--db needs the path of a database file") }
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
