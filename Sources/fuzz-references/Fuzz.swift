import HomewardFuzzing

/// `fuzz-references`: libFuzzer in a fuzz build (`make fuzz`), a corpus replayer otherwise.
@main enum Fuzz {
    static func main() { FuzzDriver.main(.references) }
}
