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
        let result = try context.homeward.verifyAudit(try context.actor())
        if options.json {
            try Output.json(AuditVerifyOutput(result))
        }
        if let broken = result.firstBroken {
            throw CLIError.badData("audit trail broken at event \(broken.seq): \(broken.reason)")
        }
        if let expectHead {
            try checkAnchor(expectHead, against: result)
        }
        if !options.json {
            print("audit trail intact: \(result.eventCount) events, head \(result.headSeq):\(result.headHash)")
        }
    }

    private func checkAnchor(_ anchor: String, against result: AuditVerification) throws {
        let parts = anchor.split(separator: ":")
        guard parts.count == 2, let seq = Int64(parts[0]) else {
            throw ValidationError("--expect-head \"\(anchor)\" is not SEQ:HASH as printed by 'audit verify'")
        }
        guard seq <= result.headSeq else {
            throw CLIError.badData("audit trail ends at event \(result.headSeq) but event \(seq) was seen before: events were removed")
        }
        if seq == result.headSeq, String(parts[1]) != result.headHash {
            throw CLIError.badData("audit trail broken at event \(seq): head hash differs from the one recorded")
        }
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
