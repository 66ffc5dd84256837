import Foundation

/// One person found by `search`, with the inquiries about them.
public struct SearchHit: Sendable, Codable, Equatable {
    /// The newest active inquiry about the person.
    public var reference: String
    public var references: [String]
    public var familyName: String
    public var givenName: String
    public var patronymic: String?
    public var latinName: String
    public var dateOfBirth: String?
    public var lastKnownRegion: String
    public var status: String
    /// Higher is better: 100 for an exact reference, service number or phone; otherwise the
    /// sum over query words of how well each matched a name (1 exact, less for typos).
    public var score: Double
    public var matchedBy: String

    enum CodingKeys: String, CodingKey {
        case reference, references, status, score, patronymic
        case familyName = "family_name", givenName = "given_name", latinName = "latin_name"
        case dateOfBirth = "date_of_birth", lastKnownRegion = "last_known_region", matchedBy = "matched_by"
    }
}
