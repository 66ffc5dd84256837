import ArgumentParser
import HomewardCore

struct AuditVerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Recompute the hash chain; exit 65 naming the first broken event.",
        discussion: """
            Prints the head (newest sequence number and hash). Keep it somewhere else and pass it \
            back with --expect-head to also detect removal of the newest events.
            """)

    @Option(help: ArgumentHelp("A head printed by an earlier verify, as SEQ:HASH.", valueName: "seq:hash"))
    var expectHead: String?
    @OptionGroup var options: GlobalOptions

    func run() throws {
        let context = try CommandContext(options)
        let result = try context.service.verifyAudit(expectedHead: try anchor())
        if options.json {
            try Output.json(AuditVerifyOutput(result))
        }
        if let broken = result.firstBroken {
            throw CLIError.badData("audit trail broken at event \(broken.seq): \(broken.reason)")
        }
        if !options.json {
            Output.line("audit trail intact: \(result.eventCount) events, head \(result.headSeq):\(result.headHash)")
        }
    }

    private func anchor() throws -> (seq: Int64, hash: String)? {
        guard let expectHead else { return nil }
        guard let head = AuditHead.parse(expectHead) else {
            throw ValidationError("--expect-head \"\(expectHead)\" is not SEQ:HASH as printed by 'audit verify'")
        }
        return head
    }
}

struct AuditVerifyOutput: Encodable {
    let intact: Bool
    let events: Int
    let headSeq: Int64
    let headHash: String
    let brokenAt: Int64?
    let reason: String?

    init(_ result: AuditVerification) {
        intact = result.isIntact
        events = result.eventCount
        headSeq = result.headSeq
        headHash = result.headHash
        brokenAt = result.firstBroken?.seq
        reason = result.firstBroken?.reason
    }

    enum CodingKeys: String, CodingKey {
        case intact, events, reason
        case headSeq = "head_seq", headHash = "head_hash", brokenAt = "broken_at"
    }
}
