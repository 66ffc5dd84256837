import HomewardCore

extension DemoRun {
    /// The families' inquiries, imported by the coordinator through the CSV importer.
    func importInquiries() throws {
        let csv = cast.inquiryCSV(seed: DemoStory.seed &+ 10)
        let table = try CSVTable(bytes: Array(csv.utf8))
        inquiries = try store.importInquiries(try actor(DemoStaff.coordinator), table: table).rows
    }
}
