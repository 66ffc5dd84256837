import Foundation
import GRDB

extension InquiryTimeline {
    /// Events of the audit trail that concern the inquiry and succeeded: those naming it,
    /// merges into it, decisions on its links, and identifications that moved its status.
    /// Contacts and the logging itself come from their tables (``addContacts(in:)``,
    /// ``addReceived(_:in:)``), so they are not read twice.
    mutating func addAuditEvents(in db: Database) throws {
        let rows = try Row.fetchAll(db, sql: """
            SELECT seq, at, actor_name, action, entity_type, entity_id, details FROM audit_event
            WHERE outcome = 'ok' AND (
                (entity_type = 'inquiry' AND entity_id = :reference
                    AND action NOT IN ('inquiry.add', 'inquiry.import', 'inquiry.contact'))
                OR (action = 'inquiry.merge' AND json_extract(details, '$.into') = :reference)
                OR (action = 'inquiry.unmerge' AND json_extract(details, '$.from') = :reference)
                OR (action IN ('link.confirm', 'link.reject') AND entity_type = 'link' AND entity_id IN (
                    SELECT CAST(id AS TEXT) FROM link WHERE person_id = :person OR inquiry_id = :inquiry))
                OR (entity_type = 'returned_record' AND json_extract(details, '$.inquiry') = :reference)
            )
            ORDER BY seq
            """, arguments: ["reference": reference, "person": personID, "inquiry": inquiryID])
        for row in rows {
            let details = Self.decode(row["details"])
            let action: String = row["action"]
            let entity: String? = row["entity_id"]
            guard let (kind, summary) = describe(action, entity: entity, details) else { continue }
            if action == "link.confirm" || action == "link.reject", let id = entity.flatMap({ Int64($0) }) {
                auditedDecisions.insert(LinkDecision(link: id, state: action == "link.confirm" ? "confirmed" : "rejected"))
            }
            add(InquiryHistoryEntry(at: row["at"], by: row["actor_name"], kind: kind, summary: summary,
                                    details: entryDetails(action, entity: entity, details), auditSeq: row["seq"]))
        }
    }

    /// The kind and the line in words of one audit event; nil for events that say nothing
    /// about this inquiry (an identification that left its status alone).
    func describe(_ action: String, entity: String?, _ details: [String: String]) -> (InquiryHistoryKind, String)? {
        let change = details["from"].flatMap { from in details["to"].map { "\(from) → \($0)" } }
        switch action {
        case "inquiry.update":
            return (.edit, "edited: " + (details["changed"] ?? "").split(separator: ",").joined(separator: ", "))
        case "inquiry.close":
            return (.status, "closed" + (change.map { " (\($0))" } ?? ""))
        case "inquiry.withdraw":
            return (.status, "withdrawn" + (change.map { " (\($0))" } ?? ""))
        case "inquiry.reopen":
            return (.status, "reopened" + (change.map { " (\($0))" } ?? ""))
        case "inquiry.merge":
            return entity == reference
                ? (.merge, "merged into \(details["into"] ?? "another inquiry")")
                : (.merge, "\(entity ?? "another inquiry") merged into this inquiry")
        case "inquiry.unmerge":
            return entity == reference
                ? (.merge, "unmerged from \(details["from"] ?? "the inquiry it was merged into")")
                : (.merge, "\(entity ?? "another inquiry") unmerged from this inquiry")
        case "inquiry.contact_read":
            return (.contactRead, "contact details read")
        case "match.save":
            let counts = ["added", "updated", "unchanged"].compactMap { key in details[key].map { "\($0) \(key)" } }
            return (.matching, "batches matched, candidates saved: " + counts.joined(separator: ", "))
        case "report.family":
            let how = [details["format"], details["lang"]].compactMap { $0 }
            return (.report, "family report exported" + (how.isEmpty ? "" : " (\(how.joined(separator: ", ")))"))
        case "link.confirm", "link.reject":
            let id = entity ?? "?"
            let state = action == "link.confirm" ? "confirmed" : "rejected"
            var text = "link \(id) \(state): \(details["target"] ?? "?")"
            if let link = Int64(id).flatMap({ links[$0] }) { text += " (score \(Self.score(link.score)))" }
            if action == "link.reject", details["was"] == "confirmed" { text += ", which was confirmed" }
            if let from = details["from"], let to = details["to"], from != to { text += "; inquiry \(from) → \(to)" }
            return (.link, text)
        default:
            if let from = details["inquiry_from"], let to = details["inquiry_to"], details["inquiry"] == reference {
                let why = action == "ident.revoke" || to == "linked" ? "identification of \(entity ?? "?") revoked" : "\(entity ?? "?") identified"
                return (.status, "inquiry \(from) → \(to): \(why)")
            }
            if details["inquiry"] == reference { return nil }
            return (.other, action)
        }
    }

    /// The event's details as the entry shows them: the audit details, which never hold
    /// personal data, plus what the event was about.
    func entryDetails(_ action: String, entity: String?, _ details: [String: String]) -> [String: String] {
        var shown = details
        shown["action"] = action
        switch action {
        case "inquiry.update":
            shown["fields"] = shown.removeValue(forKey: "changed")
        case "link.confirm", "link.reject":
            shown["link"] = entity
        case "inquiry.merge", "inquiry.unmerge":
            shown["inquiry"] = entity
        default:
            if entity != reference { shown["entity"] = entity }
        }
        return shown
    }

    static func decode(_ text: String?) -> [String: String] {
        guard let text else { return [:] }
        return (try? JSONDecoder().decode([String: String].self, from: Data(text.utf8))) ?? [:]
    }
}
