/// A key of the centre's settings: one of a documented set, optionally for one language.
///
/// `centre.name` is what every report prints; `centre.name.en` is what an English report
/// prints instead when it is set. The set is fixed here so a typo (`center.name`) is refused
/// rather than stored and silently ignored by every report.
public struct SettingKey: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The settings homeward knows, with what each is for (printed by `settings list`).
    public enum Base: String, Sendable, CaseIterable {
        case centreName = "centre.name"
        case centrePhone = "centre.phone"
        case centreEmail = "centre.email"
        case centreAddress = "centre.address"
        case centreHours = "centre.hours"
        case authorityName = "authority.name"
        case authorityPhone = "authority.phone"
        case authorityAddress = "authority.address"

        /// What the value is for, in one line that fits `settings --help` (60 characters).
        public var purpose: String {
            switch self {
            case .centreName: "the centre's name, as families know it (required)"
            case .centrePhone: "the number families call, stored in E.164 (required)"
            case .centreEmail: "the e-mail address families write to"
            case .centreAddress: "the centre's postal or visiting address"
            case .centreHours: "when the centre answers, e.g. \"Mon–Fri 9:00–18:00\""
            case .authorityName: "whom to contact after an identification (else the centre)"
            case .authorityPhone: "that authority's phone number (shown with authority.name)"
            case .authorityAddress: "that authority's address (shown with authority.name)"
            }
        }

    }

    public let base: Base
    /// The report language this value is for, or nil for every language.
    public let language: ReportLanguage?

    public init(_ base: Base, language: ReportLanguage? = nil) {
        self.base = base
        self.language = language
    }

    /// Parses `centre.name` or `centre.name.uk`.
    ///
    /// - Throws: ``SettingsError/unknownKey(_:)`` naming the keys there are.
    public static func parse(_ text: String) throws(SettingsError) -> SettingKey {
        // Checked first: quoting trims, and "centre.name" + a line break would read as a key
        // that is refused and then suggested.
        if let scalar = text.unicodeScalars.first(where: Cell.couldForgeOutput) { throw .unreadableKey(text, scalar) }
        let lowered = text.lowercased()
        if let base = Base(rawValue: lowered) { return SettingKey(base) }
        if let dot = lowered.lastIndex(of: "."), let base = Base(rawValue: String(lowered[..<dot])),
           let language = ReportLanguage(rawValue: String(lowered[lowered.index(after: dot)...])) {
            return SettingKey(base, language: language)
        }
        throw .unknownKey(text)
    }

    public var description: String { language.map { "\(base.rawValue).\($0.rawValue)" } ?? base.rawValue }

    public static func < (lhs: SettingKey, rhs: SettingKey) -> Bool { lhs.description < rhs.description }
}
