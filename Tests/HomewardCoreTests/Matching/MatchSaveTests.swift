import Foundation
import GRDB
import Testing
@testable import HomewardCore

/// `match --save` run again and again: no duplicates, fresh scores for candidates, and the
/// decisions people made left exactly as they are.
@Suite struct MatchSaveTests {
    struct Saved {
        let f: MatchingFixture
        let clock: TestClock
        let truth: String
        let other: String
        let code: String
        var r1: String { "\(code)/R-1" }
        var r2: String { "\(code)/R-2" }

        init() throws {
            clock = TestClock()
            f = try MatchingFixture(clock: clock)
            truth = try f.inquiry()
            other = try f.person("Коваленко", "Петро", "Іванович", born: "1980-01-01")
            try f.person("Бондаренко", "Андрій", born: "1985-09-09", region: "UA-63")
            code = try f.batch(rows: [
                "R-1,remains,Шевченко Олексій,,male,25,35,Donetsk,near Bakhmut,2024-08-01,,",
                "R-2,remains,,,male,40,50,Donetsk,,,,",
            ])
        }

        @discardableResult
        /// Saves every listed candidate, whatever its score (the default floor is tested on its own).
        func save(top: Int = 5, minScore: Double = -99) throws -> MatchSaved {
            try #require(try f.homeward.matchBatch(f.olena, code: code, top: top, minScore: minScore, save: true).saved)
        }
    }

    @Test func savingTwiceAddsNothing() throws {
        let s = try Saved()
        let first = try s.save()
        #expect(first.added == 6 && first.updated == 0 && first.unchanged == 0 && first.decided == 0, "\(first)")
        let rows = try s.f.linkRows()
        #expect(rows.count == 6)
        s.clock.advance(3600)
        let second = try s.save()
        #expect(second == MatchSaved(added: 0, updated: 0, unchanged: 6, decided: 0, weak: 0))
        #expect(try s.f.linkRows() == rows, "an unchanged candidate is not rewritten, not even its scored_at")
        // A larger top adds only the pairs not stored yet.
        let wider = try s.save(top: 10)
        #expect(wider.added == 0 && wider.unchanged == 6)
        #expect(try s.f.linkCount() == 6)
        let pairs = try s.f.homeward.read { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM (SELECT DISTINCT record_id, person_id FROM link)")
        }
        #expect(pairs == 6)
        let audits = try s.f.audit("match.save").filter { $0.outcome == .ok }
        #expect(audits.count == 3 && audits.last?.details.contains("\"unchanged\":\"6\"") == true, "\(audits.map(\.details))")
    }

    /// Without --min-score, only candidates the evidence speaks for (score ≥ 0) become links;
    /// the others are counted, not stored.
    @Test func byDefaultOnlyCandidatesScoringAtLeastZeroAreSaved() throws {
        let s = try Saved()
        let listed = try s.f.homeward.matchBatch(s.f.olena, code: s.code, top: 5, minScore: -99).candidates
        let saved = try #require(try s.f.homeward.matchBatch(s.f.olena, code: s.code, top: 5, save: true).saved)
        let strong = listed.filter { $0.score >= 0 }.count
        #expect(strong > 0 && strong < listed.count, "the fixture has candidates on both sides of 0: \(listed.map(\.score))")
        #expect(saved.added == strong && saved.weak == listed.count - strong, "\(saved)")
        #expect(try s.f.linkCount() == strong)
        let scores = try s.f.homeward.read { db in try Double.fetchAll(db, sql: "SELECT score FROM link") }
        #expect(scores.allSatisfy { $0 >= 0 })
        let audit = try #require(try s.f.audit("match.save").last)
        #expect(audit.details.contains("\"not_saved\":\"\(listed.count - strong)\""), "\(audit.details)")
    }

    @Test func aChangedPersonOrRecordUpdatesTheCandidateScore() throws {
        let s = try Saved()
        try s.save()
        let before = try #require(try s.f.link(s.r1, s.truth))
        s.clock.advance(60)

        // The family's better information: last known in Kharkiv, not Donetsk.
        var moved = InquiryForm()
        moved.lastKnownRegion = "Kharkiv"
        try s.f.homeward.updateInquiry(s.f.olena, reference: s.truth, changes: moved)
        let again = try s.save()
        #expect(again.added == 0 && again.updated >= 1, "\(again)")
        let after = try #require(try s.f.link(s.r1, s.truth))
        #expect(after.id == before.id && after.state == "candidate")
        #expect(after.score < before.score, "\(before.score) → \(after.score)")
        #expect(after.scoredAt > before.scoredAt && after.createdAt == before.createdAt)
        #expect(after.reasons.contains { $0.contains("UA-63 Kharkiv Oblast") }, "\(after.reasons)")
        #expect(try s.f.linkCount() == 6)

        // The record corrected: now the service number is read from the tag.
        s.clock.advance(60)
        var tag = ManifestForm()
        tag.serviceNumber = "ЗСУ-4471203"
        _ = try s.f.homeward.updateRecord(s.f.olena, address: s.r1, changes: tag)
        try s.save()
        let corrected = try #require(try s.f.link(s.r1, s.truth))
        #expect(corrected.score > after.score + 2, "an exact service number weighs ×1000: \(after.score) → \(corrected.score)")
        #expect(corrected.reasons.contains { $0.hasPrefix("service number: exact") })
        #expect(try s.f.linkCount() == 6)
    }

    @Test func savingNeverResurrectsARejectedLinkNorTouchesAConfirmedOne() throws {
        let s = try Saved()
        try s.save()
        let rejected = try #require(try s.f.link(s.r1, s.truth))
        _ = try s.f.homeward.rejectLink(s.f.olena, id: rejected.id, reason: "DNA exclusion")
        let confirmed = try #require(try s.f.link(s.r2, s.other))
        _ = try s.f.homeward.confirmLink(s.f.olena, id: confirmed.id)
        let decided = try s.f.linkRows().filter { !$0.contains("\"candidate\"") }
        #expect(decided.count == 2)

        // Data changes that would change both scores, then matching saved again, widely.
        s.clock.advance(60)
        for reference in [s.truth, s.other] {
            var moved = InquiryForm()
            moved.lastKnownRegion = "Luhansk"
            try s.f.homeward.updateInquiry(s.f.olena, reference: reference, changes: moved)
        }
        let again = try s.save(top: 10)
        // R-2 has a confirmed link, so it is settled and not matched again; nothing is proposed for it.
        #expect(again.decided == 0, "\(again)")
        #expect(try s.f.linkRows().filter { !$0.contains("\"candidate\"") } == decided)
        #expect(try s.f.link(s.r1, s.truth)?.state == "rejected")
        #expect(try s.f.link(s.r2, s.other)?.state == "confirmed")
        #expect(try s.f.linkCount() == 6)
        let result = try s.f.homeward.matchBatch(s.f.olena, code: s.code, top: 10)
        let shown = result.candidates
        #expect(result.settled == 1 && !shown.contains { $0.record == s.r2 })
        #expect(!shown.contains { $0.record == s.r1 && $0.reference == s.truth })
    }
}
