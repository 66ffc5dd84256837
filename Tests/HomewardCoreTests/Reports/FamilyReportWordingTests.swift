import Foundation
import GRDB
import Testing
@testable import HomewardCore

/// What the family report says must be true: no search promised without consent, no hours
/// that are not given, no borrowed contacts, a revocation said plainly, a merged inquiry's own
/// details, and JSON keys that do not depend on the data.
@Suite struct FamilyReportWordingTests {
    func json(_ fixture: IdentificationFixture, _ reference: String) throws -> [String: Any] {
        let data = try fixture.homeward.familyReport(fixture.olena, reference: reference, format: .json).data
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    @Test func anInquiryWithoutConsentToTracingIsNotToldTheSearchIsRunning() throws {
        let fixture = try FamilyReportTests.searching()
        var form = shevchenkoForm()
        form.familyName = "Лисей"
        form.serviceNumber = nil
        form.consentTracing = "no"
        let reference = try fixture.homeward.addInquiry(fixture.olena, form).reference
        #expect(try json(fixture, reference)["status"] as? String == "awaiting_consent")
        let english = try fixture.homeward.familyReportText(fixture.olena, reference, .txt, .en)
        #expect(!english.contains("We compare every repatriation"), "\(english)")
        #expect(english.contains("consent"))
        for (language, promise) in [(ReportLanguage.uk, "Ми порівнюємо кожну"), (.ru, "Мы сравниваем каждую")] {
            let text = try fixture.homeward.familyReportText(fixture.olena, reference, .txt, language)
            #expect(!text.contains(promise), "\(language)")
            #expect(text.contains(ReportStrings[language]("status_awaiting_consent_title")))
        }
    }

    @Test func aRevokedIdentificationIsSaidPlainly() throws {
        let fixture = try FamilyReportTests.searching()
        try fixture.advance(fixture.r1, through: [.examination, .dnaSampled, .matchCandidate, .identified, .revoked])
        let english = try fixture.homeward.familyReportText(fixture.olena, fixture.reference, .json, .en)
        #expect(english.contains("has been withdrawn after further checks"))
        #expect(english.contains("The search is ongoing"))
        #expect(try fixture.homeward.familyReportText(fixture.olena, fixture.reference, .txt, .uk).contains("скасовано"))
        #expect(try fixture.homeward.familyReportText(fixture.olena, fixture.reference, .txt, .ru).contains("отменена"))
    }

    @Test func hoursAreMentionedOnlyWhenTheyAreSet() throws {
        let fixture = try FamilyReportTests.searching()
        try fixture.advance(fixture.r1, through: [.examination, .dnaSampled, .matchCandidate, .identified])
        #expect(try fixture.homeward.familyReportText(fixture.olena, fixture.reference, .txt, .en).contains("during our hours"))
        try fixture.homeward.unsetSetting(fixture.admin, key: "centre.hours")
        for language in ReportLanguage.allCases {
            let text = try fixture.homeward.familyReportText(fixture.olena, fixture.reference, .txt, language)
            for word in ["hours", "робочі години", "часы работы"] { #expect(!text.contains(word), "\(language): \(word)") }
        }
    }

    @Test func theAuthorityIsShownWithItsOwnContactsOnly() throws {
        let fixture = try FamilyReportTests.searching()
        try fixture.advance(fixture.r1, through: [.examination, .dnaSampled, .matchCandidate, .identified])
        let authority = try #require(try json(fixture, fixture.reference)["authority"] as? [String: Any])
        #expect(authority["phone"] as? String == "+380441111111")
        #expect(authority["address"] is NSNull, "the centre's address is not the authority's")
        #expect(authority["email"] is NSNull && authority["hours"] is NSNull)
        try fixture.homeward.unsetSetting(fixture.admin, key: "authority.phone")
        let noPhone = try #require(try json(fixture, fixture.reference)["authority"] as? [String: Any])
        #expect(noPhone["phone"] is NSNull, "never the centre's phone under the authority's name")
    }

    @Test func unknownFieldsAreNullNotLeftOut() throws {
        let fixture = try FamilyReportTests.searching()
        var form = shevchenkoForm()
        form.familyName = "Бондар"
        form.serviceNumber = nil
        let reference = try fixture.homeward.addInquiry(fixture.olena, form).reference
        let document = try json(fixture, reference)
        for key in ["status_date", "authority", "merged_into"] { #expect(document[key] is NSNull, "\(key)") }
        let person = try #require(document["person"] as? [String: Any])
        for key in ["service_number", "rank", "unit", "last_known_place", "circumstances", "distinguishing_features"] {
            #expect(person.keys.contains(key), "\(key) is there, null when unknown")
        }
        #expect(person["service_number"] is NSNull)
    }

    @Test func aMergedInquiryShowsItsOwnDetailsAndWhereItWent() throws {
        let fixture = try FamilyReportTests.searching()
        var form = shevchenkoForm()
        form.familyName = "Гордійчук"
        form.givenName = "Максим"
        form.serviceNumber = nil
        form.inquirerName = "Гордійчук Олена"
        let source = try fixture.homeward.addInquiry(fixture.olena, form).reference
        try fixture.homeward.mergeInquiry(fixture.olena, reference: source, into: fixture.reference, force: true)
        let document = try json(fixture, source)
        #expect(document["merged_into"] as? String == fixture.reference)
        let person = try #require(document["person"] as? [String: Any])
        #expect(person["family_name"] as? String == "Гордійчук", "the details this family gave, not the other inquiry's")
        let text = try fixture.homeward.familyReportText(fixture.olena, source, .txt, .en)
        #expect(text.contains(fixture.reference) && !text.contains("ЗСУ-4471203"))
    }
}
