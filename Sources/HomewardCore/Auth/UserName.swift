/// User names: 2–64 characters, a letter first, then letters, digits, '.', '_' or '-'.
enum UserName {
    static func validate(_ name: String) throws(AccountError) {
        let scalars = Array(name.unicodeScalars)
        guard (2...64).contains(scalars.count), let first = scalars.first,
              first.properties.isAlphabetic,
              scalars.allSatisfy({ $0.properties.isAlphabetic || ("0"..."9").contains($0) || "._-".unicodeScalars.contains($0) })
        else { throw .invalidName(name) }
    }
}
