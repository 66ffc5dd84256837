/// The language whose official romanisation applies to a Cyrillic text.
public enum CyrillicLanguage: String, Sendable, CaseIterable, Codable {
    /// Ukrainian: Cabinet of Ministers resolution 55 (2010).
    case uk
    /// Russian: ICAO Doc 9303, as in Russian passports since 2013.
    case ru
}
