/// Free text typed by staff (names, places, notes, reasons): trimmed, length-limited, and
/// refused when it holds control characters or broken UTF-8.
enum FreeText {
    /// The cleaned text, nil when empty; a problem is appended when it cannot be stored.
    /// Texts allowed over 200 characters may span several lines.
    static func check(_ field: String, _ value: String?, limit: Int = 200, into problems: inout [FieldProblem]) -> String? {
        guard let value = Cell.clean(value) else { return nil }
        if let reason = Cell.problem(value, multiline: limit > 200) {
            problems.append(FieldProblem(field: field, message: reason))
            return nil
        }
        // Characters are never more than UTF-8 bytes: count them only when the bytes are over.
        guard value.utf8.count <= limit || value.count <= limit else {
            problems.append(FieldProblem(field: field, message: "longer than \(limit) characters"))
            return nil
        }
        return value
    }

    /// ``check(_:_:limit:into:)`` for a single field, throwing its problem.
    static func checked(_ field: String, _ value: String?, limit: Int = 200) throws(CaseworkError) -> String? {
        var problems = [FieldProblem]()
        let text = check(field, value, limit: limit, into: &problems)
        if !problems.isEmpty { throw .invalid(problems) }
        return text
    }
}
