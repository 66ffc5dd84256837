import HomewardCore

/// The columns of a list of batches, as `batch list` and `demo` print them.
enum BatchTable {
    static let columns: [TextTable.Column] = [
        .init("CODE"), .init("DATE"), .init("KIND"), .init("STATUS"), .init("RECEIVED"), .init("LISTED"), .init("REGIONS", .wrap),
    ]

    static func row(_ batch: BatchSummary) -> [String] {
        [batch.code, batch.date, batch.kind, batch.status, batch.received.map(String.init) ?? "?",
         String(batch.manifestRecords), batch.regions.joined(separator: " ")]
    }
}
