import ArgumentParser
import HomewardCore

/// The fields of an inquiry as flags; names follow the CSV columns with dashes.
///
/// Flag values are visible in the process list and kept in shell history: the help of the
/// personal ones says so and points to `--form`.
struct InquiryFormOptions: ParsableArguments {
    static let exposed = " Visible to other local users and kept in shell history; prefer --form."

    @Option(help: ArgumentHelp("Family name as written (Cyrillic or Latin)." + exposed)) var familyName: String?
    @Option(help: ArgumentHelp("Given name as written." + exposed)) var givenName: String?
    @Option(help: ArgumentHelp("Patronymic as written." + exposed)) var patronymic: String?
    @Option(help: ArgumentHelp("YYYY, YYYY-MM or YYYY-MM-DD.", valueName: "date")) var dateOfBirth: String?
    @Option(help: "male, female or unknown.") var sex: String?
    @Option(help: "Military service number.") var serviceNumber: String?
    @Option(help: "Military unit.") var unit: String?
    @Option(help: "Rank.") var rank: String?
    @Option(name: [.customLong("region"), .customLong("last-known-region")],
            help: "Last known region: code (UA-14) or any name or alias.") var lastKnownRegion: String?
    @Option(name: [.customLong("place"), .customLong("last-known-place")], help: "Last known place.") var lastKnownPlace: String?
    @Option(name: [.customLong("last-seen"), .customLong("date-last-seen")],
            help: ArgumentHelp("YYYY-MM-DD, YYYY-MM or FROM..TO.", valueName: "date")) var dateLastSeen: String?
    @Option(help: "Circumstances of disappearance.") var circumstances: String?
    @Option(help: "Distinguishing features.") var distinguishingFeatures: String?
    @Option(help: ArgumentHelp("Who asks (family member's name)." + exposed)) var inquirerName: String?
    @Option(help: "Relationship to the missing person.") var relationship: String?
    @Option(help: ArgumentHelp("Inquirer's phone (+380… or 0XX XXX XX XX)." + exposed)) var phone: String?
    @Option(help: ArgumentHelp("Inquirer's e-mail." + exposed)) var email: String?
    @Option(help: "Report language: uk, en or ru.") var language: String?
    @Option(help: "Consent to tracing: yes or no.") var consentTracing: String?
    @Option(help: "Consent to DNA comparison: yes or no.") var consentDna: String?
    @Option(help: "Organisations the family allows sharing with.") var consentSharing: String?
    @Option(help: "hotline, office, email or partner.") var channel: String?
    @Option(help: ArgumentHelp("Date received (default today).", valueName: "date")) var receivedOn: String?
    @Option(help: "Internal notes (never shown to families).") var notes: String?

    var form: InquiryForm {
        var form = InquiryForm()
        form.familyName = familyName
        form.givenName = givenName
        form.patronymic = patronymic
        form.dateOfBirth = dateOfBirth
        form.sex = sex
        form.serviceNumber = serviceNumber
        form.unit = unit
        form.rank = rank
        form.lastKnownRegion = lastKnownRegion
        form.lastKnownPlace = lastKnownPlace
        form.dateLastSeen = dateLastSeen
        form.circumstances = circumstances
        form.distinguishingFeatures = distinguishingFeatures
        form.inquirerName = inquirerName
        form.relationship = relationship
        form.phone = phone
        form.email = email
        form.language = language
        form.consentTracing = consentTracing
        form.consentDNA = consentDna
        form.consentSharing = consentSharing
        form.channel = channel
        form.receivedOn = receivedOn
        form.notes = notes
        return form
    }
}
