import ArgumentParser
import Foundation
import HomewardCore

struct AuditLogCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "log", abstract: "List audit events, oldest first (coordinators see their own).")

    @Option(help: "Only events by this user.") var actor: String?
    @Option(help: "Only this action (user.add) or group (user.).") var action: String?
    @Option(help: ArgumentHelp("Only events at or after this ISO 8601 date or date-time.", valueName: "date"))
    var since: String?
    @Option(help: "Only the newest N events.") var limit: Int?
    @OptionGroup var options: GlobalOptions

    func validate() throws {
        if let since, ISODate.parse(since) == nil {
            throw ValidationError("--since \"\(since)\" is not an ISO 8601 date; use e.g. 2025-06-02 or 2025-06-02T10:00:00Z")
        }
        if let limit, limit < 1 { throw ValidationError("--limit must be at least 1") }
    }

    func run() throws {
        let context = try CommandContext(options)
        let filter = AuditFilter(actor: actor, action: action, since: since.flatMap(ISODate.parse), limit: limit)
        let events = try context.homeward.auditLog(try context.actor(), filter: filter)
        if options.json { return try Output.json(events.map(AuditEventOutput.init)) }
        Output.table(
            ["SEQ", "AT", "ACTOR", "ACTION", "ENTITY", "OUTCOME"],
            events.map { event in
                [String(event.seq), String(event.at.prefix(19)), event.actorName ?? "-", event.action,
                 event.entityID ?? "-", event.outcome.rawValue]
            }, keep: [0, 1, 3, 5])
    }
}

/// The JSON shape of one audit event; hashes in hex.
struct AuditEventOutput: Encodable {
    let seq: Int64
    let at: String
    let actor: String?
    let action: String
    let entityType: String?
    let entityID: String?
    let outcome: String
    /// The event's details as an object (they are stored as a JSON text).
    let details: [String: String]
    let prevHash: String
    let hash: String

    init(_ event: AuditEvent) {
        seq = event.seq
        at = event.at
        actor = event.actorName
        action = event.action
        entityType = event.entityType
        entityID = event.entityID
        outcome = event.outcome.rawValue
        details = (try? JSONDecoder().decode([String: String].self, from: Data(event.details.utf8))) ?? ["raw": event.details]
        prevHash = event.prevHashHex
        hash = event.hashHex
    }

    enum CodingKeys: String, CodingKey {
        case seq, at, actor, action, outcome, details, hash
        case entityType = "entity_type", entityID = "entity_id", prevHash = "prev_hash"
    }
}

/// ISO 8601 dates or date-times given on the command line.
enum ISODate {
    static func parse(_ text: String) -> Date? {
        // The day must exist: Foundation's parser would roll 2025-02-30 over into March.
        guard text.count >= 10, CalendarDate(text.prefix(10)) != nil else { return nil }
        if text.count == 10 { return try? Date.ISO8601FormatStyle().year().month().day().parse(text) }
        if let date = try? Date.ISO8601FormatStyle().parse(text) { return date }
        return try? Date.ISO8601FormatStyle(includingFractionalSeconds: true).parse(text)
    }
}
