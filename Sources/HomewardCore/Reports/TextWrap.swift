/// Words on lines of at most a given width, for plain-text reports.
enum TextWrap {
    /// `text` wrapped to `width` characters: each of its own lines (paragraphs) separately,
    /// the first line starting with `first`, the others with `rest`; a word longer than a
    /// line (a long e-mail address) is cut where the line ends rather than run past it.
    static func lines(_ text: String, width: Int, first: String = "", rest: String = "") -> [String] {
        var result = [String]()
        for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var line = result.isEmpty ? first : rest
            // Whether `line` holds a word yet, not only its indent (the indents may differ).
            var hasWords = false
            var words = paragraph.split(separator: " ").map(String.init)[...]
            while let word = words.popFirst() {
                let room = width - line.count - (hasWords ? 1 : 0)
                if word.count <= room {
                    line += (hasWords ? " " : "") + word
                    hasWords = true
                } else if hasWords {
                    result.append(line)
                    line = rest
                    hasWords = false
                    words.insert(word, at: words.startIndex)
                } else {
                    // A word wider than the whole line: as much as fits, the rest on the next.
                    let fit = max(1, width - line.count)
                    result.append(line + word.prefix(fit))
                    line = rest
                    let remainder = String(word.dropFirst(fit))
                    if !remainder.isEmpty { words.insert(remainder, at: words.startIndex) }
                }
            }
            result.append(line)
        }
        return result.map { String($0.reversed().drop { $0 == " " }.reversed()) }
    }

    /// ``lines(_:width:first:rest:)`` joined by line breaks.
    static func text(_ text: String, width: Int, first: String = "", rest: String = "") -> String {
        lines(text, width: width, first: first, rest: rest).joined(separator: "\n")
    }
}
