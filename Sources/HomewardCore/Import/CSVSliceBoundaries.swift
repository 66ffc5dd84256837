/// Where to split CSV input so that each slice starts at a record.
enum CSVSliceBoundaries {
    /// About `count` consecutive ranges covering `bytes`, split just after line feeds that
    /// follow an even number of quote characters. In well-formed CSV every quoted cell holds
    /// an even number of quotes, so such a line feed ends a record; a stray quote can fool
    /// this, which `CSVChunkReader` detects and recovers from.
    static func ranges(in bytes: UnsafeBufferPointer<UInt8>, count: Int) -> [Range<Int>] {
        var bounds = [0]
        var quotes = 0
        var index = 0
        for part in 1..<max(count, 1) {
            let target = bytes.count / count * part
            while index < target {
                if bytes[index] == UInt8(ascii: "\"") { quotes += 1 }
                index += 1
            }
            while index < bytes.count {
                let byte = bytes[index]
                index += 1
                if byte == UInt8(ascii: "\"") {
                    quotes += 1
                } else if byte == UInt8(ascii: "\n"), quotes.isMultiple(of: 2) {
                    break
                }
            }
            guard index < bytes.count else { break }
            bounds.append(index)
        }
        bounds.append(bytes.count)
        return zip(bounds, bounds.dropFirst()).map { $0..<$1 }
    }
}
