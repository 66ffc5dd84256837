import ArgumentParser
import Foundation
import HomewardCore

struct BatchImportManifestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import-manifest", abstract: "Import a batch's manifest from CSV: all rows or none.",
        discussion: """
            Header (any order; required marked *): tag*, kind* (remains or returnee), name, service_number, \
            sex, age_min, age_max, recovery_region, recovery_place, recovery_date, effects, notes. Tags are \
            unique within a batch; records are then addressed as CODE/TAG. A manifest with more records than \
            the batch's received count is refused unless --accept-count. Limits as for 'inquiry import' \
            (--max-bytes, --max-rows).
            """)

    @Argument(help: "Batch code.") var code: String
    @Argument(help: "The CSV file.") var file: String
    @Flag(help: "Validate only; write nothing.") var dryRun = false
    @Flag(help: "Raise the batch's received count to the number of records when the manifest has more.")
    var acceptCount = false
    @OptionGroup var limits: ImportLimitOptions
    @OptionGroup var options: GlobalOptions

    func run() throws {
        let context = try CommandContext(options)
        let summary = try ImportReport.run(options: options) {
            try context.service.importManifest(code: code, file: URL(fileURLWithPath: file), limits: limits.limits,
                                                dryRun: dryRun, acceptCount: acceptCount)
        }
        if options.json { return try Output.json(summary) }
        let records = summary.rows == 1 ? "record" : "records"
        if !options.quiet {
            Output.line(summary.dryRun ? "\(summary.rows) \(records) valid; nothing written (dry run)"
                                       : "imported \(summary.rows) \(records) into \(code.uppercased())")
        }
        ImportWarningReport.print(summary)
    }
}
