/// Name keys written as FTS5 tokens.
///
/// FTS5's tokenizer folds case and splits on anything but letters and digits, while name
/// keys use upper-case letters as symbols of their own (W for ш). Each key is therefore
/// escaped injectively to `[a-z0-9]`: lower-case ASCII letters stay, every other scalar
/// becomes "0" followed by its value in six hex digits.
enum SearchToken {
    static func encode(_ key: String) -> String {
        var result = ""
        result.reserveCapacity(key.utf8.count + 8)
        for scalar in key.unicodeScalars {
            if ("a"..."z").contains(scalar) {
                result.unicodeScalars.append(scalar)
            } else {
                let hex = String(scalar.value, radix: 16)
                result += "0" + String(repeating: "0", count: max(0, 6 - hex.count)) + hex
            }
        }
        return result
    }

    /// The FTS5 column text of one name: its words' keys, escaped, space-separated.
    static func column(_ keys: [String]) -> String {
        keys.map(encode).joined(separator: " ")
    }

    /// An FTS5 query for one key in the given columns, e.g. `{family} : "0000057evk"`.
    static func query(_ key: String, columns: [String]) -> String {
        "{\(columns.joined(separator: " "))} : \"\(encode(key))\""
    }
}
