import Foundation
import GRDB
import Testing
@testable import HomewardCore

/// The family report: golden files for every language and format, what it must never say,
/// escaping, layout, status wording, audit and access.
@Suite struct FamilyReportTests {
    /// A case still under examination (its link to R-1 confirmed, nothing identified).
    static func searching() throws -> IdentificationFixture {
        let fixture = try IdentificationFixture()
        try setCentre(fixture.homeward, admin: fixture.admin)
        return fixture
    }

    static let cases: [(ReportLanguage, FamilyReportFormat)] = ReportLanguage.allCases.flatMap { language in
        FamilyReportFormat.allCases.map { (language, $0) }
    }

    @Test(arguments: cases)
    func aSearchStillOngoingMatchesItsGoldenFile(_ language: ReportLanguage, _ format: FamilyReportFormat) throws {
        let fixture = try Self.searching()
        let text = try fixture.homeward.familyReportText(fixture.olena, fixture.reference, format, language)
        #expect(try checkGolden(text, "searching-\(language.rawValue).\(format.rawValue)"),
                "differs from Golden/searching-\(language.rawValue).\(format.rawValue); rerun with HOMEWARD_RECORD_GOLDEN=1 and review")
    }

    @Test(arguments: cases)
    func anIdentificationMatchesItsGoldenFile(_ language: ReportLanguage, _ format: FamilyReportFormat) throws {
        let fixture = try Self.searching()
        try fixture.advance(fixture.r1, through: [.examination, .dnaSampled, .matchCandidate, .identified])
        let text = try fixture.homeward.familyReportText(fixture.olena, fixture.reference, format, language)
        #expect(try checkGolden(text, "identified-\(language.rawValue).\(format.rawValue)"),
                "differs from Golden/identified-\(language.rawValue).\(format.rawValue); rerun with HOMEWARD_RECORD_GOLDEN=1 and review")
    }

    @Test func theLanguageDefaultsToTheInquirysPreferredOne() throws {
        let fixture = try Self.searching()
        let english = try fixture.homeward.addInquiry(fixture.olena, { var form = shevchenkoForm(); form.language = "en"
                                                                     form.familyName = "Бондар"; return form }()).reference
        let report = try fixture.homeward.familyReport(fixture.olena, reference: english, format: .json)
        #expect(report.language == .en)
        #expect(try fixture.homeward.familyReport(fixture.olena, reference: fixture.reference, format: .json).language == .uk)
    }

    // MARK: What a family is told

    func status(_ fixture: IdentificationFixture, _ reference: String? = nil) throws -> FamilyReport.Status? {
        let data = try fixture.homeward.familyReport(fixture.olena, reference: reference ?? fixture.reference, format: .json).data
        let object = try JSONSerialization.jsonObject(with: data) as? [String: Any]
        return (object?["status"] as? String).flatMap(FamilyReport.Status.init)
    }

    @Test func aProposalWaitingForItsSecondPersonIsNotNews() throws {
        let fixture = try Self.searching()
        try fixture.advance(fixture.r1, through: [.examination, .dnaSampled, .matchCandidate])
        _ = try fixture.homeward.setIdentificationStatus(fixture.olena, record: fixture.r1, to: .identified, IdentificationStep(method: .dna))
        #expect(try status(fixture) == .searchOngoing)
        _ = try fixture.homeward.confirmIdentification(fixture.petro, record: fixture.r1)
        #expect(try status(fixture) == .identified)
    }

    @Test func aRevokedIdentificationIsASearchAgain() throws {
        let fixture = try Self.searching()
        try fixture.advance(fixture.r1, through: [.examination, .dnaSampled, .matchCandidate, .identified, .revoked])
        #expect(try status(fixture) == .searchOngoing)
    }

    @Test func theIdentificationDateIsTheDayItTookEffectAndStaysThroughNotification() throws {
        let clock = TestClock()
        let fixture = try IdentificationFixture(clock: clock)
        try setCentre(fixture.homeward, admin: fixture.admin)
        try fixture.advance(fixture.r1, through: [.examination, .dnaSampled, .matchCandidate, .identified])
        let identifiedOn = String(Timestamp.text(clock.now).prefix(10))
        clock.advance(5 * 86_400)
        try fixture.advance(fixture.r1, through: [.familyNotified])
        let report = try JSONDecoder().decode(FamilyReport.self, from: try fixture.homeward.familyReport(
            fixture.olena, reference: fixture.reference, format: .json).data)
        #expect(report.status == .identified)
        #expect(report.statusDate == identifiedOn)
        #expect(report.authority?.name == "Бюро судово-медичної експертизи (вигадане)")
    }

    @Test func aWithdrawnOrClosedInquiryIsToldSo() throws {
        let fixture = try Self.searching()
        try fixture.homeward.closeInquiry(fixture.olena, reference: fixture.reference, withdrawn: true, reason: "the family asked")
        #expect(try status(fixture) == .withdrawn)
        let other = try fixture.homeward.addInquiry(fixture.olena, { var form = shevchenkoForm(); form.familyName = "Бондар"; return form }())
        try fixture.homeward.closeInquiry(fixture.olena, reference: other.reference, withdrawn: false, reason: "ZQREASON found by another centre")
        #expect(try status(fixture, other.reference) == .closed)
        #expect(!(try fixture.homeward.familyReportText(fixture.olena, other.reference, .txt)).contains("ZQREASON"))
    }

    @Test func theDNAStepSaysOnlyThatASampleWasTaken() throws {
        let fixture = try Self.searching()
        try fixture.homeward.write { db in
            try db.execute(sql: "UPDATE person SET dna_reference_status = 'profiled'")
        }
        let text = try fixture.homeward.familyReportText(fixture.olena, fixture.reference, .txt, .en)
        #expect(text.contains("A reference sample was taken."))
        #expect(!text.contains("profiled"))
        #expect(!text.contains("would help identification"))
    }

    // MARK: What a family is never told

    /// Markers planted everywhere a report must not reach: internal notes, contact-log
    /// entries, a candidate link and its score and reasons, the manifest's notes, staff names,
    /// another family's inquiry about the same person, identification evidence and notes.
    @Test func nothingInternalReachesAnyFamilyReport() throws {
        let clock = TestClock()
        let (homeward, admin, _) = try makeCasework(clock: clock)
        try setCentre(homeward, admin: admin)
        let staff = try addAndLogin(homeward, admin: admin, name: "zqstaffmarker", role: .coordinator).actor
        let second = try addAndLogin(homeward, admin: admin, name: "zqsecondmarker", role: .coordinator).actor
        var form = shevchenkoForm()
        form.notes = "ZQNOTEMARKER internal"
        let reference = try homeward.addInquiry(staff, form).reference
        _ = try homeward.recordContact(staff, reference: reference, channel: .phone, note: "ZQCONTACTMARKER called")
        var other = shevchenkoForm()
        other.inquirerName = "Zqotherfamily Inquirer"
        other.relationship = "ZQOTHERRELATION"
        other.phone = "067 765 43 21"
        other.notes = "ZQOTHERNOTES"
        _ = try homeward.addInquiry(staff, other)
        let code = try homeward.addBatch(staff, BatchForm(date: "2025-06-14", kind: "remains", regions: ["Donetsk"])).code
        _ = try homeward.importManifest(staff, code: code, table: try CSVTable(bytes: csv([
            MatchingFixture.manifestHeader,
            "R-1,remains,Шевченко Олексій,ЗСУ-4471203,male,25,35,Donetsk,ZQPLACEMARKER,2025-05-02,ZQEFFECTSMARKER,ZQRECORDNOTEMARKER",
            "R-2,remains,Шевченко Олекс,,male,25,35,Donetsk,,2025-05-02,,ZQCANDIDATEMARKER",
        ])))
        _ = try homeward.matchBatch(staff, code: code, minScore: -99, save: true)
        let links = try homeward.links(staff, batch: code)
        let confirmed = try #require(links.first { $0.record == "\(code)/R-1" })
        _ = try homeward.confirmLink(staff, id: confirmed.id)
        let record = "\(code)/R-1"
        for step in [IdentificationStatus.examination, .dnaSampled, .matchCandidate] {
            _ = try homeward.setIdentificationStatus(staff, record: record, to: step, IdentificationStep(note: "ZQSTEPNOTE"))
        }
        _ = try homeward.setIdentificationStatus(staff, record: record, to: .identified,
                                                 IdentificationStep(method: .dna, evidence: "ZQLABMARKER sample 42", note: "ZQIDNOTE"))
        _ = try homeward.confirmIdentification(second, record: record)
        let scores = links.map { String(format: "%.2f", $0.score) } + links.map { String(format: "%.1f", $0.score) }
        let markers = ["ZQ", "Zq", "zq", "dna", "DNA-", "sample 42", "candidate", "R-2", "R-1", code, "olena", "alice",
                       "067", "765 43 21", "050 123", "+38050"] + links.flatMap(\.reasons)
        for language in ReportLanguage.allCases {
            for format in FamilyReportFormat.allCases {
                let rendered = try homeward.familyReportText(staff, reference, format, language)
                // The JSON field that says whether a reference sample was taken is named so.
                let text = format == .json ? rendered.replacingOccurrences(of: "\"dna_reference\"", with: "") : rendered
                for marker in markers where text.contains(marker) {
                    Issue.record("\(language) \(format) report contains \(marker)")
                }
                for score in scores where score.count > 3 && text.contains(score) {
                    Issue.record("\(language) \(format) report contains a score \(score)")
                }
            }
        }
    }

    // MARK: Escaping and layout

    @Test func htmlAndTemplateSyntaxInEveryFieldComesOutEscaped() throws {
        let (homeward, admin, olena) = try makeCasework()
        try setCentre(homeward, admin: admin)
        try homeward.setSetting(admin, key: "centre.name", value: "<script>alert('c')</script> {{centre}}")
        let hostile = "<script>alert(\"x\")</script> {{x}} {{{y}}} {{>z}} \"q\" 'a' & <b>"
        var form = shevchenkoForm()
        form.familyName = "Шевченко<img src=x onerror=alert(1)>"
        form.givenName = "{{#person}}Олексій{{/person}}"
        form.patronymic = "\"Петрович\""
        form.unit = hostile
        form.rank = hostile
        form.lastKnownPlace = hostile
        form.circumstances = hostile
        form.distinguishingFeatures = hostile
        form.inquirerName = "Шевченко </td></tr></table><script>"
        form.relationship = "мати {{x}}"
        let reference = try homeward.addInquiry(olena, form).reference
        for language in ReportLanguage.allCases {
            let html = try homeward.familyReportText(olena, reference, .html, language)
            #expect(!html.contains("<script"), "\(language)")
            #expect(!html.contains("<img"), "\(language)")
            #expect(!html.contains("<b>"), "\(language)")
            #expect(!html.contains("</td></tr></table>"), "\(language)")
            #expect(html.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; {{x}} {{{y}}} {{&gt;z}} &quot;q&quot; &#39;a&#39; &amp; &lt;b&gt;"))
            #expect(html.contains("{{#person}}Олексій{{/person}}"), "template syntax in a value is printed, never run")
            #expect(html.contains("&lt;script&gt;alert(&#39;c&#39;)&lt;/script&gt; {{centre}}") || language == .en || language == .ru)
            let text = try homeward.familyReportText(olena, reference, .txt, language)
            #expect(text.contains("{{x}}"))
        }
    }

    @Test func theTemplatesNeverTurnEscapingOff() {
        for template in ReportTemplates.sources.values {
            #expect(!template.contains("{{{"))
            #expect(!template.contains("{{&"))
        }
        let html = ReportTemplates.sources["family.html"] ?? ""
        #expect(!html.contains("CONTENT_TYPE"), "HTML keeps the default, escaping content type")
        for external in ["<script", "src=", "href=", "@import", "url(", "<link"] {
            #expect(!html.contains(external), "no external resources or scripts: \(external)")
        }
    }

    @Test func everyLineOfTheTextReportFitsEightyColumns() throws {
        var generator = SeededGenerator(seed: 9)
        for _ in 0..<12 {
            let (homeward, admin, olena) = try makeCasework()
            try setCentre(homeward, admin: admin)
            let words = (0..<Int.random(in: 20...60, using: &generator)).map { _ in
                String(repeating: "ш", count: Int.random(in: 1...95, using: &generator))
            }
            var form = shevchenkoForm()
            form.circumstances = words.joined(separator: " ")
            form.distinguishingFeatures = words.shuffled(using: &generator).joined(separator: " ")
            form.lastKnownPlace = String(words.joined(separator: "-").prefix(200))
            try homeward.setSetting(admin, key: "centre.name", value: String(words.joined(separator: " ").prefix(200)))
            try homeward.setSetting(admin, key: "centre.address", value: String(words.joined(separator: ", ").prefix(500)))
            let reference = try homeward.addInquiry(olena, form).reference
            for language in ReportLanguage.allCases {
                let text = try homeward.familyReportText(olena, reference, .txt, language)
                for line in text.split(separator: "\n") where line.count > 80 {
                    Issue.record("\(language): \(line.count) columns: \(line.prefix(40))…")
                }
                #expect(text.contains(String(words[0].prefix(10))))
            }
        }
    }

    @Test func everyLanguageTableHasEveryPhrase() {
        let english = Set(ReportStrings[.en].table.keys)
        for language in ReportLanguage.allCases {
            let keys = Set(ReportStrings[language].table.keys)
            #expect(keys == english, "\(language): missing \(english.subtracting(keys).sorted()), extra \(keys.subtracting(english).sorted())")
            for (key, phrase) in ReportStrings[language].table {
                let placeholders = Set(phrase.matches(of: /\{[a-z]+\}/).map { String($0.output) })
                let expected = Set((ReportStrings[.en].table[key] ?? "").matches(of: /\{[a-z]+\}/).map { String($0.output) })
                #expect(placeholders == expected, "\(language) \(key)")
            }
        }
    }

    // MARK: Audit, settings, access

    @Test func everyExportIsAuditedWithFormatAndLanguageButNotItsContent() throws {
        let fixture = try Self.searching()
        _ = try fixture.homeward.familyReport(fixture.olena, reference: fixture.reference, format: .html, language: .en)
        let event = try #require(try fixture.lastAudit("report.family"))
        #expect(event.outcome == .ok)
        #expect(event.actorName == "olena")
        #expect(event.entityID == fixture.reference)
        #expect(event.details.contains("\"format\":\"html\""))
        #expect(event.details.contains("\"lang\":\"en\""))
        #expect(!event.details.contains("Шевченко"))
    }

    @Test func withoutTheCentresNameAndPhoneThereIsNoReport() throws {
        let fixture = try IdentificationFixture()
        #expect(throws: SettingsError.missing(["centre.name", "centre.phone"])) {
            try fixture.homeward.familyReport(fixture.olena, reference: fixture.reference, format: .txt)
        }
        try fixture.homeward.setSetting(fixture.admin, key: "centre.name", value: "Centre")
        #expect(throws: SettingsError.missing(["centre.phone"])) {
            try fixture.homeward.familyReport(fixture.olena, reference: fixture.reference, format: .txt)
        }
        #expect(try fixture.lastAudit("report.family")?.outcome == .failed)
    }

    @Test func onlyCoordinatorsExportFamilyReports() throws {
        let fixture = try Self.searching()
        for actor in [fixture.admin, fixture.vera, fixture.auditor] {
            #expect(throws: AccessError.self) {
                try fixture.homeward.familyReport(actor, reference: fixture.reference, format: .txt)
            }
            #expect(try fixture.lastAudit("report.family")?.outcome == .denied)
        }
    }

    @Test func anUnknownInquiryIsNamed() throws {
        let fixture = try Self.searching()
        let unknown = InquiryReference(year: 2025, number: 999_999).description
        #expect(throws: CaseworkError.noSuchInquiry(unknown)) {
            try fixture.homeward.familyReport(fixture.olena, reference: unknown, format: .txt)
        }
    }
}
