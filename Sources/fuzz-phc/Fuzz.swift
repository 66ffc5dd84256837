import HomewardFuzzing

/// `fuzz-phc`: libFuzzer in a fuzz build (`make fuzz`), a corpus replayer otherwise.
@main enum Fuzz {
    static func main() { FuzzDriver.main(.phc) }
}
