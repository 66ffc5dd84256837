import Foundation
import GRDB

extension Homeward {
    /// One batch for coordinators: records by identification status, confirmed links, counts
    /// received against records listed and identified, days since the transfer. Admins,
    /// coordinators and auditors; every export is audited as `report.batch` with its format
    /// and language. No family's contact details and no staff names are in it.
    ///
    /// - Throws: ``CaseworkError/noSuchBatch(_:)``, ``CaseworkError/malformedBatchCode(_:)``.
    public func batchReport(_ actor: Actor, code text: String, format: CoordinatorReportFormat,
                            language: ReportLanguage = .en, toFile path: String? = nil,
                            writing sink: ((Data) throws -> Void)? = nil) throws -> RenderedReport {
        let code = try BatchCode.parse(text)
        try authorize(actor, .readReports, action: "report.batch", entityType: "batch", entityID: code)
        return try recordingFailure("report.batch", by: actor, entityType: "batch", entityID: code,
                                    details: ["format": format.rawValue, "lang": language.rawValue]) {
            let report = try read { db in try Self.batchReport(code, today: today, in: db) }
            let data = try CoordinatorReportRenderer.render(batch: report, as: format, language: language)
            try deliverReport(data, toFile: path, writing: sink, by: actor, audit: AuditEntry(
                action: "report.batch", entityType: "batch", entityID: code,
                details: ["format": format.rawValue, "lang": language.rawValue]))
            return RenderedReport(data: data, format: format.rawValue, language: language,
                                  suggestedFileName: "\(code)-\(language.rawValue).\(format.fileExtension)")
        }
    }

    /// The centre at a glance: inquiries by region and status, identifications per month,
    /// open cases by age in months, batches by kind. Counts only. Admins, coordinators and
    /// auditors; audited as `report.stats`.
    public func statsReport(_ actor: Actor, format: CoordinatorReportFormat, language: ReportLanguage = .en,
                            toFile path: String? = nil, writing sink: ((Data) throws -> Void)? = nil) throws -> RenderedReport {
        try authorize(actor, .readReports, action: "report.stats")
        return try recordingFailure("report.stats", by: actor, details: ["format": format.rawValue, "lang": language.rawValue]) {
            let report = try read { db in try Self.statsReport(today: today, in: db) }
            let data = try CoordinatorReportRenderer.render(stats: report, as: format, language: language)
            try deliverReport(data, toFile: path, writing: sink, by: actor, audit: AuditEntry(
                action: "report.stats", details: ["format": format.rawValue, "lang": language.rawValue]))
            return RenderedReport(data: data, format: format.rawValue, language: language,
                                  suggestedFileName: "stats-\(language.rawValue).\(format.fileExtension)")
        }
    }

    // MARK: Reading a batch

    static func batchReport(_ code: String, today: CalendarDate, in db: Database) throws -> BatchReport {
        guard let batch = try Row.fetchOne(db, sql: "SELECT * FROM batch WHERE code = ?", arguments: [code]) else {
            throw CaseworkError.noSuchBatch(code)
        }
        let batchID: Int64 = batch["id"]
        let regions = try String.fetchAll(db, sql: "SELECT region FROM batch_region WHERE batch_id = ? ORDER BY region", arguments: [batchID])
        let links = try Row.fetchAll(db, sql: """
            SELECT l.record_id, r.tag, i.reference, p.family_name, p.given_name, l.decided_at
            FROM link l JOIN returned_record r ON r.id = l.record_id JOIN inquiry i ON i.id = l.inquiry_id
            JOIN person p ON p.id = l.person_id
            WHERE l.batch_id = ? AND l.state = 'confirmed' AND r.voided_at IS NULL ORDER BY r.id
            """, arguments: [batchID])
        let referenceOf = Dictionary(links.map { ($0["record_id"] as Int64, $0["reference"] as String) }, uniquingKeysWith: { a, _ in a })
        let rows = try Row.fetchAll(db, sql: """
            SELECT r.id, r.tag, r.kind, r.sex, r.age_min, r.age_max, r.recovery_region, r.recovery_date, r.voided_at,
                   (SELECT e.status FROM identification_event e WHERE e.record_id = r.id AND e.kind = 'change'
                    ORDER BY e.id DESC LIMIT 1) AS last_status
            FROM returned_record r WHERE r.batch_id = ? ORDER BY r.id
            """, arguments: [batchID])
        var records: [BatchReport.Record] = []
        var status: [Int64: IdentificationStatus] = [:]
        var voided = 0
        for row in rows {
            if (row["voided_at"] as String?) != nil { voided += 1; continue }
            let id: Int64 = row["id"]
            let kind = RecordKind(rawValue: row["kind"]) ?? .remains
            let current = (row["last_status"] as String?).flatMap(IdentificationStatus.init).map(IdentificationRules.resulting)
                ?? IdentificationRules.initial(kind)
            status[id] = current
            records.append(BatchReport.Record(
                tag: row["tag"], kind: kind, status: current, sex: row["sex"], ageMin: row["age_min"], ageMax: row["age_max"],
                recoveryRegion: row["recovery_region"], recoveryDate: row["recovery_date"], reference: referenceOf[id]))
        }
        let kinds = Set(records.map(\.kind)).isEmpty ? [batch["kind"] == "remains" ? RecordKind.remains : .returnee] : Set(records.map(\.kind))
        let counts = Dictionary(grouping: records, by: \.status).mapValues(\.count)
        let byStatus = Self.statusOrder(for: kinds).map { BatchReport.StatusCount(status: $0, count: counts[$0] ?? 0) }
        let received: Int? = batch["received_count"]
        let date = CalendarDate(batch["date"] as String)
        // A postponed batch has not been transferred, whatever its date says.
        let transferred = (batch["status"] as String) != "postponed"
        let days = date.map { today.dayNumber - $0.dayNumber }.flatMap { $0 >= 0 && transferred ? $0 : nil }
        return BatchReport(
            code: code, kind: batch["kind"], date: batch["date"], batchStatus: batch["status"], regions: regions,
            receivedCount: received, handedOverCount: batch["handed_over_count"],
            recordsListed: records.count, recordsVoided: voided,
            recordsIdentified: records.filter { IdentificationRules.identifiedStatuses.contains($0.status) }.count,
            awaitingConfirmation: try Self.awaitingConfirmation(batchID: batchID, in: db),
            candidateLinks: try Int.fetchOne(db, sql: "SELECT count(*) FROM link WHERE batch_id = ? AND state = 'candidate'",
                                             arguments: [batchID]) ?? 0,
            daysSinceTransfer: days, preparedOn: today.description, byStatus: byStatus,
            confirmedLinks: links.map { link in
                BatchReport.ConfirmedLink(
                    record: "\(code)/\(link["tag"] as String)", reference: link["reference"],
                    person: "\(link["family_name"] as String) \(link["given_name"] as String)",
                    status: status[link["record_id"]] ?? .received, confirmedOn: String((link["decided_at"] as String).prefix(10)))
            },
            records: records, recordsNotListed: received.map { max(0, $0 - records.count) })
    }

    /// Every status the batch's kinds of record can be in, in the order of the workflow: a
    /// batch of returned prisoners starts at `arrived` and `identity_verified`, before the
    /// statuses it shares with remains.
    static func statusOrder(for kinds: Set<RecordKind>) -> [IdentificationStatus] {
        let returneeStart: [IdentificationStatus] = [.arrived, .identityVerified]
        let workflow = kinds.contains(.remains) ? IdentificationStatus.allCases
            : returneeStart + IdentificationStatus.allCases.filter { !returneeStart.contains($0) }
        return workflow.filter { status in
            status != .revoked && kinds.contains { IdentificationRules.transitions[$0]?[status] != nil }
        }
    }

    /// Records of the batch whose newest identification proposal still waits for confirmations.
    static func awaitingConfirmation(batchID: Int64, in db: Database) throws -> Int {
        let proposed = try Row.fetchAll(db, sql: """
            SELECT DISTINCT r.id, r.kind FROM identification_event e JOIN returned_record r ON r.id = e.record_id
            WHERE r.batch_id = ? AND e.kind = 'proposal' AND r.voided_at IS NULL
            """, arguments: [batchID])
        return try proposed.filter { row in
            try IdentificationLedger.load(recordID: row["id"], kind: RecordKind(rawValue: row["kind"]) ?? .remains, in: db)
                .pendingProposal != nil
        }.count
    }

    // MARK: Reading the statistics

    static func statsReport(today: CalendarDate, in db: Database) throws -> StatsReport {
        var regions: [String: StatsReport.RegionRow] = [:]
        var ages = Self.ageBands.map { StatsReport.AgeBand(fromMonths: $0.from, toMonths: $0.to, count: 0) }
        var inquiries = 0, open = 0
        let cases = try Row.fetchAll(db, sql: """
            SELECT p.last_known_region AS region, i.status, i.received_on FROM inquiry i JOIN person p ON p.id = i.person_id
            """)
        for row in cases {
            let code: String = row["region"]
            let inquiryStatus: String = row["status"]
            var entry = regions[code] ?? StatsReport.RegionRow(
                region: code, regionName: RegionDirectory.standard.region(code: code)?.nameEN ?? code,
                open: 0, linked: 0, resolved: 0, withdrawn: 0, merged: 0, total: 0)
            switch inquiryStatus {
            case "open": entry.open += 1
            case "linked": entry.linked += 1
            case "resolved": entry.resolved += 1
            case "withdrawn": entry.withdrawn += 1
            default: entry.merged += 1
            }
            entry.total += 1
            regions[code] = entry
            inquiries += 1
            guard inquiryStatus == "open" || inquiryStatus == "linked" else { continue }
            open += 1
            if let received = CalendarDate(row["received_on"] as String),
               let band = ages.firstIndex(where: { $0.contains(months: received.monthsUntil(today)) }) {
                ages[band].count += 1
            }
        }

        let identified = try Self.identifiedRecords(in: db)
        var perMonth = Dictionary(grouping: identified, by: { String($0.since.prefix(7)) }).mapValues(\.count)
        if let first = perMonth.keys.min(), let last = perMonth.keys.max() {
            for month in Self.months(from: first, to: last) where perMonth[month] == nil { perMonth[month] = 0 }
        }
        let identifiedByKind = Dictionary(grouping: identified, by: \.batchKind).mapValues(\.count)
        let kinds = try Row.fetchAll(db, sql: """
            SELECT b.kind, count(*) AS batches, sum(b.status = 'postponed') AS postponed,
                   coalesce(sum(b.received_count), 0) AS received, coalesce(sum(b.handed_over_count), 0) AS handed_over,
                   coalesce(sum((SELECT count(*) FROM returned_record r WHERE r.batch_id = b.id AND r.voided_at IS NULL)), 0) AS listed
            FROM batch b GROUP BY b.kind
            """).map { row in
            StatsReport.KindRow(kind: row["kind"], batches: row["batches"], postponed: row["postponed"],
                                received: row["received"], handedOver: row["handed_over"], recordsListed: row["listed"],
                                recordsIdentified: identifiedByKind[row["kind"]] ?? 0)
        }
        let kindOrder = BatchKind.allCases.map(\.rawValue)
        return StatsReport(
            preparedOn: today.description, inquiries: inquiries, openInquiries: open, recordsIdentified: identified.count,
            inquiriesByRegion: regions.values.sorted { ($0.total, $1.region) > ($1.total, $0.region) },
            identificationsByMonth: perMonth.sorted { $0.key < $1.key }.map { StatsReport.MonthCount(month: $0.key, count: $0.value) },
            openCasesByAge: ages,
            batchesByKind: kinds.sorted { (kindOrder.firstIndex(of: $0.kind) ?? 99) < (kindOrder.firstIndex(of: $1.kind) ?? 99) })
    }

    /// Open cases by age: under a month, 1–2, 3–5, 6–11, 12–23 months, two years or more.
    static let ageBands: [(from: Int, to: Int?)] = [(0, 1), (1, 3), (3, 6), (6, 12), (12, 24), (24, nil)]

    /// Every live record whose identification is in effect, with the day it took effect.
    static func identifiedRecords(in db: Database) throws -> [(since: String, batchKind: String)] {
        let changes = try Row.fetchAll(db, sql: """
            SELECT e.record_id, e.status, e.at, b.kind FROM identification_event e
            JOIN returned_record r ON r.id = e.record_id JOIN batch b ON b.id = r.batch_id
            WHERE e.kind = 'change' AND r.voided_at IS NULL ORDER BY e.record_id, e.id
            """)
        var result: [(since: String, batchKind: String)] = []
        var index = changes.startIndex
        while index < changes.endIndex {
            let recordID: Int64 = changes[index]["record_id"]
            var end = index
            while end < changes.endIndex, changes[end]["record_id"] as Int64 == recordID { end += 1 }
            let history = changes[index..<end].map { (IdentificationStatus(rawValue: $0["status"]) ?? .received, $0["at"] as String) }
            if let since = IdentificationLedger.identifiedSince(history) {
                result.append((since, changes[index]["kind"]))
            }
            index = end
        }
        return result
    }

    /// Every month from `first` to `last` (YYYY-MM), both included.
    static func months(from first: String, to last: String) -> [String] {
        guard let start = CalendarDate("\(first)-01"), let end = CalendarDate("\(last)-01") else { return [first, last] }
        var months: [String] = []
        var (year, month) = (start.year, start.month)
        while (year, month) <= (end.year, end.month), months.count < 1200 {
            months.append(String(format: "%04d-%02d", year, month))
            (year, month) = month == 12 ? (year + 1, 1) : (year, month + 1)
        }
        return months
    }
}

extension StatsReport.AgeBand {
    func contains(months: Int) -> Bool {
        months >= fromMonths && toMonths.map { months < $0 } ?? true
    }
}

extension CalendarDate {
    /// Whole months from this day to `later` (0 when `later` is earlier).
    func monthsUntil(_ later: CalendarDate) -> Int {
        let months = (later.year - year) * 12 + (later.month - month) - (later.day < day ? 1 : 0)
        return max(0, months)
    }
}
