import CSV
import Foundation
import Testing
@testable import HomewardCore

/// The coordinators' reports: what the batch and statistics reports count, golden files for
/// every format, what they must never show, escaping, layout, audit and access.
@Suite struct CoordinatorReportTests {
    /// The identification fixture with R-1 identified (two people), R-2 under examination and
    /// a second, postponed batch.
    static func identified() throws -> IdentificationFixture {
        let fixture = try IdentificationFixture()
        try fixture.advance(fixture.r1, through: [.examination, .dnaSampled, .matchCandidate, .identified])
        _ = try fixture.homeward.setIdentificationStatus(fixture.olena, record: fixture.r2, to: .examination, IdentificationStep())
        let later = try fixture.homeward.addBatch(fixture.olena, BatchForm(date: "2025-07-01", kind: "pow_exchange", received: 106,
                                                                           handedOver: 100, regions: ["Kursk"])).code
        try fixture.homeward.setBatchStatus(fixture.olena, code: later, status: .postponed, note: "postponed by the other side")
        return fixture
    }

    func batch(_ fixture: IdentificationFixture) throws -> BatchReport {
        try fixture.homeward.read { db in try Homeward.batchReport(fixture.code, today: fixture.homeward.today, in: db) }
    }

    func stats(_ fixture: IdentificationFixture) throws -> StatsReport {
        try fixture.homeward.read { db in try Homeward.statsReport(today: fixture.homeward.today, in: db) }
    }

    // MARK: What the batch report counts

    @Test func theBatchReportCountsRecordsByStatusAgainstWhatWasReceived() throws {
        let report = try batch(try Self.identified())
        let counts = Dictionary(uniqueKeysWithValues: report.byStatus.map { ($0.status, $0.count) })
        #expect(counts[.identified] == 1)
        #expect(counts[.examination] == 1)
        #expect(counts[.received] == 1)
        #expect(report.byStatus.map(\.count).reduce(0, +) == report.recordsListed)
        #expect(!report.byStatus.contains { $0.status == .arrived || $0.status == .revoked }, "remains statuses only")
        #expect(report.recordsListed == 3)
        #expect(report.receivedCount == 3)
        #expect(report.recordsNotListed == 0)
        #expect(report.recordsIdentified == 1)
        #expect(report.daysSinceTransfer == 1)
        #expect(report.awaitingConfirmation == 0)
        let link = try #require(report.confirmedLinks.first)
        #expect(report.confirmedLinks.count == 1)
        #expect(link.record.hasSuffix("/R-1"))
        #expect(link.status == .identified)
        #expect(link.person == "Шевченко Олексій")
    }

    @Test func anIdentificationWaitingForItsSecondPersonIsCountedAsWaiting() throws {
        let fixture = try IdentificationFixture()
        try fixture.advance(fixture.r1, through: [.examination, .dnaSampled, .matchCandidate])
        _ = try fixture.homeward.setIdentificationStatus(fixture.olena, record: fixture.r1, to: .identified, IdentificationStep(method: .dna))
        var report = try batch(fixture)
        #expect(report.awaitingConfirmation == 1)
        #expect(report.recordsIdentified == 0)
        _ = try fixture.homeward.confirmIdentification(fixture.petro, record: fixture.r1)
        report = try batch(fixture)
        #expect(report.awaitingConfirmation == 0)
        #expect(report.recordsIdentified == 1)
    }

    @Test func aVoidedRecordIsNotListedButCounted() throws {
        let fixture = try IdentificationFixture()
        _ = try fixture.homeward.voidRecord(fixture.olena, address: "\(fixture.code)/R-3", reason: "entered twice")
        let report = try batch(fixture)
        #expect(report.recordsListed == 2)
        #expect(report.recordsVoided == 1)
        #expect(report.recordsNotListed == 1)
        #expect(!report.records.contains { $0.tag == "R-3" })
    }

    @Test func aBatchStillToComeHasNoDaysSinceItsTransfer() throws {
        let fixture = try IdentificationFixture()
        let code = try fixture.homeward.addBatch(fixture.olena, BatchForm(date: "2025-12-01", kind: "remains", regions: ["Kherson"])).code
        let report = try fixture.homeward.read { db in try Homeward.batchReport(code, today: fixture.homeward.today, in: db) }
        #expect(report.daysSinceTransfer == nil)
        #expect(report.recordsNotListed == nil, "nothing known was received")
        #expect(report.recordsListed == 0)
        let text = try fixture.homeward.batchReportText(fixture.olena, code, .table, .en)
        #expect(text.contains("Days since transfer: not yet transferred"))
        #expect(text.contains("Received: unknown"))
        #expect(text.contains("No records are listed for this batch yet."))
    }

    // MARK: What the statistics count

    @Test func theStatisticsCountInquiriesIdentificationsAndBatches() throws {
        let fixture = try Self.identified()
        var withdrawn = shevchenkoForm()
        withdrawn.familyName = "Бондар"
        withdrawn.lastKnownRegion = "Luhansk"
        withdrawn.receivedOn = "2023-02-01"
        let reference = try fixture.homeward.addInquiry(fixture.olena, withdrawn).reference
        try fixture.homeward.closeInquiry(fixture.olena, reference: reference, withdrawn: true, reason: "the family asked")
        var old = shevchenkoForm()
        old.familyName = "Мельник"
        old.receivedOn = "2023-01-10"
        _ = try fixture.homeward.addInquiry(fixture.olena, old)

        let report = try stats(fixture)
        #expect(report.inquiries == 3)
        #expect(report.openInquiries == 1, "the identified one is resolved, one withdrawn, one open")
        let donetsk = try #require(report.inquiriesByRegion.first { $0.region == "UA-14" })
        #expect((donetsk.open, donetsk.resolved, donetsk.total) == (1, 1, 2))
        let luhansk = try #require(report.inquiriesByRegion.first { $0.region == "UA-09" })
        #expect((luhansk.withdrawn, luhansk.total) == (1, 1))
        #expect(report.inquiriesByRegion.first?.region == "UA-14", "largest first")
        #expect(report.recordsIdentified == 1)
        #expect(report.identificationsByMonth == [StatsReport.MonthCount(month: "2025-06", count: 1)])
        #expect(report.openCasesByAge.map(\.count) == [0, 0, 0, 0, 0, 1], "the open one was received 29 months ago")
        let remains = try #require(report.batchesByKind.first { $0.kind == "remains" })
        #expect((remains.batches, remains.recordsListed, remains.recordsIdentified, remains.received) == (1, 3, 1, 3))
        let pow = try #require(report.batchesByKind.first { $0.kind == "pow_exchange" })
        #expect((pow.batches, pow.postponed, pow.received, pow.handedOver) == (1, 1, 106, 100))
    }

    @Test func identificationsPerMonthHaveNoGapsAndSkipRevokedOnes() {
        #expect(Homeward.months(from: "2024-11", to: "2025-02") == ["2024-11", "2024-12", "2025-01", "2025-02"])
        #expect(Homeward.months(from: "2025-03", to: "2025-03") == ["2025-03"])
        let t = "T00:00:00Z"
        let kept: [(status: IdentificationStatus, at: String)] = [
            (.examination, "2025-01-02\(t)"), (.identified, "2025-02-03\(t)"), (.familyNotified, "2025-04-01\(t)"),
        ]
        #expect(IdentificationLedger.identifiedSince(kept) == "2025-02-03")
        let revoked = kept + [(.revoked, "2025-05-01\(t)")]
        #expect(IdentificationLedger.identifiedSince(revoked) == nil)
        let again = revoked + [(.identified, "2025-07-09\(t)")]
        #expect(IdentificationLedger.identifiedSince(again) == "2025-07-09")
        #expect(IdentificationLedger.identifiedSince([(.identityVerified, "2025-03-01\(t)")]) == "2025-03-01")
        #expect(IdentificationLedger.identifiedSince([]) == nil)
    }

    /// Property: every open case falls in exactly one age band, whatever the dates.
    @Test func everyOpenCaseFallsInExactlyOneAgeBand() {
        var random = SeededGenerator(seed: 31)
        let bands = Homeward.ageBands.map { StatsReport.AgeBand(fromMonths: $0.from, toMonths: $0.to, count: 0) }
        for _ in 0..<2_000 {
            let received = CalendarDate(year: Int.random(in: 2014...2026, using: &random), month: Int.random(in: 1...12, using: &random),
                                        day: Int.random(in: 1...28, using: &random))!
            let today = CalendarDate(year: Int.random(in: 2014...2027, using: &random), month: Int.random(in: 1...12, using: &random),
                                     day: Int.random(in: 1...28, using: &random))!
            let months = received.monthsUntil(today)
            #expect(months >= 0)
            #expect(bands.filter { $0.contains(months: months) }.count == 1, "\(received) → \(today)")
            if received <= today {
                #expect(today.dayNumber - received.dayNumber >= months * 28, "\(received) → \(today): \(months) months")
            }
        }
    }

    // MARK: Golden files

    static let cases: [(ReportLanguage, CoordinatorReportFormat)] =
        CoordinatorReportFormat.allCases.map { (.en, $0) } + [(.uk, .table), (.ru, .table), (.uk, .html)]

    @Test(arguments: cases)
    func theBatchReportMatchesItsGoldenFile(_ language: ReportLanguage, _ format: CoordinatorReportFormat) throws {
        let fixture = try Self.identified()
        let text = try fixture.homeward.batchReportText(fixture.olena, fixture.code, format, language)
        let name = "batch-\(language.rawValue).\(format.fileExtension)"
        #expect(try checkGolden(text, name), "differs from Golden/\(name); rerun with HOMEWARD_RECORD_GOLDEN=1 and review")
    }

    @Test(arguments: cases)
    func theStatisticsMatchTheirGoldenFile(_ language: ReportLanguage, _ format: CoordinatorReportFormat) throws {
        let fixture = try Self.identified()
        let text = try fixture.homeward.statsReportText(fixture.olena, format, language)
        let name = "stats-\(language.rawValue).\(format.fileExtension)"
        #expect(try checkGolden(text, name), "differs from Golden/\(name); rerun with HOMEWARD_RECORD_GOLDEN=1 and review")
    }

    // MARK: What they never show

    /// Families' contact details and staff names never reach a coordinator report either.
    @Test func noContactDetailsOrStaffNamesReachAnyCoordinatorReport() throws {
        let fixture = try Self.identified()
        var form = shevchenkoForm()
        form.familyName = "Коваль"
        form.inquirerName = "Zqinquirer Marker"
        form.relationship = "ZQRELATION"
        form.phone = "067 765 43 21"
        form.email = "zq.family@example.org"
        form.notes = "ZQNOTES"
        let reference = try fixture.homeward.addInquiry(fixture.olena, form).reference
        _ = try fixture.homeward.recordContact(fixture.olena, reference: reference, channel: .phone, note: "ZQCONTACT called")
        let markers = ["ZQ", "Zq", "zq", "067", "765 43 21", "+38067", "050 123", "+38050", "Марія", "мати",
                       "olena", "petro", "vera", "audra", "near Bakhmut", "cross, watch", "ЗСУ-"]
        for language in ReportLanguage.allCases {
            for format in CoordinatorReportFormat.allCases {
                let texts = [try fixture.homeward.batchReportText(fixture.olena, fixture.code, format, language),
                             try fixture.homeward.statsReportText(fixture.olena, format, language)]
                for text in texts {
                    for marker in markers where text.contains(marker) {
                        Issue.record("\(language) \(format) report contains \(marker)")
                    }
                }
            }
        }
    }

    @Test func htmlAndTemplateSyntaxComeOutEscapedAndCSVCellsCannotRunAsFormulas() throws {
        let (homeward, _, olena) = try makeCasework()
        _ = try homeward.addInquiry(olena, shevchenkoForm())
        let hostile = "<b onmouseover=\"x\">{{x}}"
        let code = try homeward.addBatch(olena, BatchForm(date: "2025-06-14", kind: "remains", regions: ["Donetsk"])).code
        _ = try homeward.importManifest(olena, code: code, table: try CSVTable(bytes: csv([
            MatchingFixture.manifestHeader,
            "\"=HYPERLINK(\"\"x\"\")\",remains,Шевченко Олексій,,male,25,35,Donetsk,,2025-05-02,,",
            "\"\(hostile.replacingOccurrences(of: "\"", with: "\"\""))\",remains,Шевченко Олексій,,male,25,35,Donetsk,,2025-05-02,,",
        ])))
        _ = try homeward.matchBatch(olena, code: code, minScore: -99, save: true)
        let links = try homeward.links(olena, batch: code)
        let link = try #require(links.first { $0.record?.hasSuffix(hostile) == true })
        _ = try homeward.confirmLink(olena, id: link.id)
        for language in ReportLanguage.allCases {
            let html = try homeward.batchReportText(olena, code, .html, language)
            #expect(!html.contains("<b "))
            #expect(html.contains("&lt;b onmouseover=&quot;x&quot;&gt;{{x}}"))
        }
        let data = try homeward.batchReport(olena, code: code, format: .csv).data
        let reader = try CSVReader(string: String(decoding: data, as: UTF8.self), hasHeaderRow: true)
        var records: [String] = []
        while let row = reader.next() { records.append(row[0]) }
        #expect(records.contains("\(code)/=HYPERLINK(\"x\")"), "a cell starting with the batch code is safe as it is")
        #expect(records.contains("\(code)/\(hostile)"))
        #expect(CoordinatorReportRenderer.spreadsheetSafe("=1+1") == "'=1+1")
        #expect(CoordinatorReportRenderer.spreadsheetSafe("-2") == "'-2")
        #expect(CoordinatorReportRenderer.spreadsheetSafe("@SUM(A1)") == "'@SUM(A1)")
        #expect(CoordinatorReportRenderer.spreadsheetSafe("B-2025-001/R-1") == "B-2025-001/R-1")
    }

    @Test func theHTMLPageIsSelfContainedWithInlineCharts() throws {
        let fixture = try Self.identified()
        for html in [try fixture.homeward.statsReportText(fixture.olena, .html, .uk),
                     try fixture.homeward.batchReportText(fixture.olena, fixture.code, .html, .uk)] {
            #expect(html.contains("<svg"))
            #expect(html.contains("role=\"img\""))
            for external in ["<script", "src=", "href=", "@import", "url(", "<link", "<img"] {
                #expect(!html.contains(external), "no external resources or scripts: \(external)")
            }
        }
        let stats = try fixture.homeward.statsReportText(fixture.olena, .html, .uk)
        #expect(stats.contains("Донецька область"), "labels in the chosen language")
        #expect(stats.contains("Ідентифікації за місяцями"))
        let template = ReportTemplates.sources["coordinator.html"] ?? ""
        #expect(!template.contains("CONTENT_TYPE"), "HTML keeps the default, escaping content type")
    }

    @Test func everyLineOfTheTablesFitsEightyColumns() throws {
        let fixture = try Self.identified()
        for language in ReportLanguage.allCases {
            for text in [try fixture.homeward.batchReportText(fixture.olena, fixture.code, .table, language),
                         try fixture.homeward.statsReportText(fixture.olena, .table, language)] {
                for line in text.split(separator: "\n") where line.count > 80 {
                    Issue.record("\(language): \(line.count) columns: \(line.prefix(40))…")
                }
            }
        }
        let lines = TextColumns.lines(header: ["name", "n"], rows: [[String(repeating: "ж", count: 200), "12345"]], numeric: [1], width: 80)
        #expect(lines.allSatisfy { $0.count <= 80 })
        #expect(lines[2].hasSuffix("…  12345"))
    }

    // MARK: Audit and access

    @Test func everyReportIsAuditedWithFormatAndLanguage() throws {
        let fixture = try Self.identified()
        _ = try fixture.homeward.batchReport(fixture.auditor, code: fixture.code, format: .csv, language: .uk)
        let batch = try #require(try fixture.lastAudit("report.batch"))
        #expect((batch.outcome, batch.actorName, batch.entityID) == (.ok, "audra", fixture.code))
        #expect(batch.details.contains("\"format\":\"csv\"") && batch.details.contains("\"lang\":\"uk\""))
        _ = try fixture.homeward.statsReport(fixture.admin, format: .html)
        let stats = try #require(try fixture.lastAudit("report.stats"))
        #expect(stats.outcome == .ok)
        #expect(stats.details.contains("\"format\":\"html\""))
    }

    @Test func volunteersGetNoCoordinatorReports() throws {
        let fixture = try Self.identified()
        #expect(throws: AccessError.self) { try fixture.homeward.batchReport(fixture.vera, code: fixture.code, format: .table) }
        #expect(try fixture.lastAudit("report.batch")?.outcome == .denied)
        #expect(throws: AccessError.self) { try fixture.homeward.statsReport(fixture.vera, format: .json) }
        #expect(try fixture.lastAudit("report.stats")?.outcome == .denied)
    }

    @Test func anUnknownOrMalformedBatchIsNamed() throws {
        let fixture = try IdentificationFixture()
        #expect(throws: CaseworkError.noSuchBatch("B-2025-999")) {
            try fixture.homeward.batchReport(fixture.olena, code: "b-2025-999", format: .table)
        }
        #expect(throws: CaseworkError.self) { try fixture.homeward.batchReport(fixture.olena, code: "2025/1", format: .table) }
    }
}

extension Homeward {
    func batchReportText(_ actor: Actor, _ code: String, _ format: CoordinatorReportFormat, _ language: ReportLanguage) throws -> String {
        String(decoding: try batchReport(actor, code: code, format: format, language: language).data, as: UTF8.self)
    }

    func statsReportText(_ actor: Actor, _ format: CoordinatorReportFormat, _ language: ReportLanguage) throws -> String {
        String(decoding: try statsReport(actor, format: format, language: language).data, as: UTF8.self)
    }
}
