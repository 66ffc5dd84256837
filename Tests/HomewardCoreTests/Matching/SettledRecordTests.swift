import Foundation
import GRDB
import Testing
@testable import HomewardCore

/// What a decided or voided record does to matching and links, and what a volunteer reads of
/// its candidates (found by a trial of the command line).
@Suite struct SettledRecordTests {
    /// Two men who may be of one batch; every candidate saved, nothing decided.
    struct Settled {
        let f: MatchingFixture
        let truth: String
        let other: String
        let code: String
        var r1: String { "\(code)/R-1" }
        var r2: String { "\(code)/R-2" }

        init() throws {
            f = try MatchingFixture()
            truth = try f.inquiry()
            other = try f.person("Коваленко", "Петро", "Іванович", born: "1990-01-01")
            code = try f.batch(rows: [
                "R-1,remains,Шевченко Олексій,,male,25,35,Donetsk,,2024-08-01,,",
                "R-2,remains,,,male,25,40,Donetsk,,2024-08-01,,",
            ])
            _ = try f.homeward.matchBatch(f.olena, code: code, minScore: -99, save: true)
        }

        func link(_ record: String, _ reference: String) throws -> Int64 {
            try #require(try f.link(record, reference)).id
        }

        func voided(_ record: String) throws -> Bool {
            try f.homeward.returnedRecord(f.olena, address: record).voided
        }
    }

    @Test func aRecordWithAConfirmedLinkCannotBeVoided() throws {
        let s = try Settled()
        _ = try s.f.homeward.confirmLink(s.f.olena, id: try s.link(s.r1, s.truth))
        let before = try s.f.linkRows()
        #expect(throws: CaseworkError.self) { try s.f.homeward.voidRecord(s.f.olena, address: s.r1, reason: "entered twice") }
        #expect(try !s.voided(s.r1))
        #expect(try s.f.linkRows() == before)
        #expect(try s.f.audit("record.void").last?.outcome == .failed)
    }

    @Test func voidingWithdrawsTheRecordsCandidatesAndNobodyCanBeConfirmedAsIt() throws {
        let s = try Settled()
        let candidate = try s.link(s.r2, s.truth)
        _ = try s.f.homeward.voidRecord(s.f.olena, address: s.r2, reason: "entered twice")
        let withdrawn = try #require(try s.f.homeward.links(s.f.olena, batch: s.code).first { $0.id == candidate })
        #expect(withdrawn.state == "rejected" && withdrawn.decisionReason == "record voided: entered twice")
        #expect(throws: CaseworkError.self) { try s.f.homeward.confirmLink(s.f.olena, id: candidate) }
        #expect(try s.f.inquiryStatus(s.truth) == "open")
        // The voided record is not matched again either.
        #expect(try !s.f.homeward.matchBatch(s.f.olena, code: s.code, minScore: -99).candidates.contains { $0.record == s.r2 })
    }

    @Test func aClosedInquiryWithAConfirmedLinkReopensAsLinked() throws {
        let s = try Settled()
        _ = try s.f.homeward.confirmLink(s.f.olena, id: try s.link(s.r1, s.truth))
        try s.f.homeward.closeInquiry(s.f.olena, reference: s.truth, withdrawn: false, reason: "family told")
        #expect(try s.f.homeward.reopenInquiry(s.f.olena, reference: s.truth, reason: "the family doubts it") == "linked")
        #expect(try s.f.inquiryStatus(s.truth) == "linked")
        #expect(try s.f.audit("inquiry.reopen").last?.details.contains("\"to\":\"linked\"") == true)
        // Without a confirmed link it is open again.
        try s.f.homeward.closeInquiry(s.f.olena, reference: s.other, withdrawn: true, reason: "withdrawn")
        #expect(try s.f.homeward.reopenInquiry(s.f.olena, reference: s.other, reason: "asked again") == "open")
    }

    @Test func aRecordWithAConfirmedLinkIsNotMatchedAgain() throws {
        let s = try Settled()
        _ = try s.f.homeward.confirmLink(s.f.olena, id: try s.link(s.r1, s.truth))
        let result = try s.f.homeward.matchBatch(s.f.olena, code: s.code, minScore: -99)
        #expect(result.records == 2 && result.settled == 1)
        #expect(!result.candidates.contains { $0.record == s.r1 })
        // Its person still weighs little for the other record.
        let elsewhere = try #require(result.candidates.first { $0.record == s.r2 && $0.reference == s.truth })
        #expect(elsewhere.reasons.contains { $0.hasPrefix("claim: confirmed as \(s.r1)") }, "\(elsewhere.reasons)")
    }

    @Test func nothingIsConfirmedForAWithdrawnOrUnconsentedInquiry() throws {
        let s = try Settled()
        let withdrawn = try s.link(s.r1, s.truth)
        try s.f.homeward.closeInquiry(s.f.olena, reference: s.truth, withdrawn: true, reason: "the family asked")
        #expect(throws: CaseworkError.self) { try s.f.homeward.confirmLink(s.f.olena, id: withdrawn) }
        #expect(try s.f.inquiryStatus(s.truth) == "withdrawn")

        let unconsented = try s.link(s.r1, s.other)
        var change = InquiryForm()
        change.consentTracing = "no"
        _ = try s.f.homeward.updateInquiry(s.f.olena, reference: s.other, changes: change)
        #expect(throws: CaseworkError.self) { try s.f.homeward.confirmLink(s.f.olena, id: unconsented) }
        #expect(try s.f.link(s.r1, s.other)?.state == "candidate")
    }

    @Test func aVolunteerSeesWhoARecordMayBeButNotWhy() throws {
        let s = try Settled()
        try s.f.homeward.assignBatch(s.f.admin, user: "vera", code: s.code)
        let seen = try s.f.homeward.returnedRecord(s.f.vera, address: s.r1)
        #expect(!seen.links.isEmpty)
        #expect(seen.links.allSatisfy { $0.reasons.isEmpty && $0.decisionReason == nil })
        #expect(seen.links.contains { $0.reference == s.truth && $0.name.hasPrefix("Шевченко") })
        // A coordinator sees the reasons.
        #expect(try s.f.homeward.returnedRecord(s.f.olena, address: s.r1).links.allSatisfy { !$0.reasons.isEmpty })
    }
}
