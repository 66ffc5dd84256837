import HomewardFuzzing

/// `fuzz-csv-manifest`: libFuzzer in a fuzz build (`make fuzz`), a corpus replayer otherwise.
@main enum Fuzz {
    static func main() { FuzzDriver.main(.csvManifest) }
}
