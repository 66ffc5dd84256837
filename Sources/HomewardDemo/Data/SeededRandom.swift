/// SplitMix64: a tiny deterministic generator, so the same seed always gives the same file.
public struct SeededRandom: RandomNumberGenerator {
    private var state: UInt64

    /// A generator whose every draw follows from `seed`.
    public init(seed: UInt64) {
        state = seed
    }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform whole number in `range`.
    public mutating func int(in range: ClosedRange<Int>) -> Int {
        Int.random(in: range, using: &self)
    }

    /// A uniform number in [0, 1).
    public mutating func double() -> Double {
        Double(next() >> 11) / Double(1 << 53)
    }

    /// True with the given probability.
    public mutating func chance(_ probability: Double) -> Bool {
        Double.random(in: 0..<1, using: &self) < probability
    }

    /// One element of a non-empty list.
    public mutating func pick(_ list: [String]) -> String {
        list[int(in: 0...(list.count - 1))]
    }
}
