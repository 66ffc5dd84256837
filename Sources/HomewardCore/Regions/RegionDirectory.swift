/// The regions Homeward knows, their names in three languages and their land borders.
///
/// Built once from the tables embedded in the binary (`regions.csv`, `adjacency.csv`);
/// every lookup afterwards is a dictionary probe, so imports can resolve a region per row.
public struct RegionDirectory: Sendable {
    /// The directory parsed once from the embedded CSVs.
    ///
    /// Falls back to an empty directory only if the embedded tables were broken at build
    /// time, which the test suite rules out; library code must not trap.
    public static let standard: RegionDirectory =
        (try? RegionDirectory(regionsCSV: embeddedRegionsCSV, adjacencyCSV: embeddedAdjacencyCSV)) ?? RegionDirectory()

    /// The shipped tables, named here because a test module's own `PackageResources` hides this one.
    static var embeddedRegionsCSV: [UInt8] { PackageResources.regions_csv }
    static var embeddedAdjacencyCSV: [UInt8] { PackageResources.adjacency_csv }

    /// Every region, in file order.
    public let all: [Region]

    private let indexByCode: [String: Int]
    /// Codes lowercased without separators ("ua09"), so "UA-09", "ua 09" and "UA09" agree.
    let indexByCompactCode: [String: Int]
    /// Neighbour indices per region, in file order; symmetric by construction.
    private let neighbourIndices: [[Int]]
    /// Every name and alias as written, with its region and city words kept as markers.
    let names: RegionFormIndex
    /// Names that carry a region word, without it ("Київська" for "Київська область").
    let shortNames: RegionFormIndex
    /// Codes, names and aliases exactly as the tables write them: the common case in
    /// imports, answered without normalising.
    let indexByExactName: [String: Int]
    /// Name keys of every name and code, for suggestions.
    let suggestionKeys: [(key: String, region: Int)]
    /// Other spellings already resolved, shared by every thread: an import writes a few
    /// dozen spellings over and over.
    let resolved = ResolvedSpellings()

    /// A directory over the given regions and land borders.
    ///
    /// - Parameter adjacency: neighbour codes by region code; an edge listed in one
    ///   direction only is taken in both.
    /// - Throws: `RegionDataError` for a duplicate code or a border with an unknown region.
    init(regions: [Region], adjacency: [String: [String]]) throws(RegionDataError) {
        var indexByCode: [String: Int] = [:]
        var indexByCompactCode: [String: Int] = [:]
        for (index, region) in regions.enumerated() {
            guard indexByCode.updateValue(index, forKey: region.code) == nil else {
                throw .duplicateCode(region.code)
            }
            indexByCompactCode[RegionPhrase(region.code).compact] = index
        }

        var neighbours = Array(repeating: Set<Int>(), count: regions.count)
        for (code, neighbourCodes) in adjacency {
            guard let index = indexByCode[code] else { throw .unknownCode(code) }
            for neighbourCode in neighbourCodes {
                guard let neighbour = indexByCode[neighbourCode], neighbour != index else {
                    throw .unknownCode(neighbourCode)
                }
                neighbours[index].insert(neighbour)
                neighbours[neighbour].insert(index)
            }
        }

        var names = RegionFormIndex()
        var shortNames = RegionFormIndex()
        var suggestionKeys: [(key: String, region: Int)] = []
        var seenKeys = Set<String>()
        var indexByExactName: [String: Int] = [:]
        for (index, region) in regions.enumerated() {
            for name in region.names + [region.code] {
                indexByExactName[name] = indexByExactName[name] == nil ? index : -1
                let phrase = RegionPhrase(name)
                guard !phrase.words.isEmpty else { continue }
                let key = phrase.key
                if name != region.code {
                    names.add(plain: phrase.marked(phrase.plain), key: phrase.marked(key), region: index)
                    if phrase.hasRegionWord, !phrase.hasCityWord {
                        shortNames.add(plain: phrase.plain, key: key, region: index)
                    }
                }
                if seenKeys.insert("\(index) \(key)").inserted { suggestionKeys.append((key, index)) }
            }
        }

        self.all = regions
        self.indexByCode = indexByCode
        self.indexByCompactCode = indexByCompactCode
        self.neighbourIndices = neighbours.map { $0.sorted() }
        self.names = names
        self.shortNames = shortNames
        self.suggestionKeys = suggestionKeys
        self.indexByExactName = indexByExactName.filter { $0.value >= 0 }  // -1: shared by two regions
    }

    private init() {
        all = []
        indexByCode = [:]
        indexByCompactCode = [:]
        neighbourIndices = []
        names = RegionFormIndex()
        shortNames = RegionFormIndex()
        suggestionKeys = []
        indexByExactName = [:]
    }

    /// The region with this code ("UA-09"; case-insensitive), or nil.
    public func region(code: String) -> Region? {
        index(code: code).map { all[$0] }
    }

    /// Whether two regions, given by code, share a land border.
    public func areAdjacent(_ a: String, _ b: String) -> Bool {
        guard let first = index(code: a), let second = index(code: b) else { return false }
        return neighbourIndices[first].contains(second)
    }

    /// Codes of the regions bordering the given one, in file order; empty for an unknown code.
    public func neighbours(of code: String) -> [String] {
        guard let index = index(code: code) else { return [] }
        return neighbourIndices[index].map { all[$0].code }
    }

    func index(code: String) -> Int? {
        indexByCode[code] ?? indexByCode[code.uppercased()]
    }
}
