/// User names: 2–64 characters of lower-case ASCII letters, digits, '.', '_' and '-',
/// starting with a letter.
///
/// Only ASCII, so that no two names can look alike (a Cyrillic "е" beside a Latin "e") and
/// every comparison folds case the same way in Swift and in SQLite.
public enum UserName {
    public static let rule = "2 to 64 lower-case Latin letters (a-z), digits, '.', '_' or '-', starting with a letter"

    static func validate(_ name: String) throws(AccountError) {
        let scalars = Array(name.unicodeScalars)
        guard (2...64).contains(scalars.count), let first = scalars.first, ("a"..."z").contains(first),
              scalars.allSatisfy({ ("a"..."z").contains($0) || ("0"..."9").contains($0) || "._-".unicodeScalars.contains($0) })
        else { throw .invalidName(name) }
    }

    /// The canonical key of a typed name: ASCII letters lower-cased, everything else as is
    /// (as SQLite's `lower()` made the keys of names stored before this rule).
    public static func key(_ name: String) -> String {
        var key = String.UnicodeScalarView()
        for scalar in name.unicodeScalars {
            if ("A"..."Z").contains(scalar), let lower = Unicode.Scalar(scalar.value + 32) {
                key.append(lower)
            } else {
                key.append(scalar)
            }
        }
        return String(key)
    }
}
