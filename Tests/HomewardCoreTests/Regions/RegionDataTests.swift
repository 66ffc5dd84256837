import Testing
@testable import HomewardCore

@Suite struct RegionDataTests {
    let directory = RegionDirectory.standard

    @Test func theEmbeddedTablesLoadInFileOrder() throws {
        #expect(directory.all.count == 30)
        #expect(directory.all.first?.code == "UA-05")
        #expect(directory.all.last?.code == "RU-KRS")
        let luhansk = try #require(directory.region(code: "UA-09"))
        #expect(luhansk.nameEN == "Luhansk Oblast")
        #expect(luhansk.nameUK == "Луганська область")
        #expect(luhansk.nameRU == "Луганская область")
        #expect(luhansk.aliases.contains("Lugansk"))
        #expect(directory.region(code: "ua-09") == luhansk)
        #expect(directory.region(code: "UA-99") == nil)
    }

    @Test func everyCodeIsISOShapedAndUnique() {
        let codes = directory.all.map(\.code)
        #expect(Set(codes).count == codes.count)
        #expect(codes.allSatisfy { $0.hasPrefix("UA-") || $0.hasPrefix("RU-") })
        for code in ["UA-30", "UA-40", "UA-43", "RU-KRS", "RU-BEL", "RU-BRY"] {
            #expect(codes.contains(code))
        }
    }

    @Test func theAdjacencyFileListsEveryBorderBothWays() throws {
        let table = try ReferenceTable(RegionDirectory.embeddedAdjacencyCSV)
        let code = try table.column("code")
        let neighbours = try table.column("neighbors")
        var edges: Set<[String]> = []
        for row in table.rows {
            for neighbour in row[neighbours].split(separator: "|") { edges.insert([row[code], String(neighbour)]) }
        }
        #expect(!edges.isEmpty)
        for edge in edges {
            #expect(edges.contains([edge[1], edge[0]]), "\(edge[0]) lists \(edge[1]) but not back")
        }
        #expect(Set(table.rows.map { $0[code] }) == Set(directory.all.map(\.code)))
    }

    @Test func adjacencyIsSymmetricAndIrreflexive() {
        for region in directory.all {
            #expect(!directory.neighbours(of: region.code).isEmpty, "\(region.code) has no neighbour")
            #expect(!directory.areAdjacent(region.code, region.code))
            for neighbour in directory.neighbours(of: region.code) {
                #expect(directory.areAdjacent(neighbour, region.code), "\(region.code)–\(neighbour)")
            }
        }
    }

    @Test func knownBorders() {
        #expect(directory.areAdjacent("UA-09", "UA-14"))
        #expect(directory.areAdjacent("UA-59", "RU-KRS"))
        #expect(directory.areAdjacent("ua-30", "UA-32"))
        #expect(!directory.areAdjacent("UA-09", "UA-46"))
        #expect(!directory.areAdjacent("UA-09", "XX-00"))
        #expect(directory.neighbours(of: "UA-30") == ["UA-32"])
        #expect(directory.neighbours(of: "UA-40") == ["UA-43"])
        #expect(directory.neighbours(of: "RU-KRS") == ["UA-59", "RU-BEL", "RU-BRY"])
        #expect(directory.neighbours(of: "nowhere") == [])
    }

    @Test func anAsymmetricTableIsMadeSymmetric() throws {
        let regions = "code,name_en,name_uk,name_ru,aliases\nA-1,One,Один,Один,\nA-2,Two,Два,Два,\n"
        let adjacency = "code,neighbors\nA-1,A-2\n"
        let directory = try RegionDirectory(regionsCSV: Array(regions.utf8), adjacencyCSV: Array(adjacency.utf8))
        #expect(directory.areAdjacent("A-2", "A-1"))
        #expect(directory.neighbours(of: "A-2") == ["A-1"])
    }

    @Test func brokenTablesAreRejected() {
        let regions = "code,name_en,name_uk,name_ru,aliases\nA-1,One,Один,Один,\n"
        #expect(throws: RegionDataError.unknownCode("A-9")) {
            try RegionDirectory(regionsCSV: Array(regions.utf8), adjacencyCSV: Array("code,neighbors\nA-1,A-9\n".utf8))
        }
        #expect(throws: RegionDataError.duplicateCode("A-1")) {
            try RegionDirectory(regionsCSV: Array((regions + "A-1,Uno,Один,Один,\n").utf8), adjacencyCSV: Array("code,neighbors\n".utf8))
        }
        #expect(throws: RegionDataError.missingColumn("name_en")) {
            try RegionDirectory(regionsCSV: Array("code\nA-1\n".utf8), adjacencyCSV: Array("code,neighbors\n".utf8))
        }
    }

    @Test func noNameLeadsToTwoRegions() {
        #expect(directory.names.ambiguousForms == [])
        #expect(directory.shortNames.ambiguousForms == [])
    }
}
