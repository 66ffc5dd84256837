import ArgumentParser
import Foundation
import HomewardCore

struct AuditLogCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "log", abstract: "List audit events, oldest first (coordinators see their own).")

    @Option(help: "Only events by this user.") var actor: String?
    @Option(help: "Only this action (user.add) or group (user. or user).") var action: String?
    @Option(help: ArgumentHelp("Only events at or after this ISO 8601 date or date-time (2025-06-02, 2025-06-02T10:00:00+03:00).",
                               valueName: "date"), transform: ISODate.parse)
    var since: ISODate?
    @Option(parsing: .unconditional, help: "Only the newest N events.", transform: WholeNumber.parse) var limit: Int?
    @OptionGroup var options: GlobalOptions

    func validate() throws {
        if let limit, limit < 1 { throw ValidationError("--limit must be positive (1 or more)") }
        for (flag, value) in [("--actor", actor), ("--action", action)] where value?.trimmingCharacters(in: .whitespaces).isEmpty == true {
            throw ValidationError("\(flag) is empty; give a user name or action, or leave the option out")
        }
    }

    func run() throws {
        let context = try CommandContext(options)
        let filter = AuditFilter(actor: actor, action: action, since: since?.instant, limit: limit)
        let events = try context.service.auditLog(filter)
        try Output.list(events.map(AuditEventOutput.init), options, empty: "no audit events match",
                        columns: [.init("SEQ"), .init("AT"), .init("ACTOR"), .init("ACTION"), .init("ENTITY"), .init("OUTCOME")]) { event in
            [String(event.seq), String(event.at.prefix(19)), event.actor ?? "-", event.action, event.entityID ?? "-", event.outcome]
        }
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
    let details: JSONValue
    let prevHash: String
    let hash: String

    init(_ event: AuditEventView) {
        seq = event.seq
        at = event.at
        actor = event.actor
        action = event.action
        entityType = event.entityType
        entityID = event.entityID
        outcome = event.outcome.rawValue
        details = Self.details(event.details)
        prevHash = event.prevHash
        hash = event.hash
    }

    /// Details are stored as text values ("3", "true"); counts and flags print as JSON numbers
    /// and booleans when the text is their canonical form, everything else as it was stored.
    static func details(_ stored: [String: String]) -> JSONValue {
        .object(stored.mapValues { text in
            if text == "true" || text == "false" { return .bool(text == "true") }
            if let number = Int64(text), String(number) == text { return .number(text) }
            return .string(text)
        })
    }

    enum CodingKeys: String, CodingKey {
        case seq, at, actor, action, outcome, details, hash
        case entityType = "entity_type", entityID = "entity_id", prevHash = "prev_hash"
    }
}
