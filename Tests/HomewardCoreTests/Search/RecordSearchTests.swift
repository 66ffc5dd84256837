import Foundation
import Testing
@testable import HomewardCore

@Suite struct RecordSearchTests {
    func records(_ results: [SearchResult]) -> [String] {
        results.compactMap { if case let .record(hit) = $0 { hit.record } else { nil } }
    }

    @Test(arguments: ["зсу 5520981", "ZSU5520981", "ЗСУ-5520981", "zsu-5520981"])
    func serviceNumbersOnRecordsMatchInEitherScript(_ query: String) throws {
        let (homeward, _, olena) = try makeCasework()
        let code = try batchWithManifest(homeward, olena)
        let hits = try homeward.find(olena, query)
        #expect(records(hits) == ["\(code)/R-1"])
        if case let .record(hit) = try #require(hits.first) { #expect(hit.matchedBy == "service_number" && hit.score == 100) }
    }

    @Test(arguments: ["Tkachenko Dmytro", "Ткаченко", "Tkachenco", "Дмитрий Ткаченко"])
    func namesOnRecordsMatchInAnySpelling(_ query: String) throws {
        let (homeward, _, olena) = try makeCasework()
        let code = try batchWithManifest(homeward, olena)
        #expect(records(try homeward.find(olena, query)) == ["\(code)/R-1"])
    }

    @Test func aSearchIsAtMost500CharactersForEveryCaller() throws {
        let (homeward, _, olena) = try makeCasework()
        #expect(try homeward.find(olena, String(repeating: "я", count: Homeward.longestSearch)).isEmpty)
        #expect {
            try homeward.find(olena, "  " + String(repeating: "я", count: Homeward.longestSearch + 1) + " ")
        } throws: { error in
            (error as? CaseworkError)?.errorDescription?.contains("501 characters; a search is at most 500") == true
        }
    }

    @Test func tagsAndAddressesAreFoundAndPersonsStillAre() throws {
        let (homeward, _, olena) = try makeCasework()
        let code = try batchWithManifest(homeward, olena)
        let reference = try homeward.addInquiry(olena, shevchenkoForm()).reference
        #expect(records(try homeward.find(olena, "r-2")) == ["\(code)/R-2"])
        #expect(records(try homeward.find(olena, "\(code.lowercased())/R-3")) == ["\(code)/R-3"])
        let mixed = try homeward.find(olena, "Shevchenko")
        #expect(mixed.count == 1)
        if case let .inquiry(hit) = try #require(mixed.first) { #expect(hit.reference == reference) } else { Issue.record("not an inquiry hit") }
        #expect(records(try homeward.find(olena, "Zakharchenko")).isEmpty)
    }

    @Test func volunteersFindRecordsOfTheirBatchesOnlyAndNoPersons() throws {
        let (homeward, admin, olena) = try makeCasework()
        let code = try batchWithManifest(homeward, olena)
        var form = shevchenkoForm()
        form.familyName = "Ткаченко"
        form.givenName = "Дмитро"
        _ = try homeward.addInquiry(olena, form)
        let vera = try addAndLogin(homeward, admin: admin, name: "vera", role: .volunteer).actor
        #expect(try homeward.find(vera, "Ткаченко").isEmpty)
        #expect(try homeward.find(vera, "R-1").isEmpty)
        try homeward.assignBatch(admin, user: "vera", code: code)
        let hits = try homeward.find(vera, "Ткаченко")
        #expect(records(hits) == ["\(code)/R-1"] && hits.count == 1)
        #expect(throws: AccessError.self) { try homeward.find(vera, "HW-2025-000001-A") }
        // Admins and auditors read every batch, so they find records too.
        #expect(records(try homeward.find(admin, "ZSU5520981")) == ["\(code)/R-1"])
    }

    @Test func resultsSayWhichKindOfHitTheyAreInJSON() throws {
        let (homeward, _, olena) = try makeCasework()
        let code = try batchWithManifest(homeward, olena)
        _ = try homeward.addInquiry(olena, shevchenkoForm())
        let encoder = JSONEncoder()
        let recordJSON = String(decoding: try encoder.encode(try homeward.find(olena, "R-1")), as: UTF8.self)
        #expect(recordJSON.contains("\"hit\":\"record\"") && recordJSON.contains("\"record\":\"\(code)\\/R-1\""))
        let inquiryJSON = String(decoding: try encoder.encode(try homeward.find(olena, "Shevchenko")), as: UTF8.self)
        #expect(inquiryJSON.contains("\"hit\":\"inquiry\"") && inquiryJSON.contains("\"reference\""))
    }
}
