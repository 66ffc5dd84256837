import Foundation
import GRDB
import Testing
@testable import HomewardCore

/// `inquiry history`: one case from first call to identification, in order, without contact details.
@Suite struct InquiryHistoryTests {
    /// Marker text planted where the timeline must not reach.
    static let markers = ["Шевченко Марія", "maria.shevchenko@example.org", "380501234567", "050 123 45 67",
                          "INTERNAL-NOTE-MARKER", "CONTACT-NOTE-MARKER", "EVIDENCE-MARKER", "IDENT-NOTE-MARKER"]

    struct Case {
        let f: MatchingFixture
        let clock: TestClock
        let reference: String
        let code: String
        var r1: String { "\(code)/R-1" }
    }

    /// Received, edited (unit and e-mail), a contact, matched, linked, examined, identified (four-eyes).
    func wholeCase() throws -> Case {
        let clock = TestClock()
        let f = try MatchingFixture(clock: clock)
        let reference = try f.inquiry { $0.notes = "INTERNAL-NOTE-MARKER" }
        clock.advance(60)
        var changes = InquiryForm()
        changes.unit = "72 brigade"
        changes.email = "maria.shevchenko@example.org"
        try f.homeward.updateInquiry(f.olena, reference: reference, changes: changes)
        clock.advance(60)
        _ = try f.homeward.recordContact(f.olena, reference: reference, channel: .phone,
                                         note: "CONTACT-NOTE-MARKER called Шевченко Марія on 050 123 45 67", outcome: .reached)
        clock.advance(60)
        let code = try f.batch(rows: ["R-1,remains,Шевченко Олексій,ЗСУ-4471203,male,25,35,Donetsk,,2024-08-01,,"])
        _ = try f.homeward.matchBatch(f.olena, code: code, save: true)
        clock.advance(60)
        let link = try #require(try f.link("\(code)/R-1", reference))
        _ = try f.homeward.confirmLink(f.olena, id: link.id)
        clock.advance(60)
        let r1 = "\(code)/R-1"
        _ = try f.homeward.setIdentificationStatus(f.olena, record: r1, to: .examination, IdentificationStep(note: "IDENT-NOTE-MARKER"))
        clock.advance(60)
        _ = try f.homeward.setIdentificationStatus(f.olena, record: r1, to: .identified,
                                                   IdentificationStep(method: .dna, evidence: "EVIDENCE-MARKER"))
        clock.advance(60)
        _ = try f.homeward.confirmIdentification(f.petro, record: r1)
        return Case(f: f, clock: clock, reference: reference, code: code)
    }

    @Test func aCaseReadsInOrderFromReceivedToIdentified() throws {
        let c = try wholeCase()
        let history = try c.f.homeward.inquiryHistory(c.f.auditor, reference: c.reference)
        let lines = history.map { "\($0.kind.rawValue) | \($0.by ?? "-") | \($0.summary)" }
        let link = try #require(try c.f.link(c.r1, c.reference)).id
        let score = String(format: "%.2f", try #require(try c.f.link(c.r1, c.reference)).score)
        #expect(lines == [
            "received | olena | inquiry received 2025-01-14 (hotline), logged",
            "edit | olena | edited: unit, email",
            "contact | olena | contact by phone: reached",
            "candidate | olena | candidate \(c.r1) proposed, link \(link) (score \(score))",
            "link | olena | link \(link) confirmed: \(c.r1) (score \(score)); inquiry open → linked",
            "identification | olena | \(c.r1): examination",
            "identification | olena | \(c.r1): identified proposed (dna), proposal \(history[6].details["event"] ?? "?")",
            "identification | petro | \(c.r1): proposal \(history[6].details["event"] ?? "?") confirmed",
            "identification | petro | \(c.r1): identified in effect (proposal \(history[6].details["event"] ?? "?"))",
            "status | petro | inquiry linked → resolved: \(c.r1) identified",
        ], "\(lines.joined(separator: "\n"))")
        #expect(history.map(\.at) == history.map(\.at).sorted())
        #expect(history[1].details["fields"] == "unit,email" && history[1].auditSeq != nil)
        #expect(history[2].details == ["channel": "phone", "outcome": "reached"] && history[2].auditSeq == nil)
        #expect(history[6].details["method"] == "dna" && history[6].details["record"] == c.r1)
    }

    @Test func noContactDetailsNotesOrEvidenceReachTheTimeline() throws {
        let c = try wholeCase()
        for actor in [c.f.olena, c.f.auditor] {
            let history = try c.f.homeward.inquiryHistory(actor, reference: c.reference)
            let encoded = String(decoding: try JSONEncoder().encode(history), as: UTF8.self)
            let text = history.map { "\($0.summary) \($0.details) \($0.by ?? "")" }.joined(separator: "\n") + encoded
            for marker in Self.markers {
                #expect(!text.contains(marker), "\(marker)")
            }
            #expect(!text.contains("+380") && !text.contains("@"))
        }
    }

    @Test func aFamilyReportExportIsInTheTimeline() throws {
        let c = try wholeCase()
        c.clock.advance(60)
        // As the family report audits its exports.
        try c.f.homeward.write { db in
            try c.f.homeward.audit(AuditEntry(action: "report.family", entityType: "inquiry", entityID: c.reference,
                                              details: ["format": "html", "lang": "uk"]), by: c.f.olena, in: db)
        }
        let last = try #require(try c.f.homeward.inquiryHistory(c.f.olena, reference: c.reference).last)
        #expect(last.kind == .report && last.summary == "family report exported (html, uk)" && last.by == "olena")
        #expect(last.details["format"] == "html" && last.details["lang"] == "uk" && last.details["action"] == "report.family")
    }

    @Test func mergesShowOnBothInquiriesAndUnmergesToo() throws {
        let clock = TestClock()
        let f = try MatchingFixture(clock: clock)
        let kept = try f.inquiry()
        let merged = try f.inquiry { $0.relationship = "батько" }
        clock.advance(60)
        try f.homeward.mergeInquiry(f.olena, reference: merged, into: kept)
        clock.advance(60)
        try f.homeward.unmergeInquiry(f.olena, reference: merged)
        let mine = try f.homeward.inquiryHistory(f.olena, reference: merged).filter { $0.kind == .merge }.map(\.summary)
        let theirs = try f.homeward.inquiryHistory(f.olena, reference: kept).filter { $0.kind == .merge }.map(\.summary)
        #expect(mine == ["merged into \(kept)", "unmerged from \(kept)"])
        #expect(theirs == ["\(merged) merged into this inquiry", "\(merged) unmerged from this inquiry"])
    }

    @Test func statusChangesAndContactReadsAreListed() throws {
        let clock = TestClock()
        let f = try MatchingFixture(clock: clock)
        let reference = try f.inquiry()
        clock.advance(60)
        _ = try f.homeward.inquiry(f.auditor, reference: reference)
        clock.advance(60)
        try f.homeward.closeInquiry(f.olena, reference: reference, withdrawn: true, reason: "family found him")
        clock.advance(60)
        try f.homeward.reopenInquiry(f.olena, reference: reference, reason: "new information")
        let lines = try f.homeward.inquiryHistory(f.olena, reference: reference).map { "\($0.by ?? "-"): \($0.summary)" }
        #expect(lines == ["olena: inquiry received 2025-01-14 (hotline), logged", "audra: contact details read",
                          "olena: withdrawn (open → withdrawn)", "olena: reopened (withdrawn → open)"])
    }

    @Test func aCandidateWithdrawnByAVoidedRecordSaysSo() throws {
        let clock = TestClock()
        let f = try MatchingFixture(clock: clock)
        let reference = try f.inquiry()
        let code = try f.batch(rows: ["R-1,remains,Шевченко Олексій,ЗСУ-4471203,male,25,35,Donetsk,,2024-08-01,,"])
        _ = try f.homeward.matchBatch(f.olena, code: code, save: true)
        clock.advance(60)
        _ = try f.homeward.voidRecord(f.olena, address: "\(code)/R-1", reason: "entered twice")
        let link = try #require(try f.link("\(code)/R-1", reference)).id
        let last = try #require(try f.homeward.inquiryHistory(f.olena, reference: reference).last)
        #expect(last.kind == .link && last.summary == "link \(link) withdrawn: \(code)/R-1 was voided" && !last.summary.contains("twice"))
    }

    @Test func importedInquiriesNameWhoImportedThem() throws {
        let f = try MatchingFixture()
        let header = "family_name,given_name,last_known_region,date_last_seen,inquirer_name,relationship,phone"
        let table = try CSVTable(bytes: csv([header, "Бондар,Іван,UA-14,2023-05-20,Бондар Ольга,мати,0501112233",
                                             "Коваль,Петро,UA-09,2023-06-01,Коваль Ніна,мати,0502223344"]))
        let summary = try f.homeward.importInquiries(f.olena, table: table)
        let second = try #require(summary.lastReference)
        let received = try #require(try f.homeward.inquiryHistory(f.auditor, reference: second).first)
        #expect(received.kind == .received && received.by == "olena" && received.summary.hasSuffix("imported"))
    }

    @Test func onlyCoordinatorsAndAuditorsReadItAndRefusalsAreAudited() throws {
        let f = try MatchingFixture()
        let reference = try f.inquiry()
        #expect(try !f.homeward.inquiryHistory(f.olena, reference: reference).isEmpty)
        #expect(try !f.homeward.inquiryHistory(f.auditor, reference: reference).isEmpty)
        for actor in [f.admin, f.vera] {
            #expect(throws: AccessError.denied(role: actor.role, permission: .readCaseHistory)) {
                try f.homeward.inquiryHistory(actor, reference: reference)
            }
            let event = try #require(try f.homeward.auditLog(f.admin, filter: AuditFilter(action: "inquiry.history")).last)
            #expect(event.outcome == .denied && event.actorName == actor.name && event.entityID == reference)
        }
    }

    @Test func aBadReferenceIsRefusedAndChangesNothing() throws {
        let f = try MatchingFixture()
        let reference = try f.inquiry()
        let before = try f.homeward.read { db in try AuditEvent.fetchCount(db) }
        let mistyped = String(reference.dropLast()) + (reference.hasSuffix("A") ? "B" : "A")
        #expect { try f.homeward.inquiryHistory(f.olena, reference: mistyped) } throws: { error in
            error.failureKind == .badInput && error.localizedDescription.contains(mistyped)
        }
        #expect { try f.homeward.inquiryHistory(f.olena, reference: "HW-2025-999999-\(InquiryReference(year: 2025, number: 999_999).checkLetter)") } throws: { error in
            error.failureKind == .badInput && error.localizedDescription.hasPrefix("no inquiry HW-2025-999999-")
        }
        #expect { try f.homeward.inquiryHistory(f.olena, reference: "HW-25-1") } throws: { error in
            error.failureKind == .usage
        }
        #expect(try f.homeward.read { db in try AuditEvent.fetchCount(db) } == before)
    }
}
