import Foundation
import Testing
@testable import HomewardCore

@Suite struct SearchTests {
    /// A database with Шевченко Олексій among other persons with similar names.
    func populated() throws -> (Homeward, Actor, Actor, String) {
        let (homeward, admin, olena) = try makeCasework()
        let target = try homeward.addInquiry(olena, shevchenkoForm()).reference
        for (family, given) in [("Шевчук", "Олексій"), ("Шевченко", "Андрій"), ("Коваленко", "Олексій"), ("Соловьёв", "Артём"),
                                ("Бондаренко", "Юрій"), ("Мельник", "Євген")] {
            var form = shevchenkoForm()
            form.familyName = family
            form.givenName = given
            form.serviceNumber = nil
            form.phone = "+380671234567"
            _ = try homeward.addInquiry(olena, form)
        }
        return (homeward, admin, olena, target)
    }

    @Test(arguments: ["Shevchenko Oleksii", "Шевченко Олексій", "Shevchenco", "Oleksiy Shevchenko", "Шевченко Алексей",
                      "shevchenko olexiy", "Шевчекно Олексій"])
    func findsThePersonInAnySpelling(_ query: String) throws {
        let (homeward, _, olena, target) = try populated()
        let hits = try homeward.search(olena, query)
        #expect(hits.first?.reference == target, "\(query) → \(hits.map { "\($0.familyName) \($0.givenName) \($0.score)" })")
    }

    @Test(arguments: ["Yurii Bondarenko", "Iurii Bondarenko", "Yuriy Bondarenko", "Yuri Bondarenko", "Юрий Бондаренко"])
    func findsYuriiInEverySpelling(_ query: String) throws {
        let (homeward, _, olena, _) = try populated()
        #expect(try homeward.search(olena, query).first?.familyName == "Бондаренко")
    }

    @Test func findsByReferenceServiceNumberAndPhone() throws {
        let (homeward, admin, olena, target) = try populated()
        #expect(try homeward.search(olena, target.lowercased()).map(\.reference) == [target])
        #expect(try homeward.search(olena, "зсу 4471203").first?.reference == target)
        let byPhone = try homeward.search(olena, "050 123 45 67")
        #expect(byPhone.map(\.reference) == [target])
        #expect(byPhone.first?.matchedBy == "phone")
        #expect(try homeward.auditLog(olena).last?.action == "search.phone")
        // Admins may search cases but not by a family's phone number (told so, not "no
        // matches"); volunteers not at all.
        #expect(throws: AccessError.denied(role: .admin, permission: .seeContactDetails)) {
            try homeward.search(admin, "050 123 45 67")
        }
        #expect(try homeward.search(admin, "Shevchenko").first?.reference == target)
        let vera = try addAndLogin(homeward, admin: admin, name: "vera", role: .volunteer)
        #expect(throws: AccessError.self) { try homeward.search(vera.actor, "Shevchenko") }
    }

    @Test func mistypedReferenceIsNamedAsSuch() throws {
        let (homeward, _, olena, target) = try populated()
        var typo = Array(target)
        typo[8] = typo[8] == "0" ? "9" : "0"
        #expect(throws: CaseworkError.referenceCheckFailed(String(typo))) { try homeward.search(olena, String(typo)) }
    }

    @Test func unrelatedNamesAreNotFound() throws {
        let (homeward, _, olena, _) = try populated()
        #expect(try homeward.search(olena, "Zakharchenko Volodymyr").isEmpty)
    }

    @Test func mergedAwayPersonsAreNotListedTwice() throws {
        let (homeward, _, olena, target) = try populated()
        var again = shevchenkoForm()
        again.inquirerName = "Шевченко Петро"
        let duplicate = try homeward.addInquiry(olena, again).reference
        #expect(try homeward.search(olena, "Шевченко Олексій").filter { $0.familyName == "Шевченко" && $0.givenName == "Олексій" }.count == 2)
        try homeward.mergeInquiry(olena, reference: duplicate, into: target)
        let hits = try homeward.search(olena, "Шевченко Олексій").filter { $0.familyName == "Шевченко" && $0.givenName == "Олексій" }
        #expect(hits.count == 1)
        #expect(Set(hits[0].references) == [target, duplicate])
    }
}

@Suite struct SearchRankingTests {
    @Test func theExactSpellingRanksAboveANameWithTheSameKey() throws {
        let (homeward, _, olena) = try makeCasework()
        var lookalike = shevchenkoForm()
        lookalike.familyName = "Шевчієнко"
        lookalike.serviceNumber = nil
        _ = try homeward.addInquiry(olena, lookalike)
        var exact = shevchenkoForm()
        exact.serviceNumber = nil
        let target = try homeward.addInquiry(olena, exact).reference
        for query in ["Шевченко Олексій", "Shevchenko Oleksii"] {
            #expect(try homeward.search(olena, query).first?.reference == target, "\(query)")
            #expect(try homeward.search(olena, query, limit: 1).map(\.reference) == [target], "\(query)")
        }
    }
}
