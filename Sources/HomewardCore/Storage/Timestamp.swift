import Foundation

/// Instants are stored as ISO 8601 UTC text with milliseconds, which sorts as it reads (and
/// reads back as the same instant wherever it is read, as an API query must).
public enum Timestamp {
    private static let style = Date.ISO8601FormatStyle(includingFractionalSeconds: true)

    public static func text(_ date: Date) -> String {
        date.formatted(style)
    }

    static func date(_ text: String) -> Date? {
        try? style.parse(text)
    }
}
