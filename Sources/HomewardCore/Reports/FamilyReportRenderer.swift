import Foundation
import Mustache

/// Turns a ``FamilyReport`` into its HTML, plain-text or JSON document.
///
/// HTML and text come from one Mustache template each (``ReportTemplates``), with HTML
/// escaping on for every value; the words come from the language's table. JSON is the report
/// itself, encoded.
enum FamilyReportRenderer {
    /// Plain-text reports fit this many columns.
    static let textWidth = 80

    static func render(_ report: FamilyReport, as format: FamilyReportFormat) throws -> Data {
        switch format {
        case .json:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            return try encoder.encode(FamilyReport.Document(family: report)) + Data("\n".utf8)
        case .html:
            return Data(render(FamilyReportPage(report, wrap: nil), template: "family.html").utf8)
        case .txt:
            return Data(render(FamilyReportPage(report, wrap: textWidth), template: "family.txt").utf8)
        }
    }

    static func render(_ page: FamilyReportPage, template: String) -> String {
        guard let text = ReportTemplates.library.render(page, withTemplate: template) else {
            preconditionFailure("no template \(template)")
        }
        return text
    }
}

/// The report as its templates see it: every label in the report's language, every value
/// made printable, and, for plain text, every line already wrapped to the width.
struct FamilyReportPage {
    struct Item {
        let label: String
        let value: String
        let missing: Bool
        /// `label: value`, wrapped with a hanging indent (plain text only).
        let line: String
    }

    struct Paragraph {
        let text: String
    }

    /// A sentence around the inquiry's reference, so that HTML can keep the reference on one
    /// line (a browser would otherwise break it at a hyphen and leave the check letter alone).
    struct AroundReference {
        let before: String
        let reference: String
        let after: String
    }

    let lang: String
    let htmlTitle: String
    let centreName: String
    let title: String
    let about: String
    let header: [Item]
    let statusHeading: String
    let statusCode: String
    let statusTitle: String
    let statusText: String
    let mergedNote: String?
    let detailsHeading: String
    let detailsIntro: String
    let details: [Item]
    let nextHeading: String
    let nextSteps: [Paragraph]
    let contactHeading: String
    let contactReference: String
    /// ``contactReference`` cut at the reference, for HTML; nil if the words lack it.
    let contactReferenceParts: AroundReference?
    let centre: [Item]
    let authorityHeading: String?
    let authority: [Item]
    let privacyNote: String
    /// A line of `=` under the title, as wide as the text is.
    let rule: String

    init(_ report: FamilyReport, wrap width: Int?) {
        let words = ReportStrings[report.language]
        let person = report.person
        func clean(_ text: String) -> String { Cell.printable(text, multiline: true) }
        func paragraph(_ text: String, first: String = "", rest: String = "") -> String {
            width.map { TextWrap.text(clean(text), width: $0, first: first, rest: rest) } ?? clean(text)
        }
        func item(_ key: String, _ value: String?) -> Item {
            let label = words(key)
            let shown = value.map(clean) ?? words("not_recorded")
            let line = width.map { TextWrap.text("\(label): \(shown)", width: $0, rest: "    ") } ?? ""
            return Item(label: label, value: shown, missing: value == nil, line: line)
        }
        lang = report.language.tag
        htmlTitle = clean(words("html_title", ["reference": report.reference]))
        centreName = paragraph(report.centre.name)
        title = words("title")
        about = paragraph(words("for_family_of", ["name": Homeward.displayName(person, language: report.language)]))
        header = [
            item("reference", report.reference),
            item("received_on", words.date(report.receivedOn)),
            item("prepared_on", words.date(report.preparedOn)),
        ]
        statusHeading = words("section_status")
        statusCode = report.status.rawValue.replacingOccurrences(of: "_", with: "-")
        statusTitle = paragraph(report.statusTitle)
        statusText = paragraph(report.statusText)
        mergedNote = report.merged ? paragraph(words("merged_note", ["target": report.mergedInto ?? ""])) : nil
        detailsHeading = words("section_details")
        detailsIntro = paragraph(words("details_intro"))
        details = [
            item("field_family_name", person.familyName),
            item("field_given_name", person.givenName),
            item("field_patronymic", person.patronymic),
            item("field_latin_name", person.latinName),
            item("field_sex", person.sex == "unknown" ? nil : words("sex_\(person.sex)")),
            item("field_date_of_birth", person.dateOfBirth.map(words.date)),
            item("field_service_number", person.serviceNumber),
            item("field_rank", person.rank),
            item("field_unit", person.unit),
            item("field_last_known_region", person.lastKnownRegionName),
            item("field_last_known_place", person.lastKnownPlace),
            item("field_last_seen", words.dateRange(person.lastSeenFrom, person.lastSeenTo)),
            item("field_circumstances", person.circumstances),
            item("field_distinguishing_features", person.distinguishingFeatures),
            item("field_inquirer", words("inquirer", ["name": report.inquirerName, "relationship": report.relationship])),
        ]
        nextHeading = words("section_next")
        nextSteps = report.nextSteps.map { Paragraph(text: paragraph($0, first: "- ", rest: "  ")) }
        contactHeading = words("section_contact")
        contactReference = paragraph(words("contact_reference", ["reference": report.reference]))
        let sentence = clean(words("contact_reference", ["reference": report.reference]))
        contactReferenceParts = sentence.range(of: report.reference).map {
            AroundReference(before: String(sentence[..<$0.lowerBound]), reference: report.reference, after: String(sentence[$0.upperBound...]))
        }
        func contact(_ contact: FamilyReport.Contact) -> [Item] {
            [item("contact_name", contact.name)] + [
                ("contact_phone", contact.phone.map(PhoneNumber.readable)), ("contact_email", contact.email),
                ("contact_address", contact.address), ("contact_hours", contact.hours),
            ].compactMap { key, value in value.map { item(key, $0) } }
        }
        centre = contact(report.centre)
        authorityHeading = report.authority.map { _ in words("authority_heading") }
        authority = report.authority.map(contact) ?? []
        privacyNote = paragraph(words("privacy_note"))
        rule = String(repeating: "=", count: min(width ?? 0, title.count))
    }
}
