import HomewardCore

/// `RegionDirectory.resolve`, `closest(to:limit:)` and the border table.
///
/// Properties: a resolved region is in the directory, resolves from its own code, and from
/// the same text with white space around it (and, for ASCII text, in upper or lower case);
/// a refusal stays a refusal with white space around it and suggests at most three
/// regions; no region borders itself, and borders go both ways.
enum RegionFuzzing {
    static func check(_ input: [UInt8]) throws(PropertyViolation) {
        let directory = RegionDirectory.standard
        try require(!directory.all.isEmpty, "the embedded region tables load")
        let text = text(input)
        let result = Result { () throws(RegionError) in try directory.resolve(text) }
        let padded = Result { () throws(RegionError) in try directory.resolve(" \t\(text) \n") }
        switch result {
        case let .success(region):
            try require(directory.all.contains(region), "a resolved region is in the directory", region.code)
            try require(directory.region(code: region.code) == region, "a region is found by its code", region.code)
            try require((try? directory.resolve(region.code)) == region, "a region resolves from its code", region.code)
            try require((try? padded.get()) == region, "white space around a region name changes nothing",
                        "\(shown(text)) is \(region.code), padded \(shown(padded))")
            if text.unicodeScalars.allSatisfy(\.isASCII) {
                for variant in [text.uppercased(), text.lowercased()] {
                    try require((try? directory.resolve(variant)) == region, "ASCII region names are case-insensitive",
                                "\(shown(text)) is \(region.code), \(shown(variant)) is \(shown(Result { try directory.resolve(variant) }))")
                }
            }
            for neighbour in directory.neighbours(of: region.code) {
                try require(neighbour != region.code && directory.areAdjacent(neighbour, region.code),
                            "borders go both ways and never to the region itself", "\(region.code) \(neighbour)")
            }
        case let .failure(error):
            if case let .unknown(_, suggestions) = error {
                try require(suggestions.count <= 3, "a refusal suggests at most three regions", shown(suggestions))
            }
            try require((try? padded.get()) == nil, "white space around an unknown name does not make it known",
                        "\(shown(text)) padded is \(shown(padded))")
            try require(!(error.errorDescription ?? "").isEmpty, "a region error says what is wrong")
        }
        try require(directory.closest(to: text, limit: 3).count <= 3, "closest(limit: 3) gives at most three")
        try require(!directory.areAdjacent(text, text), "no region borders itself", shown(text))
    }
}
