import Foundation

/// How the centre was in touch with a family.
public enum ContactChannel: String, Sendable, Codable, CaseIterable {
    case phone, email, visit, letter
}

/// How a contact attempt went, when it is worth saying.
public enum ContactOutcome: String, Sendable, Codable, CaseIterable {
    case reached
    case noAnswer = "no_answer"
    case leftMessage = "left_message"
}

/// One entry of an inquiry's contact log: who was in touch with the family, when, how, and how it went.
public struct ContactEntry: Sendable, Codable, Equatable {
    public var at: String
    public var by: String
    public var channel: String
    public var outcome: String?
    public var note: String
}

/// What `inquiry contact` reports.
public struct ContactRecorded: Sendable, Codable, Equatable {
    public var reference: String
    public var channel: String
    public var outcome: String?
    public var at: String
    /// Contacts logged for this inquiry, this one included.
    public var contactCount: Int

    enum CodingKeys: String, CodingKey {
        case reference, channel, outcome, at
        case contactCount = "contact_count"
    }
}
