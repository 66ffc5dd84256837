import HomewardCore

/// The person's recorded details as `show` blocks print them, shared by `inquiry show` and
/// `inquiry add --dry-run` so both read alike.
enum PersonFieldsOutput {
    static func lines(_ person: PersonView) -> [(label: String, value: String?)] {
        [
            ("Name", [person.familyName, person.givenName, person.patronymic].compactMap { $0 }.joined(separator: " ")),
            ("Latin", person.latinName),
            ("Sex", person.sex), ("Born", person.dateOfBirth), ("Service no.", person.serviceNumber),
            ("Unit", person.unit), ("Rank", person.rank),
            ("Last region", "\(person.lastKnownRegion) \(person.lastKnownRegionName)"),
            ("Last place", person.lastKnownPlace), ("Last seen", person.lastSeen),
            ("Circumstances", person.circumstances), ("Features", person.distinguishingFeatures),
        ]
    }

    /// "2025-01-14 via hotline, report language uk" and the consents, as one line each.
    static func receipt(receivedOn: String, channel: String, language: String, consentTracing: Bool, consentDNA: Bool,
                        consentSharing: String?) -> [(label: String, value: String?)] {
        [
            ("Received", "\(receivedOn) via \(channel), report language \(language)"),
            ("Consent", "tracing \(consentTracing ? "yes" : "no"), DNA \(consentDNA ? "yes" : "no")"
                + (consentSharing.map { ", sharing with \($0)" } ?? "")),
        ]
    }
}
