/// The cost settings of an argon2id hash: memory, passes and lanes.
///
/// New hashes use ``policy``; stored hashes are accepted for verification only within
/// ``acceptedMemoryKiB``, ``acceptedIterations`` and ``acceptedParallelism``, so that a
/// tampered row cannot make a login allocate gigabytes or spin for minutes.
public struct Argon2Parameters: Sendable, Equatable, Codable {
    /// Memory cost `m` in KiB.
    public var memoryKiB: UInt32
    /// Time cost `t`: number of passes over the memory.
    public var iterations: UInt32
    /// Degree of parallelism `p`: number of lanes (and threads).
    public var parallelism: UInt32

    /// Creates parameters without checking them; ``validate()`` checks the bounds.
    public init(memoryKiB: UInt32, iterations: UInt32, parallelism: UInt32) {
        self.memoryKiB = memoryKiB
        self.iterations = iterations
        self.parallelism = parallelism
    }

    /// The parameters new hashes use: 64 MiB, 2 passes, 1 lane.
    ///
    /// Measured at about 125–130 ms per hash or verify in a release build on the project's
    /// 2-core machine, inside the 50–250 ms aimed at for a login; 3.4 times the memory-time
    /// cost of ``floor``. One lane keeps a login to one core on a shared machine.
    public static let policy = Argon2Parameters(memoryKiB: 65_536, iterations: 2, parallelism: 1)

    /// OWASP's minimum for argon2id (m=19456 KiB, t=2, p=1); ``policy`` never goes below it.
    public static let floor = Argon2Parameters(memoryKiB: 19_456, iterations: 2, parallelism: 1)

    /// Salt length of new hashes in bytes.
    public static let saltLength = 16
    /// Hash (tag) length of new hashes in bytes.
    public static let hashLength = 32

    /// Memory accepted in a stored hash, in KiB; the lower end is raised to 8 KiB per lane.
    public static let acceptedMemoryKiB: ClosedRange<UInt64> = 8...262_144
    /// Passes accepted in a stored hash.
    public static let acceptedIterations: ClosedRange<UInt64> = 1...16
    /// Lanes accepted in a stored hash.
    public static let acceptedParallelism: ClosedRange<UInt64> = 1...8
    /// Salt lengths accepted in a stored hash, in bytes.
    public static let acceptedSaltLength: ClosedRange<UInt64> = 8...64
    /// Hash lengths accepted in a stored hash, in bytes.
    public static let acceptedHashLength: ClosedRange<UInt64> = 16...64

    /// Whether these parameters are cheaper than `other` in any dimension.
    ///
    /// A stored hash whose parameters are weaker than the hasher's is rehashed at the next
    /// successful login.
    public func isWeaker(than other: Argon2Parameters) -> Bool {
        memoryKiB < other.memoryKiB
            || iterations < other.iterations
            || parallelism < other.parallelism
    }

    /// Checks the parameters against the accepted bounds, lanes first so that the memory
    /// bound can require 8 KiB per lane.
    ///
    /// - Throws: ``CredentialError/parameterOutOfBounds(_:value:allowed:)`` naming the
    ///   first parameter out of bounds.
    public func validate() throws(CredentialError) {
        let lanes = UInt64(parallelism)
        try Self.check(.parallelism, lanes, within: Self.acceptedParallelism)
        try Self.check(.iterations, UInt64(iterations), within: Self.acceptedIterations)
        let memoryRange = max(Self.acceptedMemoryKiB.lowerBound, 8 * lanes)...Self.acceptedMemoryKiB.upperBound
        try Self.check(.memoryKiB, UInt64(memoryKiB), within: memoryRange)
    }

    static func check(
        _ bound: Argon2Bound, _ value: UInt64, within allowed: ClosedRange<UInt64>
    ) throws(CredentialError) {
        guard allowed.contains(value) else {
            throw .parameterOutOfBounds(bound, value: value, allowed: allowed)
        }
    }
}
