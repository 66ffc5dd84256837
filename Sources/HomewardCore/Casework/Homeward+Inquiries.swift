import Foundation
import GRDB

extension Homeward {
    /// Logs a family's inquiry about a person; returns its reference and possible duplicates.
    ///
    /// - Parameter coordinator: the coordinator to assign; the acting coordinator by default.
    public func addInquiry(_ actor: Actor, _ form: InquiryForm, coordinator: String? = nil) throws -> InquiryAdded {
        try authorize(actor, .editCases, action: "inquiry.add", entityType: "inquiry")
        return try recordingFailure("inquiry.add", by: actor, entityType: "inquiry") {
            let valid = try validated(form)
            return try write { db in
                let coordinatorID = try coordinatorID(named: coordinator, default: actor, in: db)
                let duplicates = try possibleDuplicates(of: valid.person, in: db)
                var inserter = try CaseInserter(db, at: now)
                let reference = try inserter.insert(valid, coordinatorID: coordinatorID)
                try inserter.finish()
                try audit(AuditEntry(action: "inquiry.add", entityType: "inquiry", entityID: reference.description,
                                     details: ["region": valid.person.region, "possible_duplicates": String(duplicates.count)]),
                          by: actor, in: db)
                return InquiryAdded(reference: reference.description, possibleDuplicates: duplicates, warnings: valid.warnings)
            }
        }
    }

    /// One inquiry in full. Contact details, internal notes and the contact log only for roles
    /// that may see them, and such a read is audited.
    public func inquiry(_ actor: Actor, reference text: String) throws -> InquiryView {
        let reference = try InquiryReference.parse(text)
        try authorize(actor, .readInquiries, action: "inquiry.show", entityType: "inquiry", entityID: reference.description)
        let withContact = actor.may(.seeContactDetails)
        let view = try read { db in
            guard let row = try InquiryRow.fetch(reference, in: db) else { throw CaseworkError.noSuchInquiry(reference.description) }
            var view = try row.view(withContact: withContact, regions: RegionDirectory.standard, in: db)
            if withContact { view.contacts = try Self.contactLog(inquiryID: row.inquiryID, in: db) }
            view.links = try Self.linkCounts(personID: row.personID, in: db)
            return view
        }
        if withContact {
            try write { db in
                try audit(AuditEntry(action: "inquiry.contact_read", entityType: "inquiry", entityID: reference.description),
                          by: actor, in: db)
            }
        }
        return view
    }

    /// Inquiries matching the filter, newest received first.
    public func inquiries(_ actor: Actor, filter: InquiryFilter = InquiryFilter()) throws -> [InquirySummary] {
        try authorize(actor, .readInquiries, action: "inquiry.list")
        var conditions = [String]()
        var arguments = StatementArguments()
        if let status = filter.status {
            guard ["open", "linked", "resolved", "withdrawn", "merged"].contains(status) else {
                throw CaseworkError.invalid([FieldProblem(field: "status", message: QuotedValue.isNot(status, "a status") + "; use open, linked, resolved, withdrawn or merged")])
            }
            conditions.append("i.status = ?")
            _ = arguments.append(contentsOf: [status])
        }
        if let region = filter.region {
            let code: String
            do { code = try RegionDirectory.standard.resolve(region).code } catch {
                throw CaseworkError.invalid([FieldProblem(field: "region", message: error.localizedDescription)])
            }
            conditions.append("p.last_known_region = ?")
            _ = arguments.append(contentsOf: [code])
        }
        if let coordinator = filter.coordinator {
            // By account id, and only a coordinator's: an unknown name is an error, not "no matches".
            let account = try read { db in try UserAccount.named(coordinator, in: db) }
            guard let account, account.role == .coordinator, let id = account.id else {
                throw CaseworkError.invalid([FieldProblem(field: "coordinator", message: "\(QuotedValue.subject(coordinator)) is not a coordinator; see 'homeward user list'")])
            }
            conditions.append("i.coordinator_id = ?")
            _ = arguments.append(contentsOf: [id])
        }
        if let since = filter.receivedSince {
            guard let date = CalendarDate(since) else {
                throw CaseworkError.invalid([FieldProblem(field: "since", message: QuotedValue.isNot(since, "a date") + "; use YYYY-MM-DD")])
            }
            conditions.append("i.received_on >= ?")
            _ = arguments.append(contentsOf: [date.description])
        }
        let whereClause = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        var limitClause = ""
        try Self.checkLimit(filter.limit)
        if let limit = filter.limit {
            limitClause = "LIMIT ?"
            _ = arguments.append(contentsOf: [limit])
        }
        return try read { db in
            try Row.fetchAll(db, sql: """
                SELECT i.reference, i.status, i.received_on, p.family_name, p.given_name, p.family_name_latin,
                       p.given_name_latin, p.last_known_region, p.last_seen_from, p.last_seen_to, u.name AS coordinator
                FROM inquiry i JOIN person p ON p.id = i.person_id LEFT JOIN app_user u ON u.id = i.coordinator_id
                \(whereClause)
                ORDER BY i.received_on DESC, i.id DESC \(limitClause)
                """, arguments: arguments).map { row in
                InquirySummary(
                    reference: row["reference"], status: row["status"], familyName: row["family_name"],
                    givenName: row["given_name"],
                    latinName: "\(row["family_name_latin"] as String) \(row["given_name_latin"] as String)",
                    lastKnownRegion: row["last_known_region"],
                    lastSeen: InquiryRow.lastSeenText(row["last_seen_from"], row["last_seen_to"]),
                    receivedOn: row["received_on"], coordinator: row["coordinator"])
            }
        }
    }

    // MARK: - Shared steps

    func validated(_ form: InquiryForm, storedPhone: String? = nil) throws -> ValidInquiry {
        switch form.validate(regions: RegionDirectory.standard, today: today, storedPhone: storedPhone) {
        case let .success(valid): return valid
        case let .failure(problems): throw CaseworkError.invalid(problems.list)
        }
    }

    /// Today in UTC, the calendar all stored dates use.
    var today: CalendarDate {
        let components = Calendar(identifier: .gregorian).dateComponents(in: TimeZone(identifier: "UTC") ?? .current, from: now)
        return CalendarDate(year: components.year ?? 2000, month: components.month ?? 1, day: components.day ?? 1)
            ?? CalendarDate(validYear: 2000, month: 1, day: 1)
    }

    func coordinatorID(named name: String?, default actor: Actor, in db: Database) throws -> Int64 {
        guard let name else { return actor.userID }
        guard let account = try UserAccount.named(name, in: db), account.role == .coordinator, account.status == .active else {
            throw CaseworkError.invalid([FieldProblem(field: "coordinator", message: "\(QuotedValue.subject(name)) is not an active coordinator; see 'homeward user list'")])
        }
        return account.id ?? actor.userID
    }

    /// Open inquiries about persons with the same service number, or the same family and
    /// given name keys and a compatible birth date.
    func possibleDuplicates(of person: PersonFields, excluding personID: Int64? = nil, in db: Database) throws -> [DuplicateHint] {
        var hints = [DuplicateHint]()
        if let key = person.serviceNumberKey {
            for reference in try String.fetchAll(db, sql: """
                SELECT i.reference FROM person p JOIN inquiry i ON i.person_id = p.id
                WHERE p.service_number_key = ? AND i.status <> 'merged' AND p.id IS NOT ?
                """, arguments: [key, personID]) {
                hints.append(DuplicateHint(reference: reference, reason: "same service number"))
            }
        }
        let keys = person.nameKeys
        guard let familyKey = keys.family.first, let givenKey = keys.given.first else { return hints }
        let match = SearchToken.query(familyKey, columns: ["family"]) + " AND " + SearchToken.query(givenKey, columns: ["given"])
        let rows = try Row.fetchAll(db, sql: """
            SELECT i.reference, p.date_of_birth
            FROM person_name n
            JOIN person p ON p.id = n.rowid
            JOIN inquiry i ON i.person_id = p.id AND i.status <> 'merged'
            WHERE person_name MATCH ? AND p.id IS NOT ?
            """, arguments: [match, personID])
        for row in rows {
            let reference: String = row["reference"]
            guard !hints.contains(where: { $0.reference == reference }) else { continue }
            let birth = (row["date_of_birth"] as String?).flatMap(PartialDate.init)
            if let mine = person.dateOfBirth, let theirs = birth {
                let a = mine.range, b = theirs.range
                guard a.from <= b.to && b.from <= a.to else { continue }
            }
            hints.append(DuplicateHint(reference: reference, reason: "same name and compatible date of birth"))
        }
        return hints
    }
}
