import Foundation

/// An inquiry as typed: one optional text per field, from command-line flags or CSV cells.
///
/// Field names are the CSV column names; ``validate(regions:)`` turns the form into typed
/// values or lists every field at fault.
public struct InquiryForm: Sendable, Equatable {
    public var familyName: String?
    public var givenName: String?
    public var patronymic: String?
    public var dateOfBirth: String?
    public var sex: String?
    public var serviceNumber: String?
    public var unit: String?
    public var rank: String?
    public var lastKnownRegion: String?
    public var lastKnownPlace: String?
    public var dateLastSeen: String?
    public var circumstances: String?
    public var distinguishingFeatures: String?
    public var inquirerName: String?
    public var relationship: String?
    public var phone: String?
    public var email: String?
    public var language: String?
    public var consentTracing: String?
    public var consentDNA: String?
    public var consentSharing: String?
    public var channel: String?
    public var receivedOn: String?
    public var notes: String?

    public init() {}

    /// The CSV columns of `inquiry import`, in their documented order, and the form field each fills.
    public static var columns: [(name: String, keyPath: WritableKeyPath<InquiryForm, String?>)] {[
        ("family_name", \.familyName), ("given_name", \.givenName), ("patronymic", \.patronymic),
        ("date_of_birth", \.dateOfBirth), ("sex", \.sex), ("service_number", \.serviceNumber),
        ("unit", \.unit), ("rank", \.rank), ("last_known_region", \.lastKnownRegion),
        ("last_known_place", \.lastKnownPlace), ("date_last_seen", \.dateLastSeen),
        ("inquirer_name", \.inquirerName), ("relationship", \.relationship), ("phone", \.phone),
        ("email", \.email), ("language", \.language), ("consent_tracing", \.consentTracing),
        ("received_on", \.receivedOn), ("notes", \.notes),
    ]}

    /// Every field, by its CSV column / flag name (the import columns plus the fields only
    /// `inquiry add` and `inquiry update` set).
    public static var allFields: [(name: String, keyPath: WritableKeyPath<InquiryForm, String?>)] { columns + [
        ("circumstances", \.circumstances), ("distinguishing_features", \.distinguishingFeatures),
        ("consent_dna", \.consentDNA), ("consent_sharing", \.consentSharing), ("channel", \.channel),
    ]}

    /// Columns an import file must have.
    public static let requiredColumns: Set<String> = [
        "family_name", "given_name", "last_known_region", "date_last_seen", "inquirer_name", "relationship",
    ]
}

/// An inquiry whose every field has been checked and normalised.
struct ValidInquiry: Sendable {
    var person: PersonFields
    var inquirerName: String
    var relationship: String
    var phone: String?
    var email: String?
    var language: String
    var consentTracing: Bool
    var consentDNA: Bool
    var consentSharing: String?
    var channel: String
    var receivedOn: CalendarDate
    var notes: String?
    /// Values accepted but unlikely (an age, a date order), by field, for the coordinator to check.
    var warnings: [FieldProblem] = []
}

/// A person's recorded details with their derived spellings and keys.
///
/// The derived values are computed once, when the fields are validated: imports validate on
/// every core, while rows are written on one.
struct PersonFields: Sendable {
    let familyName: String
    let givenName: String
    let patronymic: String?
    /// Which official system spells the names in Latin.
    let nameLanguage: CyrillicLanguage
    var sex: Sex
    var dateOfBirth: PartialDate?
    var serviceNumber: String?
    var unit: String?
    var rank: String?
    var region: String
    var place: String?
    var lastSeen: DayRange
    var circumstances: String?
    var features: String?

    /// Official Latin spellings of the three names.
    let latin: (family: String, given: String, patronymic: String?)
    /// The search keys of each name field's words.
    let nameKeys: (family: [String], given: [String], patronymic: [String])
    let serviceNumberKey: String?
    /// The name keys as the search index stores them, one text per name field.
    let searchColumns: (family: String, given: String, patronymic: String)

    init(familyName: String, givenName: String, patronymic: String?, nameLanguage: CyrillicLanguage, sex: Sex,
         dateOfBirth: PartialDate?, serviceNumber: String?, unit: String?, rank: String?, region: String, place: String?,
         lastSeen: DayRange, circumstances: String?, features: String?) {
        self.familyName = familyName
        self.givenName = givenName
        self.patronymic = patronymic
        self.nameLanguage = nameLanguage
        self.sex = sex
        self.dateOfBirth = dateOfBirth
        self.serviceNumber = serviceNumber
        self.unit = unit
        self.rank = rank
        self.region = region
        self.place = place
        self.lastSeen = lastSeen
        self.circumstances = circumstances
        self.features = features
        latin = (Transliteration.latin(familyName, language: nameLanguage), Transliteration.latin(givenName, language: nameLanguage),
                 patronymic.map { Transliteration.latin($0, language: nameLanguage) })
        nameKeys = (NameKey.keys(familyName), NameKey.keys(givenName), patronymic.map(NameKey.keys) ?? [])
        serviceNumberKey = serviceNumber.flatMap(ServiceNumber.key)
        searchColumns = (SearchToken.column(nameKeys.family), SearchToken.column(nameKeys.given),
                         SearchToken.column(nameKeys.patronymic))
    }

    /// Ukrainian or Russian spelling: decided by letters unique to one alphabet, else by the
    /// family's language when that is Russian, else Ukrainian.
    static func nameLanguage(of names: String, inquiryLanguage: String) -> CyrillicLanguage {
        let guessed = Transliteration.guessLanguage(names)
        let hasUkrainianLetters = names.unicodeScalars.contains { "іїєґІЇЄҐ".unicodeScalars.contains($0) }
        if guessed == .uk, !hasUkrainianLetters, inquiryLanguage == "ru" { return .ru }
        return guessed
    }
}
