import ArgumentParser
import HomewardCore

struct InquiryShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "Show one inquiry in full.")

    @Argument(help: "Inquiry reference, e.g. HW-2025-000123-K.") var reference: String
    @OptionGroup var options: GlobalOptions

    func run() throws {
        let context = try CommandContext(options)
        let view = try context.homeward.inquiry(try context.actor(), reference: reference)
        if options.json { return try Output.json(view) }
        let person = view.person
        var lines: [(label: String, value: String?)] = [
            ("Reference", view.reference),
            ("Status", view.status + (view.statusReason.map { " (\($0))" } ?? "") + (view.mergedInto.map { " into \($0)" } ?? "")),
            ("Name", [person.familyName, person.givenName, person.patronymic].compactMap { $0 }.joined(separator: " ")),
            ("Latin", person.latinName),
            ("Sex", person.sex), ("Born", person.dateOfBirth), ("Service no.", person.serviceNumber),
            ("Unit", person.unit), ("Rank", person.rank),
            ("Last region", "\(person.lastKnownRegion) \(person.lastKnownRegionName)"),
            ("Last place", person.lastKnownPlace), ("Last seen", person.lastSeen),
            ("Circumstances", person.circumstances), ("Features", person.distinguishingFeatures),
            ("DNA reference", person.dnaReferenceStatus),
            ("Received", "\(view.receivedOn) via \(view.channel), report language \(view.language)"),
            ("Consent", "tracing \(view.consentTracing ? "yes" : "no"), DNA \(view.consentDNA ? "yes" : "no")"
                + (view.consentSharing.map { ", sharing with \($0)" } ?? "")),
            ("Coordinator", view.coordinator),
        ]
        if let contact = view.contact {
            lines += [
                ("Inquirer", "\(contact.inquirerName) (\(contact.relationship))"),
                ("Phone", contact.phone), ("E-mail", contact.email), ("Notes", view.notes),
            ]
        }
        if !view.relatedInquiries.isEmpty { lines.append(("Also", view.relatedInquiries.joined(separator: ", "))) }
        Output.fields(lines)
    }
}
