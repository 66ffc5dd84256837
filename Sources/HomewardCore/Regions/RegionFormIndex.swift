/// What a normalised region form leads to.
enum RegionMatch: Sendable, Equatable {
    /// The index of the one region in `RegionDirectory.all`.
    case region(Int)
    /// Several regions share the form; the caller must not pick one.
    case ambiguous([Int])
}

/// Normalised forms of region names, looked up first as written, then by name key.
struct RegionFormIndex: Sendable {
    private var plain: [String: RegionMatch] = [:]
    private var keyed: [String: RegionMatch] = [:]

    /// Adds a form; a form already leading to another region becomes ambiguous.
    mutating func add(plain plainForm: String, key keyForm: String, region: Int) {
        Self.add(plainForm, region, to: &plain)
        Self.add(keyForm, region, to: &keyed)
    }

    func match(plain plainForm: String) -> RegionMatch? { plain[plainForm] }

    func match(key keyForm: String) -> RegionMatch? { keyed[keyForm] }

    /// Forms that lead to more than one region, for data checks.
    var ambiguousForms: [String] {
        let plainForms = plain.filter { $0.value.isAmbiguous }.map(\.key)
        let keyForms = keyed.filter { $0.value.isAmbiguous }.map(\.key)
        return (plainForms + keyForms).sorted()
    }

    private static func add(_ form: String, _ region: Int, to table: inout [String: RegionMatch]) {
        switch table[form] {
        case nil:
            table[form] = .region(region)
        case .region(let existing) where existing != region:
            table[form] = .ambiguous([existing, region])
        case .ambiguous(let regions) where !regions.contains(region):
            table[form] = .ambiguous(regions + [region])
        default:
            break
        }
    }
}

extension RegionMatch {
    var isAmbiguous: Bool {
        if case .ambiguous = self { true } else { false }
    }
}
