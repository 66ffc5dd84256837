import Foundation
import GRDB

extension Homeward {
    /// Changes the given fields of an inquiry and its person (nil leaves a field, "" clears it),
    /// validating the whole result. Returns the names of the fields that changed.
    @discardableResult
    public func updateInquiry(_ actor: Actor, reference text: String, changes: InquiryForm, coordinator: String? = nil) throws -> [String] {
        let reference = try InquiryReference.parse(text)
        try authorize(actor, .editCases, action: "inquiry.update", entityType: "inquiry", entityID: reference.description)
        return try recordingFailure("inquiry.update", by: actor, entityType: "inquiry", entityID: reference.description) {
            return try write { db in
                guard let current = try InquiryRow.fetch(reference, in: db) else { throw CaseworkError.noSuchInquiry(reference.description) }
                guard current.status != "merged" else {
                    throw CaseworkError.invalidTransition("\(reference) is merged into another inquiry; update that one or unmerge first")
                }
                let before = current.form
                var after = before
                for column in InquiryForm.allFields where changes[keyPath: column.keyPath] != nil {
                    after[keyPath: column.keyPath] = changes[keyPath: column.keyPath]
                }
                let valid = try validated(after, storedPhone: before.phone)
                let changed = InquiryForm.allFields
                    .filter { Cell.clean(before[keyPath: $0.keyPath]) != Cell.clean(after[keyPath: $0.keyPath]) }
                    .map(\.name)
                var coordinatorChanged = false
                if let coordinator {
                    let id = try coordinatorID(named: coordinator, default: actor, in: db)
                    try db.execute(sql: "UPDATE inquiry SET coordinator_id = ? WHERE id = ?", arguments: [id, current.inquiryID])
                    coordinatorChanged = true
                }
                guard !changed.isEmpty || coordinatorChanged else { return [] }
                let stamp = Timestamp.text(now)
                let person = valid.person
                try db.execute(sql: """
                    UPDATE person SET family_name = ?, given_name = ?, patronymic = ?, family_name_latin = ?,
                        given_name_latin = ?, patronymic_latin = ?, sex = ?, date_of_birth = ?, service_number = ?,
                        service_number_key = ?, unit = ?, rank = ?, last_known_region = ?, last_known_place = ?,
                        last_seen_from = ?, last_seen_to = ?, circumstances = ?, distinguishing_features = ?, updated_at = ?
                    WHERE id = ?
                    """, arguments: [
                        person.familyName, person.givenName, person.patronymic, person.latin.family,
                        person.latin.given, person.latin.patronymic, person.sex.rawValue,
                        person.dateOfBirth?.description, person.serviceNumber, person.serviceNumberKey, person.unit,
                        person.rank, person.region, person.place, person.lastSeen.from.description,
                        person.lastSeen.to.description, person.circumstances, person.features, stamp, current.personID,
                    ])
                try db.execute(sql: """
                    UPDATE inquiry SET inquirer_name = ?, relationship = ?, phone = ?, email = ?, language = ?,
                        consent_tracing = ?, consent_dna = ?, consent_sharing = ?, channel = ?, received_on = ?,
                        notes = ?, updated_at = ?
                    WHERE id = ?
                    """, arguments: [
                        valid.inquirerName, valid.relationship, valid.phone, valid.email, valid.language,
                        valid.consentTracing, valid.consentDNA, valid.consentSharing, valid.channel,
                        valid.receivedOn.description, valid.notes, stamp, current.inquiryID,
                    ])
                var inserter = try CaseInserter(db, at: now)
                try inserter.replaceTokens(of: current.personID, with: person, replacing: true)
                let fields = changed + (coordinatorChanged ? ["coordinator"] : [])
                // Field names only: the audit trail says what changed, not the personal data itself.
                try audit(AuditEntry(action: "inquiry.update", entityType: "inquiry", entityID: reference.description,
                                     details: ["changed": fields.joined(separator: ",")]), by: actor, in: db)
                return fields
            }
        }
    }

    /// Resolves (`close`) or withdraws an inquiry, with a reason.
    public func closeInquiry(_ actor: Actor, reference text: String, withdrawn: Bool, reason: String) throws {
        let reference = try InquiryReference.parse(text)
        let action = withdrawn ? "inquiry.withdraw" : "inquiry.close"
        try authorize(actor, .editCases, action: action, entityType: "inquiry", entityID: reference.description)
        try recordingFailure(action, by: actor, entityType: "inquiry", entityID: reference.description) {
            guard let reason = try FreeText.checked("reason", reason, limit: 4000) else {
                throw CaseworkError.invalid([FieldProblem(field: "reason", message: "required; say why the inquiry ends")])
            }
            let target = withdrawn ? "withdrawn" : "resolved"
            try write { db in
                guard let current = try InquiryRow.fetch(reference, in: db) else { throw CaseworkError.noSuchInquiry(reference.description) }
                let allowedFrom: Set<String> = withdrawn ? ["open", "linked", "resolved"] : ["open", "linked"]
                guard current.status != target else {
                    throw CaseworkError.invalidTransition("\(reference) is already \(target); nothing changed")
                }
                guard allowedFrom.contains(current.status) else {
                    throw CaseworkError.invalidTransition(
                        "\(reference) is \(current.status) and cannot become \(target); allowed from: \(allowedFrom.sorted().joined(separator: ", "))")
                }
                try db.execute(sql: "UPDATE inquiry SET status = ?, status_reason = ?, updated_at = ? WHERE id = ?",
                               arguments: [target, reason, Timestamp.text(now), current.inquiryID])
                try audit(AuditEntry(action: action, entityType: "inquiry", entityID: reference.description,
                                     details: ["from": current.status, "to": target]), by: actor, in: db)
            }
        }
    }

    /// Merges inquiry `source` into `target`: the source (and anything merged into it) now
    /// concerns the target's person. Fully reversible with ``unmergeInquiry(_:reference:)``.
    ///
    /// Refused when the two persons look different (family names apart beyond a typo, or
    /// birth dates that cannot both be right) unless `force`, and when the target is withdrawn.
    public func mergeInquiry(_ actor: Actor, reference sourceText: String, into targetText: String, force: Bool = false) throws {
        let source = try InquiryReference.parse(sourceText)
        let target = try InquiryReference.parse(targetText)
        try authorize(actor, .editCases, action: "inquiry.merge", entityType: "inquiry", entityID: source.description)
        try recordingFailure("inquiry.merge", by: actor, entityType: "inquiry", entityID: source.description) {
            guard source != target else {
                throw CaseworkError.invalidTransition("cannot merge \(source) into itself")
            }
            try write { db in
                guard let from = try InquiryRow.fetch(source, in: db) else { throw CaseworkError.noSuchInquiry(source.description) }
                guard let into = try InquiryRow.fetch(target, in: db) else { throw CaseworkError.noSuchInquiry(target.description) }
                guard from.status != "merged" else { throw CaseworkError.invalidTransition("\(source) is already merged; unmerge it first") }
                guard into.status != "merged" else {
                    throw CaseworkError.invalidTransition("\(target) is itself merged; merge into the inquiry it was merged into")
                }
                guard into.status != "withdrawn" else {
                    throw CaseworkError.invalidTransition("\(target) is withdrawn; merge it into \(source) instead")
                }
                if !force, let difference = Self.personDifference(from.form, into.form) {
                    throw CaseworkError.invalidTransition(
                        "\(source) and \(target) look like different persons (\(difference)); check both, and pass --force if they are the same")
                }
                let stamp = Timestamp.text(now)
                // Inquiries merged into the source follow it to the target's person.
                try db.execute(sql: "UPDATE inquiry SET person_id = ? WHERE merged_into_id = ?",
                               arguments: [into.personID, from.inquiryID])
                try db.execute(sql: """
                    UPDATE inquiry SET premerge_person_id = person_id, premerge_status = status, status = 'merged',
                        merged_into_id = ?, person_id = ?, updated_at = ?
                    WHERE id = ?
                    """, arguments: [into.inquiryID, into.personID, stamp, from.inquiryID])
                try audit(AuditEntry(action: "inquiry.merge", entityType: "inquiry", entityID: source.description,
                                     details: ["into": target.description]), by: actor, in: db)
            }
        }
    }

    /// Why two recorded persons cannot be the same, or nil when they may be.
    static func personDifference(_ one: InquiryForm, _ other: InquiryForm) -> String? {
        if let a = one.serviceNumber.flatMap(ServiceNumber.key), let b = other.serviceNumber.flatMap(ServiceNumber.key) {
            return a == b ? nil : "different service numbers"
        }
        let a = NameKey.keys(one.familyName ?? ""), b = NameKey.keys(other.familyName ?? "")
        let close = a.contains { left in
            b.contains { right in
                EditDistance.distance(left, right, limit: EditDistance.typoAllowance(forLength: max(left.utf8.count, right.utf8.count))) != nil
            }
        }
        if !close { return "different family names" }
        if let x = one.dateOfBirth.flatMap(PartialDate.init), let y = other.dateOfBirth.flatMap(PartialDate.init),
           !(x.range.from <= y.range.to && y.range.from <= x.range.to) {
            return "different dates of birth"
        }
        return nil
    }

    /// Reverses a merge: the inquiry gets back its own person and its status before the merge.
    public func unmergeInquiry(_ actor: Actor, reference text: String) throws {
        let reference = try InquiryReference.parse(text)
        try authorize(actor, .editCases, action: "inquiry.unmerge", entityType: "inquiry", entityID: reference.description)
        try recordingFailure("inquiry.unmerge", by: actor, entityType: "inquiry", entityID: reference.description) {
            try write { db in
                guard let current = try InquiryRow.fetch(reference, in: db) else { throw CaseworkError.noSuchInquiry(reference.description) }
                guard current.status == "merged" else { throw CaseworkError.invalidTransition("\(reference) is not merged") }
                let into: String = current.row["merged_into_reference"] ?? ""
                try db.execute(sql: """
                    UPDATE inquiry SET person_id = premerge_person_id, status = premerge_status, merged_into_id = NULL,
                        premerge_person_id = NULL, premerge_status = NULL, updated_at = ?
                    WHERE id = ?
                    """, arguments: [Timestamp.text(now), current.inquiryID])
                let restoredPerson = try Int64.fetchOne(db, sql: "SELECT person_id FROM inquiry WHERE id = ?", arguments: [current.inquiryID])
                try db.execute(sql: "UPDATE inquiry SET person_id = ? WHERE merged_into_id = ?",
                               arguments: [restoredPerson, current.inquiryID])
                try audit(AuditEntry(action: "inquiry.unmerge", entityType: "inquiry", entityID: reference.description,
                                     details: ["from": into]), by: actor, in: db)
            }
        }
    }
}
