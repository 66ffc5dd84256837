import Foundation

/// A small reference table (regions, adjacency) read with the same CSV reader as imports,
/// cells trimmed and rows padded to the header's width.
struct ReferenceTable {
    let header: [String]
    let rows: [[String]]

    init(_ bytes: [UInt8]) throws(RegionDataError) {
        let table: CSVTable
        do {
            table = try CSVTable(bytes: bytes)
        } catch {
            throw .unreadable(error.localizedDescription)
        }
        header = table.header
        rows = table.records.map { record in
            let cells = record.fields.map { String(Cell.trimmed($0)) }
            return cells + Array(repeating: "", count: max(0, table.header.count - cells.count))
        }
    }

    /// The position of a column, by header name.
    func column(_ name: String) throws(RegionDataError) -> Int {
        guard let index = header.firstIndex(of: name) else { throw .missingColumn(name) }
        return index
    }
}
