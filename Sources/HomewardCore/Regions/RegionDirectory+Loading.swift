extension RegionDirectory {
    /// A directory read from the two CSV tables.
    ///
    /// - Parameters:
    ///   - regionsCSV: `code,name_en,name_uk,name_ru,aliases`, aliases separated by `|`.
    ///   - adjacencyCSV: `code,neighbors`, neighbour codes separated by `|`.
    init(regionsCSV: [UInt8], adjacencyCSV: [UInt8]) throws(RegionDataError) {
        let regionRows = try ReferenceTable(regionsCSV)
        let code = try regionRows.column("code")
        let nameEN = try regionRows.column("name_en")
        let nameUK = try regionRows.column("name_uk")
        let nameRU = try regionRows.column("name_ru")
        let aliases = try regionRows.column("aliases")
        let regions = regionRows.rows.map { row in
            Region(
                code: row[code], nameEN: row[nameEN], nameUK: row[nameUK], nameRU: row[nameRU],
                aliases: Self.list(row[aliases])
            )
        }

        let adjacencyRows = try ReferenceTable(adjacencyCSV)
        let from = try adjacencyRows.column("code")
        let to = try adjacencyRows.column("neighbors")
        var adjacency: [String: [String]] = [:]
        for row in adjacencyRows.rows {
            adjacency[row[from], default: []] += Self.list(row[to])
        }
        try self.init(regions: regions, adjacency: adjacency)
    }

    private static func list(_ cell: String) -> [String] {
        cell.split(separator: "|").map { String($0) }.filter { !$0.isEmpty }
    }
}
