import Foundation
import Testing
@testable import HomewardCore

/// `matchInquiry`: the batches that may concern one inquiry's person, before or beside their manifests.
@Suite struct InquiryMatchingTests {
    /// Шевченко Олексій, last seen in Donetsk on 2023-05-20, and a few other persons; four
    /// remains batches without manifests: in Donetsk after last seen, in Lviv after, in
    /// Donetsk before, and one whose regions are not recorded.
    struct Batches {
        let f: MatchingFixture
        let truth: String
        let home: String
        let far: String
        let before: String
        let unknown: String

        init() throws {
            f = try MatchingFixture()
            truth = try f.inquiry()
            try f.person("Коваленко", "Петро", region: "UA-46")
            try f.person("Бондаренко", "Андрій", region: "UA-63", lastSeen: "2022-09")
            home = try f.batch(date: "2025-06-14", regions: ["Donetsk"], rows: [])
            far = try f.batch(date: "2025-06-14", regions: ["Lviv"], rows: [])
            before = try f.batch(date: "2023-01-10", regions: ["Donetsk"], rows: [])
            // The application always records a batch's regions; the matcher must not rely on it.
            unknown = try f.batch(date: "2025-06-14", regions: ["Kherson"], rows: [])
            try f.homeward.write { [unknown] db in
                try db.execute(sql: "DELETE FROM batch_region WHERE batch_id = (SELECT id FROM batch WHERE code = ?)", arguments: [unknown])
            }
        }

        func matches(top: Int = 10, minScore: Double? = nil) throws -> [BatchMatchView] {
            try f.homeward.matchInquiry(f.olena, reference: truth, top: top, minScore: minScore).candidates
        }
    }

    @Test func aBatchInTheLastKnownRegionAfterLastSeenRanksFirst() throws {
        let b = try Batches()
        let list = try b.matches()
        #expect(list.count == 4)
        #expect(list.first?.batch == b.home, "\(list.map { "\($0.batch) \($0.score)" })")
        func score(_ code: String) -> Double { list.first { $0.batch == code }?.score ?? .nan }
        #expect(score(b.home) > score(b.far))
        #expect(score(b.home) > score(b.before))
        #expect(score(b.home) > score(b.unknown))
        #expect(list.map(\.rank) == [1, 2, 3, 4])
        #expect(zip(list, list.dropFirst()).allSatisfy { $0.score >= $1.score })
        let home = try #require(list.first)
        #expect(home.reasons.contains { $0.hasPrefix("region: UA-14 Donetsk Oblast is a recovery region of the batch") })
        #expect(home.reasons.contains { $0.hasPrefix("date: batch of 2025-06-14, 756 days after last seen") }, "\(home.reasons)")
        #expect(home.reasons.contains { $0.hasPrefix("kind: remains transfer") })
        #expect(home.reasons.contains("manifest: none recorded yet; matching records starts when one is imported (×1.0)"))
        #expect(home.reasons.contains("dna: no family reference sample: request one"))
        let before = try #require(list.first { $0.batch == b.before })
        #expect(before.reasons.contains { $0.hasPrefix("date: batch of 2023-01-10, 130 days before last seen") }, "\(before.reasons)")
        let far = try #require(list.first { $0.batch == b.far })
        #expect(far.reasons.contains { $0.hasPrefix("region: last known UA-14 Donetsk Oblast; the batch's regions are UA-46") })
    }

    @Test func aBatchWithoutRecordedRegionsIsStillACandidateAndSaysWhatIsMissing() throws {
        let b = try Batches()
        let unknown = try #require(try b.matches().first { $0.batch == b.unknown })
        #expect(unknown.regions == [])
        #expect(unknown.reasons.contains("region: the batch's recovery regions are not recorded (×1.0)"), "\(unknown.reasons)")
        #expect(unknown.score.isFinite)
    }

    @Test func aManifestThatNamesThePersonRaisesTheBatch() throws {
        let b = try Batches()
        let named = try b.f.batch(date: "2025-06-14", regions: ["Lviv"], rows: [
            "R-1,remains,Шевченко Олексій Петрович,ЗСУ-4471203,male,25,35,Lviv,,2024-08-01,,",
            "R-2,remains,Бойко Тарас,,male,50,60,Lviv,,2024-08-01,,",
        ])
        let stranger = try b.f.batch(date: "2025-06-14", regions: ["Donetsk"], rows: ["R-1,remains,Бойко Тарас,,female,50,60,Donetsk,,,,"])
        let list = try b.matches()
        #expect(list.first?.batch == named, "\(list.map { "\($0.batch) \($0.score)" })")
        #expect(list.first?.bestRecord == "\(named)/R-1")
        #expect(list.first?.reasons.contains { $0.hasPrefix("manifest: best of 2 records is \(named)/R-1 (service number, name") } == true)
        let none = try #require(list.first { $0.batch == stranger })
        #expect(none.reasons.contains("manifest: none of 1 record resembles the person (×0.30)"), "\(none.reasons)")
        #expect(none.bestRecord == nil)
        #expect((list.first { $0.batch == b.home }?.score ?? 0) > none.score)
    }

    @Test func topMinScoreAndSaveOfBatchLinks() throws {
        let b = try Batches()
        let all = try b.matches()
        #expect(try b.matches(top: 2).map(\.batch) == Array(all.prefix(2).map(\.batch)))
        let cut = all[1].score
        #expect(try b.matches(minScore: cut).allSatisfy { $0.score >= cut })
        #expect(try b.matches(minScore: 1000).isEmpty)
        #expect(throws: CaseworkError.self) { try b.f.homeward.matchInquiry(b.f.olena, reference: b.truth, top: 0) }

        let saved = try b.f.homeward.matchInquiry(b.f.olena, reference: b.truth, top: 3, save: true)
        #expect(saved.saved == MatchSaved(added: 3, updated: 0, unchanged: 0, decided: 0))
        #expect(saved.candidates.allSatisfy { $0.linkState == "candidate" && $0.link != nil })
        let links = try b.f.homeward.links(b.f.olena, inquiry: b.truth)
        #expect(links.count == 3 && links.allSatisfy { $0.record == nil && $0.state == "candidate" })
        let again = try b.f.homeward.matchInquiry(b.f.olena, reference: b.truth, top: 3, save: true)
        #expect(again.saved == MatchSaved(added: 0, updated: 0, unchanged: 3, decided: 0))
        // A rejected batch is left out from then on.
        let top = try #require(saved.candidates.first?.link)
        _ = try b.f.homeward.rejectLink(b.f.olena, id: top, reason: "he was seen alive after this transfer")
        #expect(try !b.matches().contains { $0.batch == saved.candidates.first?.batch })
        #expect(try b.f.linkCount() == 3)
    }

    @Test func mergedWithdrawnOrUnconsentedInquiriesAreRefused() throws {
        let b = try Batches()
        let withdrawn = try b.f.person("Мельник", "Іван")
        try b.f.homeward.closeInquiry(b.f.olena, reference: withdrawn, withdrawn: true, reason: "found alive")
        let merged = try b.f.person("Шевченко", "Олексій", "Петрович")
        try b.f.homeward.mergeInquiry(b.f.olena, reference: merged, into: b.truth)
        let unconsented = try b.f.person("Бойко", "Тарас", consent: "no")
        let links = try b.f.linkCount()
        let cases: [(String, String)] = [
            (withdrawn, "\(withdrawn) was withdrawn; reopen it before matching"),
            (merged, "\(merged) was merged into \(b.truth); match that one"),
            (unconsented, "\(unconsented) has no consent for tracing, so it is not matched; record the family's consent first (inquiry update --consent-tracing yes)"),
        ]
        for (reference, message) in cases {
            for save in [false, true] {
                #expect {
                    try b.f.homeward.matchInquiry(b.f.olena, reference: reference, save: save)
                } throws: { error in
                    error.failureKind == .badInput && error.localizedDescription == message
                }
            }
        }
        #expect(try b.f.linkCount() == links)
        #expect(throws: CaseworkError.self) { try b.f.homeward.matchInquiry(b.f.olena, reference: "HW-2025-999999-X") }
    }
}
