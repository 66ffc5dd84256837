@testable import HomewardCore

/// Rows of the reference example tables, read from the copies embedded in this test target.
enum Fixtures {
    static func rows(_ bytes: [UInt8]) throws -> [[String: String]] {
        let table = try ReferenceTable(bytes)
        return table.rows.map { row in
            Dictionary(uniqueKeysWithValues: zip(table.header, row))
        }
    }

    static var ukrainianExamples: [[String: String]] {
        get throws { try rows(PackageResources.translit_uk_examples_csv) }
    }

    static var russianExamples: [[String: String]] {
        get throws { try rows(PackageResources.translit_ru_examples_csv) }
    }
}
