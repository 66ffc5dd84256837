/// How much synthetic data the demo generates. The story is the same at every scale; only
/// the counts differ.
public struct DemoScale: Sendable, Equatable {
    /// Generated missing persons; most of them have an inquiry.
    public var persons: Int
    /// Records in the manifest of the 1,212-for-27 transfer.
    public var firstManifest: Int
    /// Records in the (partial) manifest of the 1,000-for-38 transfer.
    public var secondManifest: Int
    /// Returnees in the manifest of the 106-for-100 exchange.
    public var returnees: Int
    /// Remains identified (four-eyes) in the first transfer.
    public var identified: Int

    /// The full story: every one of the 1,212 records, a few thousand inquiries.
    public static let full = DemoScale(persons: 3_000, firstManifest: 1_212, secondManifest: 400, returnees: 106, identified: 12)

    /// The same story with fewer records, for tests that run the demo.
    public static let small = DemoScale(persons: 300, firstManifest: 120, secondManifest: 40, returnees: 20, identified: 6)
}
