import ArgumentParser
import HomewardCore

struct InquiryShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "Show one inquiry in full.")

    @Argument(help: "Inquiry reference, e.g. HW-2025-000123-K.") var reference: String
    @OptionGroup var options: GlobalOptions

    func run() throws {
        let context = try CommandContext(options)
        let view = try context.service.inquiry(reference: reference)
        if options.json { return try Output.json(view) }
        let person = view.person
        var lines: [(label: String, value: String?)] = [
            ("Reference", view.reference),
            // A merged inquiry's reason is the one of its status before the merge, not of the merge.
            ("Status", view.status + (view.mergedInto == nil ? view.statusReason.map { " (\($0))" } ?? "" : "")
                + (view.mergedInto.map { " into \($0)" } ?? "")),
        ] + PersonFieldsOutput.lines(person) + [("DNA reference", person.dnaReferenceStatus)]
            + PersonFieldsOutput.receipt(receivedOn: view.receivedOn, channel: view.channel, language: view.language,
                                         consentTracing: view.consentTracing, consentDNA: view.consentDNA,
                                         consentSharing: view.consentSharing)
            + [("Coordinator", view.coordinator)]
        if let contact = view.contact {
            lines += [
                ("Inquirer", "\(contact.inquirerName) (\(contact.relationship))"),
                ("Phone", contact.phone), ("E-mail", contact.email), ("Notes", view.notes),
            ]
        }
        if !view.relatedInquiries.isEmpty { lines.append(("Also", view.relatedInquiries.joined(separator: ", "))) }
        if let links = view.links { lines.append(("Matching", Self.matchingSummary(links, reference: view.reference))) }
        if let contacts = view.contacts { lines.append(("Contacts", Self.contactSummary(contacts))) }
        Output.fields(lines)
    }

    /// Saved candidate batches and links, or how to find them.
    static func matchingSummary(_ links: LinkCounts, reference: String) -> String {
        let total = links.candidateBatches + links.candidateRecords + links.confirmed + links.rejected
        guard total > 0 else { return "no saved candidates\n('homeward match --inquiry \(reference) --save')" }
        func count(_ number: Int, _ one: String, _ many: String) -> String { "\(number) \(number == 1 ? one : many)" }
        return [count(links.candidateBatches, "candidate batch", "candidate batches"),
                count(links.candidateRecords, "candidate record", "candidate records"),
                "\(links.confirmed) confirmed", "\(links.rejected) rejected"].joined(separator: ", ")
            + "\n('homeward link list --inquiry \(reference)')"
    }

    /// How many contacts `show` lists; `--json` has them all.
    static let latestContacts = 5

    /// How many contacts there are, and the latest, newest first, one per line.
    static func contactSummary(_ contacts: [ContactEntry]) -> String {
        guard !contacts.isEmpty else { return "none logged ('homeward inquiry contact')" }
        let latest = contacts.count > latestContacts ? ", latest \(latestContacts) shown (--json for all)" : ""
        let entries = contacts.prefix(latestContacts).map { contact in
            let how = contact.channel + (contact.outcome.map { ", \($0.replacingOccurrences(of: "_", with: " "))" } ?? "")
            return "\(contact.at.prefix(16).replacingOccurrences(of: "T", with: " "))  \(how)  (\(contact.by)): \(Output.nested(contact.note))"
        }
        return (["\(contacts.count) logged\(latest)"] + entries).joined(separator: "\n")
    }
}
