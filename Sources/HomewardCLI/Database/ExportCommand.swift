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
        let actor = try context.actor()
        guard let output = OutputFile.path(output) else {
            try context.homeward.exportDatabase(actor, writing: Output.stream)
            return
        }
        let summary = try context.homeward.exportDatabase(actor, toFile: output)
        let withheld = summary.withheld.map { "\($0.table).\($0.column)" }
        if options.json {
            return try Output.json(ExportOutput(file: output, schemaVersion: summary.schemaVersion, tables: summary.rowCounts.count,
                                                rows: summary.totalRows, withheld: withheld))
        }
        Output.note("exported \(summary.totalRows) rows of \(summary.rowCounts.count) tables to \(output) "
                    + "(schema \(summary.schemaVersion); withheld: \(withheld.joined(separator: ", ")))", quiet: options.quiet)
    }
}
