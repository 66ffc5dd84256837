import Foundation
import GRDB
import Testing
@testable import HomewardCore

/// Confirming and rejecting links: what they do to the inquiry, what they refuse, and who may.
@Suite struct LinkDecisionTests {
    /// Three men who all could be of one batch; matching saved, nothing decided.
    struct Decisions {
        let f: MatchingFixture
        let truth: String
        let brother: String
        let third: String
        let code: String
        var r1: String { "\(code)/R-1" }
        var r2: String { "\(code)/R-2" }

        init() throws {
            f = try MatchingFixture()
            truth = try f.inquiry()
            brother = try f.person("Шевченко", "Петро", "Петрович", born: "1992-01-05")
            third = try f.person("Коваленко", "Олексій", "Петрович", born: "1996-06-06")
            code = try f.batch(rows: [
                "R-1,remains,Шевченко Олексій,,male,25,35,Donetsk,,2024-08-01,,",
                "R-2,remains,Шевченко,,male,25,40,Donetsk,,2024-08-01,,",
            ])
            _ = try f.homeward.matchBatch(f.olena, code: code, save: true)
        }

        func link(_ record: String, _ reference: String) throws -> Int64 {
            try #require(try f.link(record, reference)).id
        }
    }

    @Test func confirmingLinksTheInquiry() throws {
        let d = try Decisions()
        #expect(try d.f.inquiryStatus(d.truth) == "open")
        let decided = try d.f.homeward.confirmLink(d.f.olena, id: try d.link(d.r1, d.truth))
        #expect(decided == LinkDecided(id: try d.link(d.r1, d.truth), state: "confirmed", reference: d.truth, inquiryStatus: "linked"))
        #expect(try d.f.inquiryStatus(d.truth) == "linked")
        let stored = try #require(try d.f.link(d.r1, d.truth))
        #expect(stored.state == "confirmed" && stored.decidedBy == "olena" && stored.decidedAt != nil && stored.decisionReason == nil)
        let audit = try #require(try d.f.audit("link.confirm").last)
        #expect(audit.outcome == .ok && audit.details.contains("\"from\":\"open\"") && audit.details.contains("\"to\":\"linked\""))
        #expect(audit.details.contains(d.r1))
    }

    @Test func aRecordHasAtMostOneConfirmedLink() throws {
        let d = try Decisions()
        let first = try d.link(d.r1, d.truth)
        _ = try d.f.homeward.confirmLink(d.f.olena, id: first)
        let rows = try d.f.linkRows()
        let second = try d.link(d.r1, d.brother)
        #expect {
            try d.f.homeward.confirmLink(d.f.petro, id: second)
        } throws: { error in
            error.failureKind == .badInput
                && error.localizedDescription == "\(d.r1) already has a confirmed link (\(first), \(d.truth)); reject that one first"
        }
        #expect(try d.f.linkRows() == rows)
        #expect(try d.f.inquiryStatus(d.brother) == "open")
        #expect(try d.f.audit("link.confirm").last?.outcome == .failed)
        // The database itself holds the rule too.
        #expect(throws: DatabaseError.self) {
            try d.f.homeward.write { db in
                try db.execute(sql: "UPDATE link SET state = 'confirmed', decided_at = 'x', decided_by = 1 WHERE id = ?", arguments: [second])
            }
        }
    }

    @Test func aPersonConfirmedAsOneRecordCannotBeConfirmedAsAnother() throws {
        let d = try Decisions()
        _ = try d.f.homeward.confirmLink(d.f.olena, id: try d.link(d.r1, d.truth))
        let rows = try d.f.linkRows()
        let other = try d.link(d.r2, d.truth)
        #expect {
            try d.f.homeward.confirmLink(d.f.olena, id: other)
        } throws: { error in
            error.failureKind == .badInput
                && error.localizedDescription.hasPrefix("\(d.truth)'s person is already confirmed as \(d.r1) (link ")
                && error.localizedDescription.hasSuffix("); reject that link first")
        }
        #expect(try d.f.linkRows() == rows)
    }

    @Test func rejectingNeedsAReason() throws {
        let d = try Decisions()
        let id = try d.link(d.r1, d.brother)
        let rows = try d.f.linkRows()
        for reason in ["", "   ", "\n"] {
            #expect {
                try d.f.homeward.rejectLink(d.f.olena, id: id, reason: reason)
            } throws: { error in
                error.failureKind == .badInput && error.localizedDescription.hasPrefix("reason: required")
            }
        }
        #expect(try d.f.linkRows() == rows)
        let rejected = try d.f.homeward.rejectLink(d.f.olena, id: id, reason: "date of birth differs by 5 years")
        #expect(rejected.state == "rejected" && rejected.inquiryStatus == "open")
        let stored = try #require(try d.f.link(d.r1, d.brother))
        #expect(stored.decisionReason == "date of birth differs by 5 years" && stored.decidedBy == "olena")
        let audit = try #require(try d.f.audit("link.reject").last)
        #expect(audit.outcome == .ok && !audit.details.contains("date of birth"), "the reason stays out of the trail: \(audit.details)")
    }

    @Test func rejectingAConfirmedLinkReopensTheInquiryWhenNoOtherConfirmedLinkRemains() throws {
        let d = try Decisions()
        let id = try d.link(d.r1, d.truth)
        _ = try d.f.homeward.confirmLink(d.f.olena, id: id)
        // A batch-level link of the same person, confirmed too.
        let inquiryMatches = try d.f.homeward.matchInquiry(d.f.olena, reference: d.truth, save: true)
        let batchLink = try #require(inquiryMatches.candidates.first { $0.batch == d.code }?.link)
        _ = try d.f.homeward.confirmLink(d.f.olena, id: batchLink)
        #expect(try d.f.inquiryStatus(d.truth) == "linked")

        let undone = try d.f.homeward.rejectLink(d.f.olena, id: id, reason: "DNA exclusion")
        #expect(undone.inquiryStatus == "linked", "the batch link is still confirmed")
        #expect(try d.f.inquiryStatus(d.truth) == "linked")
        let last = try d.f.homeward.rejectLink(d.f.olena, id: batchLink, reason: "not in this batch after all")
        #expect(last.inquiryStatus == "open")
        #expect(try d.f.inquiryStatus(d.truth) == "open")
        let audit = try #require(try d.f.audit("link.reject").last)
        #expect(audit.details.contains("\"was\":\"confirmed\"") && audit.details.contains("\"to\":\"open\""))
        // Once rejected, the record can be confirmed as someone else.
        _ = try d.f.homeward.confirmLink(d.f.olena, id: try d.link(d.r1, d.brother))
        #expect(try d.f.inquiryStatus(d.brother) == "linked")
    }

    @Test func decidingADecidedLinkIsChangedMeanwhile() throws {
        let d = try Decisions()
        let confirmed = try d.link(d.r1, d.truth)
        _ = try d.f.homeward.confirmLink(d.f.olena, id: confirmed)
        let rejected = try d.link(d.r2, d.brother)
        _ = try d.f.homeward.rejectLink(d.f.petro, id: rejected, reason: "different unit")
        let rows = try d.f.linkRows()
        #expect {
            try d.f.homeward.confirmLink(d.f.petro, id: confirmed)
        } throws: { error in
            error.failureKind == .badInput
                && error.localizedDescription.hasPrefix("changed meanwhile: link \(confirmed) is already confirmed by olena at ")
                && error.localizedDescription.hasSuffix("; nothing changed")
        }
        for attempt in [{ _ = try d.f.homeward.confirmLink(d.f.olena, id: rejected) },
                        { _ = try d.f.homeward.rejectLink(d.f.olena, id: rejected, reason: "again") }] {
            #expect {
                try attempt()
            } throws: { error in
                error.failureKind == .badInput
                    && error.localizedDescription.hasPrefix("changed meanwhile: link \(rejected) is already rejected by petro at ")
            }
        }
        #expect(throws: CaseworkError.noSuchLink(9999)) { try d.f.homeward.confirmLink(d.f.olena, id: 9999) }
        #expect(try d.f.linkRows() == rows)
        #expect(CaseworkError.noSuchLink(9999).kind == .badInput)
    }

    @Test func volunteersAndAuditorsCannotDecideAndAreAuditedAsDenied() throws {
        let d = try Decisions()
        try d.f.homeward.assignBatch(d.f.admin, user: "vera", code: d.code)
        let id = try d.link(d.r1, d.truth)
        let rows = try d.f.linkRows()
        for actor in [d.f.vera, d.f.auditor] {
            #expect(throws: AccessError.denied(role: actor.role, permission: .runMatching)) {
                try d.f.homeward.confirmLink(actor, id: id)
            }
            #expect(throws: AccessError.denied(role: actor.role, permission: .runMatching)) {
                try d.f.homeward.rejectLink(actor, id: id, reason: "no")
            }
            #expect(throws: AccessError.denied(role: actor.role, permission: .runMatching)) {
                try d.f.homeward.matchBatch(actor, code: d.code, save: true)
            }
        }
        #expect(try d.f.linkRows() == rows)
        #expect(try d.f.inquiryStatus(d.truth) == "open")
        let denied = try d.f.homeward.auditLog(d.f.admin).filter { $0.outcome == .denied }
        #expect(denied.map(\.action) == ["link.confirm", "link.reject", "match.save", "link.confirm", "link.reject", "match.save"])
        #expect(denied.map(\.actorName) == ["vera", "vera", "vera", "audra", "audra", "audra"])
        #expect(denied.filter { $0.action.hasPrefix("link.") }.allSatisfy { $0.entityID == String(id) })
        #expect(AccessError.denied(role: .volunteer, permission: .runMatching).kind == .accessDenied)
    }
}
