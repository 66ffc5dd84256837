import Foundation
import GRDB
import Testing
@testable import HomewardCore

/// Who `matchBatch` proposes for a record, and who it never proposes.
@Suite struct RankingTests {
    /// Шевченко Олексій Петрович (the inquiry of ``shevchenkoForm()``) and men the same
    /// record could be read as, all with tracing consent.
    struct Population {
        let f: MatchingFixture
        let truth: String
        let decoys: [String]

        init() throws {
            f = try MatchingFixture()
            truth = try f.inquiry()
            decoys = [
                try f.person("Шевченко", "Петро", "Іванович", born: "1990-02-01"),
                try f.person("Шевчук", "Олексій", "Петрович", born: "1994-07-30", region: "UA-63"),
                try f.person("Коваленко", "Олексій", "Петрович"),
                try f.person("Шевченко", "Олександр", "Миколайович", born: "1985-11-11", region: "UA-46"),
                try f.person("Шевченко", "Олена", "Петрівна", sex: "ж"),
            ]
        }

        /// A batch of one named record R-1 (`name`), and an unnamed R-2.
        func batch(_ name: String = "Шевченко Олексій", service: String = "") throws -> String {
            try f.batch(rows: ["R-1,remains,\(name),\(service),male,25,35,Donetsk,near Bakhmut,2024-08-01,,",
                               "R-2,remains,,,male,40,50,Donetsk,,,,"])
        }

        func candidates(_ code: String, record: String = "R-1", top: Int = 10) throws -> [RecordMatchView] {
            try f.homeward.matchBatch(f.olena, code: code, top: top).candidates.filter { $0.record == "\(code)/\(record)" }
        }
    }

    @Test func theTruePersonIsFirstForANamedRecord() throws {
        let p = try Population()
        for name in ["Шевченко Олексій", "Шевченко Олексій Петрович", "Шевченко Алексей Петрович", "Shevchenko Oleksii"] {
            let code = try p.batch(name)
            let list = try p.candidates(code)
            #expect(list.first?.reference == p.truth, "\(name): \(list.map { "\($0.name) \($0.score)" })")
            #expect(list.map(\.rank) == Array(1...list.count))
            #expect(zip(list, list.dropFirst()).allSatisfy { $0.score >= $1.score })
            #expect(list.count == 6, "every person of the population is a candidate of a top 10: \(list.map(\.name))")
        }
        // A service number alone, no name, finds the person too.
        let code = try p.f.batch(rows: ["R-1,remains,,ЗСУ-4471203,male,,,,,,,"])
        #expect(try p.candidates(code).first?.reference == p.truth)
    }

    @Test func aRejectedPersonIsNeverProposedForThatRecordAgain() throws {
        let p = try Population()
        let code = try p.batch()
        _ = try p.f.homeward.matchBatch(p.f.olena, code: code, save: true)
        let link = try #require(try p.f.link("\(code)/R-1", p.truth))
        _ = try p.f.homeward.rejectLink(p.f.olena, id: link.id, reason: "DNA exclusion, lab ref 2025-114")
        for top in [1, 5, 100] {
            let list = try p.candidates(code, top: top)
            #expect(!list.contains { $0.reference == p.truth }, "top \(top): \(list.map(\.reference))")
            #expect(list.count == min(top, 5))
        }
        // Still proposed for the other record of the batch, and matching again keeps the rejection.
        #expect(try p.candidates(code, record: "R-2").contains { $0.reference == p.truth })
        let saved = try p.f.homeward.matchBatch(p.f.olena, code: code, top: 100, save: true)
        #expect(!saved.candidates.contains { $0.record == "\(code)/R-1" && $0.reference == p.truth })
        #expect(try p.f.link("\(code)/R-1", p.truth)?.state == "rejected")
    }

    @Test func withoutConsentWithdrawnOrMergedNeverCandidates() throws {
        let p = try Population()
        let noConsent = try p.f.person("Шевченко", "Олексій", "Петрович", consent: "no")
        let withdrawn = try p.f.person("Шевченко", "Олексій", "Петрович", service: "ЗСУ-4471203")
        try p.f.homeward.closeInquiry(p.f.olena, reference: withdrawn, withdrawn: true, reason: "the family found him")
        let merged = try p.f.person("Шевченко", "Олексій", "Петрович", born: "1994")
        try p.f.homeward.mergeInquiry(p.f.olena, reference: merged, into: p.decoys[0], force: true)
        let excluded: Set = [noConsent, withdrawn, merged]

        let code = try p.batch("Шевченко Олексій Петрович", service: "ЗСУ-4471203")
        let result = try p.f.homeward.matchBatch(p.f.olena, code: code, top: 100)
        #expect(result.persons == 6, "the population counts only matchable persons")
        #expect(result.candidates.allSatisfy { !excluded.contains($0.reference) }, "\(result.candidates.map(\.reference))")
        #expect(result.candidates.filter { $0.record == "\(code)/R-1" }.first?.reference == p.truth)
        // The merged inquiry's person is now its target's: proposed once, under the target's reference.
        #expect(result.candidates.filter { $0.record == "\(code)/R-1" && $0.reference == p.decoys[0] }.count == 1)

        // Consent recorded later, the person enters matching.
        var consent = InquiryForm()
        consent.consentTracing = "yes"
        try p.f.homeward.updateInquiry(p.f.olena, reference: noConsent, changes: consent)
        #expect(try p.candidates(code).contains { $0.reference == noConsent })
    }

    @Test func aPersonWithoutAFamilyReferenceSampleIsToldToRequestOne() throws {
        let p = try Population()
        let code = try p.batch()
        func dna(_ reference: String) throws -> [String] {
            try p.candidates(code).first { $0.reference == reference }?.reasons.filter { $0.hasPrefix("dna:") } ?? ["missing"]
        }
        #expect(try dna(p.truth) == ["dna: no family reference sample: request one"])
        try p.f.setDNA(p.truth, "requested")
        #expect(try dna(p.truth) == ["dna: family reference sample requested, not yet taken"])
        try p.f.setDNA(p.truth, "collected")
        #expect(try dna(p.truth) == [])
        try p.f.setDNA(p.truth, "profiled")
        #expect(try dna(p.truth) == [])
        #expect(try dna(p.decoys[1]) == ["dna: no family reference sample: request one"])
    }

    /// A person confirmed as one record is a weaker candidate for every other.
    @Test func aConfirmedPersonIsClaimedAwayFromOtherRecords() throws {
        let p = try Population()
        let code = try p.batch()
        _ = try p.f.homeward.matchBatch(p.f.olena, code: code, save: true)
        let link = try #require(try p.f.link("\(code)/R-1", p.truth))
        _ = try p.f.homeward.confirmLink(p.f.olena, id: link.id)
        let other = try p.f.batch(rows: ["X-1,remains,Шевченко Олексій,,male,25,35,Donetsk,,2024-08-01,,"])
        let list = try p.candidates(other, record: "X-1")
        let claimed = try #require(list.first { $0.reference == p.truth })
        #expect(claimed.reasons.contains { $0.hasPrefix("claim: confirmed as \(code)/R-1 (×0.010)") }, "\(claimed.reasons)")
    }

    /// A score copied from the output as `--min-score` keeps the candidate it was copied from.
    @Test func aMinimumScoreCopiedFromTheOutputKeepsThatCandidate() throws {
        let p = try Population()
        let code = try p.batch()
        let all = try p.f.homeward.matchBatch(p.f.olena, code: code, top: 10).candidates
        // Six for the named R-1, six for the unnamed male R-2: the woman too, lowered by the
        // sex factor, not left out.
        #expect(all.count == 12)
        for candidate in all {
            let kept = try p.f.homeward.matchBatch(p.f.olena, code: code, top: 10, minScore: candidate.score).candidates
                .filter { $0.record == candidate.record }
            #expect(kept.contains { $0.reference == candidate.reference }, "\(candidate.record) \(candidate.name) \(candidate.score)")
            #expect(kept.allSatisfy { $0.score >= candidate.score })
        }
        let inquiry = try p.f.homeward.matchInquiry(p.f.olena, reference: p.truth).candidates
        for candidate in inquiry {
            let kept = try p.f.homeward.matchInquiry(p.f.olena, reference: p.truth, minScore: candidate.score).candidates
            #expect(kept.contains { $0.batch == candidate.batch }, "\(candidate.batch) \(candidate.score)")
        }
    }

    /// An unnamed record whose region holds fewer persons than asked for is filled from the
    /// other regions, best first.
    @Test func anUnnamedRecordInASparseRegionStillGetsTopCandidates() throws {
        let f = try MatchingFixture()
        let local = try f.person("Мельник", "Іван", region: "UA-14")
        for (index, given) in ["Тарас", "Богдан", "Роман", "Максим", "Ігор", "Віктор"].enumerated() {
            try f.person("Бойко", given, born: "199\(index)-01-01", region: "UA-46")
        }
        let code = try f.batch(rows: ["R-1,remains,,,male,25,35,Donetsk,,2024-08-01,,"])
        let list = try f.homeward.matchBatch(f.olena, code: code, top: 5).candidates
        #expect(list.count == 5, "\(list.map(\.name))")
        #expect(list.first?.reference == local)
    }
}
