import ArgumentParser
import HomewardCore

struct RegionsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "regions", abstract: "List the regions with their codes, names and neighbours.")

    @Flag(help: "Machine-readable JSON.") var json = false

    func run() throws {
        let directory = RegionDirectory.standard
        if json {
            return try Output.json(directory.all.map { region in
                RegionOutput(code: region.code, nameEN: region.nameEN, nameUK: region.nameUK, nameRU: region.nameRU,
                             aliases: region.aliases, neighbours: directory.neighbours(of: region.code))
            })
        }
        Output.table(TextTable(
            columns: [.init("CODE"), .init("ENGLISH", .shrink), .init("УКРАЇНСЬКОЮ", .shrink), .init("NEIGHBOURS", .wrap)],
            rows: directory.all.map { region in
                [region.code, region.nameEN, region.nameUK, directory.neighbours(of: region.code).joined(separator: " ")]
            }))
    }
}

struct RegionOutput: Encodable {
    let code, nameEN, nameUK, nameRU: String
    let aliases, neighbours: [String]

    enum CodingKeys: String, CodingKey {
        case code, aliases, neighbours
        case nameEN = "name_en", nameUK = "name_uk", nameRU = "name_ru"
    }
}
