/// LIKE patterns built from typed text, with the text matched literally.
enum LikePattern {
    /// The escape character every pattern from this type declares (`ESCAPE '\'`).
    static let escape: Character = "\\"

    /// `text` with `%`, `_` and the escape character escaped, so that each matches only itself.
    static func literal(_ text: String) -> String {
        var result = ""
        for character in text {
            if character == "%" || character == "_" || character == escape { result.append(escape) }
            result.append(character)
        }
        return result
    }

    /// A pattern matching every text that starts with `prefix`.
    static func prefix(_ prefix: String) -> String { literal(prefix) + "%" }
}
