import Foundation
import GRDB

extension Homeward {
    /// Moves a returned record to `target` along ``IdentificationRules/transitions``, appending
    /// to its history in one IMMEDIATE transaction that re-reads the current status first.
    ///
    /// `identified` is only proposed here: it takes effect once other coordinators confirm it
    /// (``confirmIdentification(_:record:proposal:note:)``). `identity_verified` takes effect at
    /// once and, like an identification in effect, resolves the linked inquiry; `revoked` returns
    /// the record to `examination` and the inquiry to `linked`.
    ///
    /// - Throws: ``CaseworkError/changedMeanwhile(_:)`` when `step.expect` is not the current
    ///   status; ``CaseworkError/invalidTransition(_:)`` naming the allowed next statuses;
    ///   ``CaseworkError/invalid(_:)`` for a missing or misplaced method, via or note;
    ///   ``AccessError`` for a role or batch beyond the actor's reach (audited as denied).
    public func setIdentificationStatus(_ actor: Actor, record text: String, to target: IdentificationStatus,
                                        _ step: IdentificationStep = IdentificationStep()) throws -> IdentificationChanged {
        let address = try RecordAddress.parse(text)
        let action = Self.identificationAction(target)
        try authorize(actor, .updateIdentification, action: action, entityType: "returned_record", entityID: address.description)
        return try recordingFailure(action, by: actor, entityType: "returned_record", entityID: address.description) {
            try auditingRefusal(action, by: actor, entityID: address.description) {
                if !IdentificationRules.volunteerStatuses.contains(target), !actor.may(.confirmIdentification) {
                    throw AccessError.statusBeyondRole(
                        role: actor.role, status: target.rawValue,
                        allowed: IdentificationStatus.allCases.filter(IdentificationRules.volunteerStatuses.contains).map(\.rawValue))
                }
                let step = try Self.checked(step, for: target)
                return try write { db in
                    try applyIdentificationStep(actor, address, target, step, action: action, in: db)
                }
            }
        }
    }

    private func applyIdentificationStep(_ actor: Actor, _ address: RecordAddress, _ target: IdentificationStatus,
                                         _ step: IdentificationStep, action: String, in db: Database) throws -> IdentificationChanged {
        let row = try recordRow(actor, address, in: db)
        try Self.requireLive(row, doing: "given a new identification status")
        let record = "\(row["code"] as String)/\(row["tag"] as String)"
        let kind = RecordKind(rawValue: row["kind"]) ?? .remains
        let ledger = try IdentificationLedger.load(recordID: row["id"], kind: kind, in: db)
        let current = ledger.status
        if let expected = step.expect, expected != current {
            let by = ledger.lastChange.map { " (set by \($0.actorName) at \($0.at))" } ?? ""
            throw CaseworkError.changedMeanwhile(
                "\(record) is \(current.rawValue)\(by), not \(expected.rawValue) as expected; nothing changed, look again with 'homeward batch show \(record)'")
        }
        guard IdentificationRules.allows(kind, from: current, to: target) else {
            throw CaseworkError.invalidTransition(Self.forbidden(record, kind: kind, from: current, to: target))
        }
        let linkID = ledger.confirmedLinkID
        if IdentificationRules.identifying.contains(target), linkID == nil {
            throw CaseworkError.invalidTransition(
                "\(record) has no confirmed link to a person; confirm the link first ('homeward link list --batch \(row["code"] as String)', then 'homeward link confirm ID')")
        }
        let stamp = Timestamp.text(now)
        var details = ["from": current.rawValue, "to": target.rawValue]
        if let method = step.method { details["method"] = method.rawValue }
        if let via = step.via { details["via"] = via.rawValue }

        if IdentificationRules.needsConfirmation.contains(target), let method = step.method {
            let replaced = ledger.pendingProposal
            let proposalID = try Self.appendEvent(
                recordID: ledger.recordID, kind: .proposal, status: target, step: step, linkID: linkID, actor: actor, at: stamp, in: db)
            let needed = IdentificationRules.confirmationsNeeded(method)
            details["proposal"] = String(proposalID)
            details["needed"] = String(needed)
            if let replaced { details["replaced"] = String(replaced.id) }
            try audit(AuditEntry(action: action, entityType: "returned_record", entityID: record, details: details), by: actor, in: db)
            return IdentificationChanged(
                record: record, kind: IdentificationEventKind.proposal.rawValue, from: current.rawValue, requested: target.rawValue,
                status: current.rawValue, proposalID: proposalID, needed: needed, replacedProposal: replaced?.id)
        }

        let aboutIdentity = IdentificationRules.identifiedStatuses.contains(target) || target == .revoked
        try Self.appendEvent(recordID: ledger.recordID, kind: .change, status: target, step: step,
                             linkID: aboutIdentity ? linkID : nil, actor: actor, at: stamp, in: db)
        var moved: InquiryMove?
        if let linkID, IdentificationRules.identifying.contains(target) {
            moved = try Self.resolveInquiry(linkID: linkID, record: record, at: stamp, in: db)
        } else if let linkID, target == .revoked {
            moved = try Self.unresolveInquiry(linkID: linkID, record: record, at: stamp, in: db)
        }
        if let moved { details.merge(moved.auditDetails) { $1 } }
        try audit(AuditEntry(action: action, entityType: "returned_record", entityID: record, details: details), by: actor, in: db)
        return IdentificationChanged(
            record: record, kind: IdentificationEventKind.change.rawValue, from: current.rawValue, requested: target.rawValue,
            status: IdentificationRules.resulting(target).rawValue, inquiry: moved?.reference, inquiryStatus: moved?.to)
    }

    /// The audit action of a status change: proposals and revocations are named apart.
    static func identificationAction(_ target: IdentificationStatus) -> String {
        switch target {
        case .identified: "ident.propose"
        case .revoked: "ident.revoke"
        default: "ident.set"
        }
    }

    /// The step's texts cleaned, and what the target status needs present or absent.
    static func checked(_ step: IdentificationStep, for target: IdentificationStatus) throws -> IdentificationStep {
        var problems = [FieldProblem]()
        var step = step
        step.evidence = FreeText.check("evidence", step.evidence, into: &problems)
        step.note = FreeText.check("note", step.note, limit: 4000, into: &problems)
        let methods = sentenceList(IdentificationRules.identifyingMethods.map(\.rawValue))
        if IdentificationRules.identifying.contains(target) {
            switch step.method {
            case nil:
                problems.append(FieldProblem(field: "method", message: "required for \(target.rawValue); give --method \(methods)"))
            case .other?:
                problems.append(FieldProblem(
                    field: "method",
                    message: "other is no basis for \(target.rawValue); use dna, fingerprints or dental (one confirmation) or documents or visual (two confirmations)"))
            default:
                break
            }
        }
        if target == .familyNotified, step.via == nil {
            problems.append(FieldProblem(
                field: "via", message: "required for family_notified; say how the family was told: --via \(sentenceList(NotificationChannel.allCases.map(\.rawValue)))"))
        }
        if target != .familyNotified, let via = step.via {
            problems.append(FieldProblem(
                field: "via", message: "\(via.rawValue) is only for family_notified (how the family was told); leave --via out for \(target.rawValue)"))
        }
        if target == .revoked, step.note == nil, !problems.contains(where: { $0.field == "note" }) {
            problems.append(FieldProblem(field: "note", message: "required for revoked; say why the identification was wrong (--note …)"))
        }
        if !problems.isEmpty { throw CaseworkError.invalid(problems) }
        return step
    }

    /// The refusal of a transition the table does not allow: the current status and what may follow.
    static func forbidden(_ record: String, kind: RecordKind, from current: IdentificationStatus, to target: IdentificationStatus) -> String {
        let next = IdentificationRules.next(kind, from: current).map(\.rawValue)
        let foreign = IdentificationRules.transitions[kind]?[target] == nil && target != .revoked
        let note = foreign ? " (a status of \(kind == .remains ? "returned living prisoners" : "remains"), not of \(kind == .remains ? "remains" : "returnees"))" : ""
        let state = current == target ? "is already \(current.rawValue)" : "is \(current.rawValue)"
        guard !next.isEmpty else {
            return "\(record) \(state), a final status: nothing can follow it, so not \(target.rawValue)\(note)"
        }
        return "\(record) \(state); it can become \(Self.sentenceList(next)), not \(target.rawValue)\(note)"
    }

    /// "a", "a or b", "a, b or c".
    static func sentenceList(_ words: [String]) -> String {
        guard let last = words.last else { return "" }
        return words.count == 1 ? last : words.dropLast().joined(separator: ", ") + " or " + last
    }

    @discardableResult
    static func appendEvent(recordID: Int64, kind: IdentificationEventKind, status: IdentificationStatus, proposalID: Int64? = nil,
                            step: IdentificationStep, linkID: Int64?, actor: Actor, at stamp: String, in db: Database) throws -> Int64 {
        try db.execute(sql: """
            INSERT INTO identification_event (record_id, kind, status, proposal_id, method, evidence, note, notified_via, link_id, actor_id, at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [recordID, kind.rawValue, status.rawValue, proposalID, step.method?.rawValue, step.evidence, step.note,
                             step.via?.rawValue, linkID, actor.userID, stamp])
        return db.lastInsertedRowID
    }

    /// Runs `body`; a refusal it decides (a batch not assigned, a status beyond the role, the
    /// four-eyes rule) is audited as denied in its own transaction, since the change never happens.
    func auditingRefusal<T>(_ action: String, by actor: Actor, entityID: String, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as AccessError {
            try write { db in
                try audit(AuditEntry(action: action, entityType: "returned_record", entityID: entityID, outcome: .denied,
                                     details: ["role": actor.role.rawValue, "reason": Self.refusalReason(error)]), by: actor, in: db)
            }
            throw error
        }
    }

    static func refusalReason(_ error: AccessError) -> String {
        switch error {
        case .notAssigned: "not assigned"
        case .statusBeyondRole: "status beyond role"
        case .fourEyes: "four-eyes"
        default: "denied"
        }
    }
}
