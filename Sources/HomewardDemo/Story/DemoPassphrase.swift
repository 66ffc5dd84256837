import HomewardCore

/// Fresh passphrases for the demo's accounts: random words from a short list, drawn from
/// the environment's random bytes (the system CSPRNG when live), checked against the
/// project's password policy.
enum DemoPassphrase {
    /// A passphrase of `words` different words (about 37 bits for five) that `policy`
    /// accepts for `username`.
    static func make(for username: String, words: Int = 5, policy: PasswordPolicy,
                     randomBytes: (Int) -> [UInt8]) -> String {
        while true {
            var chosen: [String] = []
            while chosen.count < min(words, list.count) {
                let word = list[index(randomBytes)]
                if !chosen.contains(word) { chosen.append(word) }
            }
            let phrase = chosen.joined(separator: " ")
            if (try? policy.check(phrase, username: username)) != nil { return phrase }
        }
    }

    /// A uniform index into ``list``: bytes that would favour the first words are drawn again.
    private static func index(_ randomBytes: (Int) -> [UInt8]) -> Int {
        let limit = 256 - 256 % list.count
        while true {
            if let byte = randomBytes(1).first, Int(byte) < limit { return Int(byte) % list.count }
        }
    }

    /// Short, common, unambiguous English words.
    static let list = """
        acorn amber anchor apple april arrow aspen autumn badge bakery bamboo banner barley basil \
        beacon berry birch blanket bloom border branch breeze brick bridge brook bucket butter cabin \
        camel candle canoe canvas carbon carpet castle cedar cellar chalk cherry chimney cinder clover \
        cobalt comet copper coral cotton cradle crater crystal daisy dawn delta desert dolphin dune \
        eagle easel echo ember engine fable falcon feather fern fiddle field flint forest fossil \
        fountain garden garnet ginger glacier granite gravel harbor harvest hazel heather helmet \
        heron hollow honey horizon island ivory jacket jasmine jungle kettle kiwi ladder lagoon \
        lantern lemon lilac linen lizard locket lotus maple marble meadow melon meteor mint mirror \
        mitten monsoon mosaic mountain mustard nectar needle nickel noodle nutmeg oasis ocean olive \
        orbit orchard otter oyster paddle pebble pepper pillow pine planet plum pocket pollen poppy \
        prairie puzzle quarry quartz quill rabbit radish raven reef ribbon ridge river robin rocket \
        saddle saffron salmon sapphire shadow shell sierra silver sketch sparrow spruce squash \
        stable summit sunrise swan tangle teapot thistle thunder timber tulip tundra turnip velvet \
        violet walnut walrus willow window winter wren yarrow zephyr
        """.split(separator: " ").map(String.init)
}
