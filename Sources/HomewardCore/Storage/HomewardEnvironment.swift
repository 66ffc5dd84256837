import Foundation

/// What the core takes from the world: the clock, random bytes and the credential policies.
///
/// Tests pass their own; everything else uses ``live``. There are no global singletons.
public struct HomewardEnvironment: Sendable {
    public var now: @Sendable () -> Date
    public var randomBytes: @Sendable (Int) -> [UInt8]
    public var hasher: PasswordHasher
    public var passwordPolicy: PasswordPolicy
    public var sessions: SessionPolicy
    public var lockout: LockoutPolicy
    public var writerWait: WriterWait

    public init(
        now: @escaping @Sendable () -> Date = { Date() },
        randomBytes: @escaping @Sendable (Int) -> [UInt8] = HomewardEnvironment.systemRandomBytes,
        hasher: PasswordHasher = PasswordHasher(),
        passwordPolicy: PasswordPolicy = .standard,
        sessions: SessionPolicy = .standard,
        lockout: LockoutPolicy = .standard,
        writerWait: WriterWait = WriterWait()
    ) {
        self.now = now
        self.randomBytes = randomBytes
        self.hasher = hasher
        self.passwordPolicy = passwordPolicy
        self.sessions = sessions
        self.lockout = lockout
        self.writerWait = writerWait
    }

    public static let live = HomewardEnvironment()

    /// Bytes from the operating system's CSPRNG (getrandom on Linux).
    public static func systemRandomBytes(_ count: Int) -> [UInt8] {
        var generator = SystemRandomNumberGenerator()
        return (0..<count).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
    }
}

/// How long a session lives.
public struct SessionPolicy: Sendable {
    public var absoluteLifetime: TimeInterval
    public var idleTimeout: TimeInterval
    /// Activity is written back at most this often, so read-only commands rarely write.
    public var touchInterval: TimeInterval

    public static let standard = SessionPolicy(
        absoluteLifetime: 12 * 3600, idleTimeout: 60 * 60, touchInterval: 60)
}

/// When repeated failed logins lock an account, and for how long.
public struct LockoutPolicy: Sendable {
    public var threshold: Int
    public var duration: TimeInterval

    public static let standard = LockoutPolicy(threshold: 5, duration: 15 * 60)
}
