import ArgumentParser
import Foundation
import HomewardCore

/// The formats of `homeward export`.
enum ExportFormat: String, CaseIterable, ExpressibleByArgument {
    case json
}

/// What `export -o FILE --json` prints about the file written.
struct ExportOutput: Encodable {
    let file: String
    let schemaVersion: String
    let tables: Int
    let rows: Int
    let withheld: [String]

    enum CodingKeys: String, CodingKey {
        case file, tables, rows, withheld
        case schemaVersion = "schema_version"
    }
}

struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export", abstract: "Write the whole database as one JSON document (admins, auditors).",
        discussion: """
            Every table's rows, the histories and the audit trail with its hashes, with a header (format, \
            schema_version, exported_at, database_id) and the schema. Password hashes, session token hashes \
            and the audit key are withheld, and the document lists them. It holds personal data, contact \
            details included: keep it as carefully as the database. Without -o it goes to standard output; \
            -o writes a new file of mode 0600 and never overwrites one (exit 73).
            """)

    @Option(help: "The document's format.") var format: ExportFormat
    @Option(name: [.customShort("o"), .customLong("output")], help: ArgumentHelp("A new file to write; must not exist (- for standard output).", valueName: "file"))
    var output: String?
    @OptionGroup var options: GlobalOptions

    func validate() throws {
        try OutputFile.validate(output)
    }

    func run() throws {
        let context = try CommandContext(options)
        let output = OutputFile.path(output)
        let summary = try context.service.exportDatabase(toFile: output, writing: Output.standardOutput)
        guard let output else { return }
        let withheld = summary.withheld
        if options.json {
            return try Output.json(ExportOutput(file: output, schemaVersion: summary.schemaVersion, tables: summary.tables,
                                                rows: summary.rows, withheld: withheld))
        }
        Output.note("exported \(summary.rows) rows of \(summary.tables) tables to \(output) "
                    + "(schema \(summary.schemaVersion); withheld: \(withheld.joined(separator: ", ")))", quiet: options.quiet)
    }
}
