import ArgumentParser
import HomewardCore

struct SearchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search",
        abstract: "Find persons and returned records by name (any script, common spellings, typos), reference, tag, service number or phone.")

    @Argument(help: "What to look for.") var text: [String]
    @Option(parsing: .unconditional, help: "At most N results (default: 20 in tables, all with --json).",
            transform: WholeNumber.parse) var limit: Int?
    @OptionGroup var options: GlobalOptions

    func validate() throws {
        if let limit, limit < 1 { throw ValidationError("--limit must be positive (1 or more)") }
        if text.joined().allSatisfy(\.isWhitespace) {
            throw ValidationError("give something to search for: a name, reference, tag, service number or phone")
        }
    }

    func run() throws {
        let context = try CommandContext(options)
        let all = try context.service.find(text.joined(separator: " "), limit: limit)
        if options.json { return try Output.json(all) }
        let hits = Array(all.prefix(limit ?? 20))
        try Output.list(hits, options, empty: "no matches",
                        columns: [.init("FOUND"), .init("REFERENCE/RECORD"), .init("NAME", .shrink), .init("LATIN", .shrink),
                                  .init("BORN/AGE"), .init("REGION"), .init("SCORE")]) { found in
            switch found {
            case let .inquiry(hit):
                ["inquiry", hit.reference, "\(hit.familyName) \(hit.givenName)", hit.latinName, hit.dateOfBirth ?? "",
                 hit.lastKnownRegion, String(hit.score)]
            case let .record(hit):
                [hit.recordKind, hit.record, hit.name ?? hit.serviceNumber.map { "(no name) \($0)" } ?? "(no name)", hit.nameLatin ?? "",
                 [hit.ageMin, hit.ageMax].compactMap { $0.map(String.init) }.joined(separator: "–"),
                 hit.recoveryRegion ?? "", String(hit.score)]
            }
        }
        // Not a confirmation: the table is incomplete, which --quiet must not hide.
        if hits.count < all.count { Output.warning("\(all.count - hits.count) more not shown; use --limit or --json") }
    }
}
