import ArgumentParser
import HomewardCore

struct SearchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search",
        abstract: "Find persons and returned records by name (any script, common spellings, typos), reference, tag, service number or phone.")

    @Argument(help: "What to look for.") var text: [String]
    @Option(help: "At most N results (default: 20 in tables, all with --json).") var limit: Int?
    @OptionGroup var options: GlobalOptions

    func validate() throws {
        if let limit, limit < 1 { throw ValidationError("--limit must be at least 1") }
    }

    func run() throws {
        let context = try CommandContext(options)
        let all = try context.homeward.find(try context.actor(), text.joined(separator: " "), limit: limit)
        if options.json { return try Output.json(all) }
        let hits = Array(all.prefix(limit ?? 20))
        guard !hits.isEmpty else {
            Output.note("no matches", quiet: options.quiet)
            return
        }
        Output.table(["FOUND", "REFERENCE/RECORD", "NAME", "LATIN", "BORN/AGE", "REGION", "SCORE"], hits.map { found in
            switch found {
            case let .inquiry(hit):
                ["inquiry", hit.reference, "\(hit.familyName) \(hit.givenName)", hit.latinName, hit.dateOfBirth ?? "",
                 hit.lastKnownRegion, String(hit.score)]
            case let .record(hit):
                [hit.recordKind, hit.record, hit.name ?? hit.serviceNumber ?? "", hit.nameLatin ?? "",
                 [hit.ageMin, hit.ageMax].compactMap { $0.map(String.init) }.joined(separator: "–"),
                 hit.recoveryRegion ?? "", String(hit.score)]
            }
        }, keep: [0, 1, 4, 5, 6])
        if hits.count < all.count { Output.note("… \(all.count - hits.count) more; use --limit or --json", quiet: options.quiet) }
    }
}
