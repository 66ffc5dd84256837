import HomewardCore

extension ISODate {
    /// Parses `text`, or throws a problem that ArgumentParser prints after the value.
    static func parse(_ text: String) throws -> ISODate {
        guard let date = ISODate(text) else {
            throw ArgumentProblem(description: "not an ISO 8601 date or date-time; use e.g. 2025-06-02 or 2025-06-02T10:00:00Z")
        }
        return date
    }
}
