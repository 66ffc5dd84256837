import HomewardCore
import Testing
@testable import HomewardDemo

struct DemoCastTests {
    static let cast = DemoCast(scale: .small, seed: DemoStory.seed)

    @Test func theSameSeedTellsTheSameStory() {
        let again = DemoCast(scale: .small, seed: DemoStory.seed)
        #expect(again.firstTransfer.csv == Self.cast.firstTransfer.csv)
        #expect(again.exchange.csv == Self.cast.exchange.csv)
        #expect(again.inquiryCSV(seed: 1) == Self.cast.inquiryCSV(seed: 1))
    }

    @Test func noPersonIsInTwoManifests() {
        let manifests = [Self.cast.firstTransfer, Self.cast.exchange, Self.cast.secondTransfer]
        let persons = manifests.flatMap { $0.personByTag.values }
        #expect(Set(persons).count == persons.count)
        #expect(manifests.map(\.personByTag.count) == [120, 20, 40])
        #expect(Self.cast.exchange.csv.split(separator: "\n").dropFirst().allSatisfy { $0.contains(",returnee,") })
    }

    @Test func everyInquiryIsVisiblyFictional() throws {
        let table = try CSVTable(bytes: Array(Self.cast.inquiryCSV(seed: 1).utf8))
        #expect(table.header == DemoCast.inquiryHeader)
        let column = { (name: String) in try #require(table.header.firstIndex(of: name)) }
        let phone = try column("phone"), email = try column("email"), notes = try column("notes")
        var phones = Set<String>()
        for record in table.records {
            let parsed = try PhoneNumber.parse(record.fields[phone]).get()
            #expect(parsed.hasPrefix("+38044000"))
            phones.insert(parsed)
            #expect(record.fields[email].isEmpty || record.fields[email].hasSuffix("@example.org"))
            #expect(record.fields[notes] == "fictional demo data")
        }
        #expect(phones.count == table.records.count)
        #expect(table.records.count == 240)
    }

    @Test func languagesCoverAllThreeReports() {
        let languages = Set(Self.cast.people.indices.filter(Self.cast.hasInquiry).map(Self.cast.language))
        #expect(languages == Set(ReportLanguage.allCases))
    }
}
