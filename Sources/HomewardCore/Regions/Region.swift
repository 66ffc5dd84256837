/// An oblast, city with special status, or Russian border region where soldiers went missing.
///
/// Codes are ISO 3166-2 (UA-09 Luhansk Oblast, UA-30 Kyiv city, RU-KRS Kursk Oblast).
public struct Region: Sendable, Hashable, Codable {
    /// The ISO 3166-2 code, "UA-09".
    public let code: String
    /// The official name in English, Ukrainian and Russian ("Luhansk Oblast", "Луганська область").
    public let nameEN, nameUK, nameRU: String
    /// Other spellings in use: Russian-derived Latin names, short forms, old names.
    public let aliases: [String]

    /// A region with the given code and names.
    public init(code: String, nameEN: String, nameUK: String, nameRU: String, aliases: [String]) {
        self.code = code
        self.nameEN = nameEN
        self.nameUK = nameUK
        self.nameRU = nameRU
        self.aliases = aliases
    }

    /// How messages name the region: "Luhansk Oblast (UA-09)".
    public var label: String { "\(nameEN) (\(code))" }

    /// Every name the region is known by, official names first.
    var names: [String] { [nameEN, nameUK, nameRU] + aliases }
}
