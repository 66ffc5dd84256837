import Foundation

/// Sex as recorded; `unknown` when not given.
public enum Sex: String, Sendable, Codable, CaseIterable {
    case male, female, unknown

    /// Accepts male/female/unknown, m/f, and the Ukrainian and Russian initials ч/м and ж.
    public init?(cell: String) {
        switch String(Cell.trimmed(cell)).lowercased() {
        case "male", "m", "ч", "м", "чоловіча", "чоловік", "мужской": self = .male
        case "female", "f", "ж", "жіноча", "жінка", "женский": self = .female
        case "unknown", "u", "", "?": self = .unknown
        default: return nil
        }
    }
}
