import Foundation
import GRDB
import Testing
@testable import HomewardCore

@Suite struct InquiryImportTests {
    static let header = InquiryForm.columns.map(\.name).joined(separator: ",")

    /// A valid row; `index` varies the names and phone.
    static func row(_ index: Int, region: String = "Donetsk", lastSeen: String = "2024-02-15") -> String {
        "Ткаченко\(index),Дмитро,Сергійович,2001-07,m,,47 ОМБр,,\(region),Авдіївка,\(lastSeen),Ткаченко Наталія,мати,+38066\(String(format: "%07d", index)),,uk,yes,2025-03-01,\"note, with comma\""
    }

    func count(_ homeward: Homeward) throws -> (persons: Int, inquiries: Int, audit: Int) {
        try homeward.writer.read { db in
            (try Int.fetchOne(db, sql: "SELECT count(*) FROM person") ?? 0,
             try Int.fetchOne(db, sql: "SELECT count(*) FROM inquiry") ?? 0,
             // A refused import is recorded as failed; only `ok` events are changes.
             try Int.fetchOne(db, sql: "SELECT count(*) FROM audit_event WHERE outcome = 'ok'") ?? 0)
        }
    }

    @Test func validFileIsImportedInOneTransactionWithOneAuditEvent() throws {
        let (homeward, _, olena) = try makeCasework()
        let table = try CSVTable(bytes: csv([Self.header] + (1...250).map { Self.row($0) }, newline: "\r\n", bom: true))
        let before = try count(homeward)
        let summary = try homeward.importInquiries(olena, table: table)
        #expect(summary.rows == 250)
        #expect(summary.firstReference == InquiryReference(year: 2025, number: 1).description)
        #expect(summary.lastReference == InquiryReference(year: 2025, number: 250).description)
        let after = try count(homeward)
        #expect(after.persons - before.persons == 250 && after.inquiries - before.inquiries == 250)
        #expect(after.audit - before.audit == 1)
        let event = try #require(try homeward.auditLog(olena, filter: AuditFilter(action: "inquiry.import")).last)
        #expect(event.details.contains("HW-2025-000001..000250"))
        #expect(try homeward.search(olena, "Tkachenko17 Dmytro").first?.familyName == "Ткаченко17")
    }

    @Test(arguments: [
        ("bad date", "2024-02-31", "date_last_seen"),
        ("unknown region", "Atlantis", "last_known_region"),
    ])
    func oneBadRowAmongThousandsRefusesTheFileAndNamesItsLine(_ label: String, _ value: String, _ column: String) throws {
        let (homeward, _, olena) = try makeCasework()
        var lines = [Self.header] + (1...3000).map { Self.row($0) }
        lines[1777] = column == "date_last_seen" ? Self.row(1777, lastSeen: value) : Self.row(1777, region: value)
        let table = try CSVTable(bytes: csv(lines))
        let before = try count(homeward)
        #expect {
            try homeward.importInquiries(olena, table: table)
        } throws: { error in
            guard case let ImportError.invalidRows(problems, bad, total) = error else { return false }
            return bad == 1 && total == 3000 && problems == [problems[0]] && problems[0].line == 1778 && problems[0].column == column
        }
        #expect(try count(homeward) == before)
    }

    @Test func wrongColumnCountIsNamedByLine() throws {
        let (homeward, _, olena) = try makeCasework()
        var lines = [Self.header] + (1...2000).map { Self.row($0) }
        lines[1500] = "Ткаченко,Дмитро"
        let table = try CSVTable(bytes: csv(lines))
        #expect {
            try homeward.importInquiries(olena, table: table)
        } throws: { error in
            guard case let ImportError.invalidRows(problems, _, _) = error else { return false }
            return problems.first?.line == 1501 && problems.first?.column == nil
        }
    }

    @Test func allBadRowsAreListedUpToTheLimit() throws {
        let (homeward, _, olena) = try makeCasework()
        let lines = [Self.header] + (1...300).map { Self.row($0, lastSeen: "someday") }
        #expect {
            try homeward.importInquiries(olena, table: try CSVTable(bytes: csv(lines)))
        } throws: { error in
            guard case let ImportError.invalidRows(problems, bad, _) = error else { return false }
            return bad == 300 && problems.count == ImportLimits.reportedProblems
        }
    }

    @Test func headerRulesAreEnforcedByName() throws {
        let (homeward, _, olena) = try makeCasework()
        let unknown = try CSVTable(bytes: csv([Self.header + ",shoe_size", Self.row(1) + ",44"]))
        #expect(throws: ImportError.header("unknown column(s) \"shoe_size\"; allowed: \(Self.header)")) {
            try homeward.importInquiries(olena, table: unknown)
        }
        let missing = try CSVTable(bytes: csv(["family_name,given_name,phone", "A,B,+380501234567"]))
        #expect(throws: ImportError.self) { try homeward.importInquiries(olena, table: missing) }
        let noContact = try CSVTable(bytes: csv(["family_name,given_name,last_known_region,date_last_seen,inquirer_name,relationship",
                                                "A,B,UA-14,2024-01-01,C,mother"]))
        #expect(throws: ImportError.header("the header needs at least one of the columns email, phone")) {
            try homeward.importInquiries(olena, table: noContact)
        }
        // Columns in another order, optional ones left out.
        let reordered = try CSVTable(bytes: csv(["relationship,phone,date_last_seen,last_known_region,given_name,inquirer_name,family_name",
                                                "мати,0501234567,2024-01,Kharkov,Сергій,Кравченко Оксана,Кравченко"]))
        #expect(try homeward.importInquiries(olena, table: reordered).rows == 1)
    }

    @Test func dryRunWritesNothingEver() throws {
        let (homeward, _, olena) = try makeCasework()
        let before = try count(homeward)
        let table = try CSVTable(bytes: csv([Self.header] + (1...50).map { Self.row($0) }))
        #expect(try homeward.importInquiries(olena, table: table, dryRun: true).rows == 50)
        #expect(try count(homeward) == before)
    }

    @Test func volunteersCannotImport() throws {
        let (homeward, admin, _) = try makeCasework()
        let vera = try addAndLogin(homeward, admin: admin, name: "vera", role: .volunteer)
        let table = try CSVTable(bytes: csv([Self.header, Self.row(1)]))
        #expect(throws: AccessError.self) { try homeward.importInquiries(vera.actor, table: table) }
    }
}

@Suite struct ImportDuplicateTests {
    @Test func everyPossibleDuplicateNamesItsLineTheReferenceAndWhy() throws {
        let (homeward, _, olena) = try makeCasework()
        let lines = [InquiryImportTests.header] + (1...20).map { InquiryImportTests.row($0) } + [InquiryImportTests.row(3)]
        let table = try CSVTable(bytes: csv(lines))
        let first = try homeward.importInquiries(olena, table: table)
        let third = InquiryReference(year: 2025, number: 3).description
        #expect(first.warnings == [ImportWarning(line: 22, reference: third, reason: "same names and birth date as line 4")])
        let again = try homeward.importInquiries(olena, table: table, dryRun: true)
        #expect(again.warnings.count == 21 && again.moreWarnings == 0)
        #expect(again.warnings[0] == ImportWarning(line: 2, reference: InquiryReference(year: 2025, number: 1).description,
                                                   reason: "same names and birth date"))
        #expect(again.warnings[20] == ImportWarning(line: 22, reference: third, reason: "same names and birth date"))
        #expect(again.warnings[0].description == "line 2 may concern the person of \(InquiryReference(year: 2025, number: 1)) (same names and birth date)")
    }

    @Test func sameServiceNumberIsNamedAndWarningsBeyondTheLimitAreCounted() throws {
        let (homeward, _, olena) = try makeCasework()
        let known = try homeward.addInquiry(olena, shevchenkoForm()).reference
        let rows = (1...150).map { index in
            InquiryImportTests.row(index).replacingOccurrences(of: ",m,,47", with: ",m,ZSU 4471203,47")
        }
        let summary = try homeward.importInquiries(olena, table: try CSVTable(bytes: csv([InquiryImportTests.header] + rows)), dryRun: true)
        #expect(summary.warnings.count == ImportWarnings.listed && summary.moreWarnings == 50)
        #expect(summary.warnings.allSatisfy { $0.reference == known && $0.reason == "same service number" })
        #expect(summary.warnings.map(\.line) == Array(2...101))
    }

    @Test func warningsAreObjectsInJSONWithNullsForWhatIsUnknown() throws {
        let summary = ImportSummary(rows: 1, dryRun: true, warnings: [ImportWarning(reason: "B-2025-001 has no received count")])
        let object = try JSONSerialization.jsonObject(with: try JSONEncoder().encode(summary)) as? [String: Any]
        let warning = try #require((object?["warnings"] as? [[String: Any]])?.first)
        #expect(warning["line"] is NSNull && warning["reference"] is NSNull)
        #expect(warning["reason"] as? String == "B-2025-001 has no received count")
    }
}

@Suite struct StreamingImportRollbackTests {
    /// Rows are written while later rows are still being validated; a bad row in a late slice
    /// must roll back everything already written, including reference numbers.
    @Test func aBadRowAfterThousandsOfWrittenRowsLeavesNothingBehind() throws {
        let (homeward, _, olena) = try makeCasework()
        var lines = [InquiryImportTests.header] + (1...9_000).map { InquiryImportTests.row($0) }
        lines[8_500] = InquiryImportTests.row(8_500, region: "Atlantis")
        lines[8_800] = InquiryImportTests.row(8_800, lastSeen: "2024-13-01")
        let table = try CSVTable(bytes: csv(lines))
        let before = try homeward.writer.read { db in
            try Int.fetchAll(db, sql: "SELECT (SELECT count(*) FROM person) UNION ALL SELECT (SELECT count(*) FROM person_name) UNION ALL SELECT (SELECT count(*) FROM inquiry) UNION ALL SELECT (SELECT count(*) FROM name_key)")
        }
        #expect {
            try homeward.importInquiries(olena, table: table)
        } throws: { error in
            guard case let ImportError.invalidRows(problems, bad, total) = error else { return false }
            return bad == 2 && total == 9_000 && problems.map(\.line) == [8_501, 8_801]
        }
        let after = try homeward.writer.read { db in
            try Int.fetchAll(db, sql: "SELECT (SELECT count(*) FROM person) UNION ALL SELECT (SELECT count(*) FROM person_name) UNION ALL SELECT (SELECT count(*) FROM inquiry) UNION ALL SELECT (SELECT count(*) FROM name_key)")
        }
        #expect(after == before)
        let next = try homeward.addInquiry(olena, shevchenkoForm()).reference
        #expect(next == InquiryReference(year: 2025, number: 1).description)
    }
}

@Suite struct DuplicateLookupTests {
    /// A small file against a larger database looks up only its own service numbers and
    /// birth dates; it must warn exactly as reading every recorded person would.
    @Test func aSmallFileLooksUpItsOwnKeysAndWarnsAsAFullReadWould() throws {
        let (homeward, _, olena) = try makeCasework()
        let known = try homeward.addInquiry(olena, shevchenkoForm()).reference
        let header = InquiryImportTests.header
        _ = try homeward.importInquiries(olena, table: try CSVTable(bytes: csv([header] + (1...60).map { InquiryImportTests.row($0) })))
        let rows = [
            InquiryImportTests.row(3),
            InquiryImportTests.row(61),
            InquiryImportTests.row(3).replacingOccurrences(of: "Ткаченко3,", with: "ТКАЧЕНКО3,"),
            InquiryImportTests.row(62).replacingOccurrences(of: ",m,,47", with: ",m,ZSU 4471203,47"),
            InquiryImportTests.row(61),
        ]
        let table = try CSVTable(bytes: csv([header] + rows))
        let map = try ColumnMap(header: table.header, columns: InquiryForm.columns, required: InquiryForm.requiredColumns,
                                oneOf: ["phone", "email"])
        let today = homeward.today
        let valid = try ValidatedRows.validate(table, map: map, blank: InquiryForm()) { $0.validate(regions: .standard, today: today) }
        let (lookedUp, read) = try homeward.writer.read { db in
            // 61 persons: more than 8 × 1 row, fewer than 8 × 1,000.
            let persons = try Int.fetchOne(db, sql: "SELECT count(*) FROM person") ?? 0
            var lookup = try DuplicateScan(db, rows: 1, persons: persons)
            var full = try DuplicateScan(db, rows: 1_000, persons: persons)
            for (line, inquiry) in valid {
                try lookup.add(line: line, inquiry)
                try full.add(line: line, inquiry)
            }
            return (lookup.warnings.list, full.warnings.list)
        }
        // The first inquiry is the known one, so the file's row 3 got number 4.
        let third = InquiryReference(year: 2025, number: 4).description
        #expect(lookedUp == read)
        #expect(lookedUp == [
            ImportWarning(line: 2, reference: third, reason: "same names and birth date"),
            ImportWarning(line: 4, reference: third, reason: "same names and birth date"),
            ImportWarning(line: 5, reference: "\(known)", reason: "same service number"),
            ImportWarning(line: 6, reference: nil, reason: "same names and birth date as line 3"),
        ])
    }
}
