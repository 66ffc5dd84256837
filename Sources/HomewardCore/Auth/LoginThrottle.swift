import Foundation

/// How many logins a server admits per client address and per account name in a sliding
/// window, before argon2 runs: the account lockout stops guessing one password, this stops
/// one client from spending the server's CPU and memory on hashes, or trying many accounts.
///
/// In memory and per process: a restart forgets it, which costs an attacker a restart, not
/// the lockout (that one is in the database).
public final class LoginThrottle: @unchecked Sendable {
    public struct Limits: Sendable {
        /// Attempts from one address per window: people mistyping passwords, an office (or a
        /// TLS proxy on the server's host) behind one address.
        public var perAddress: Int
        /// Attempts on one account name per window, from anywhere.
        public var perAccount: Int
        public var window: TimeInterval

        public init(perAddress: Int = 30, perAccount: Int = 10, window: TimeInterval = 60) {
            self.perAddress = perAddress
            self.perAccount = perAccount
            self.window = window
        }
    }

    private let limits: Limits
    private let clock: @Sendable () -> Date
    private let lock = NSLock()
    private var attempts = [String: [Date]]()

    public init(_ limits: Limits = Limits(), clock: @escaping @Sendable () -> Date = { Date() }) {
        self.limits = limits
        self.clock = clock
    }

    /// Counts one attempt on `account` from `address`; false when either is over its limit
    /// (the refused attempt counts too, so a client that keeps trying stays refused).
    public func admit(account: String, address: String) -> Bool {
        let now = clock()
        let accountKey = "account:" + account.precomposedStringWithCompatibilityMapping.lowercased()
        let addressKey = "address:" + address
        return lock.withLock {
            let since = now.addingTimeInterval(-limits.window)
            if attempts.count > 10_000 { attempts = attempts.filter { $0.value.contains { $0 > since } } }
            var admitted = true
            for (key, limit) in [(accountKey, limits.perAccount), (addressKey, limits.perAddress)] {
                var recent = attempts[key, default: []].filter { $0 > since }
                recent.append(now)
                if recent.count > limit { admitted = false }
                attempts[key] = Array(recent.suffix(limit + 1))
            }
            return admitted
        }
    }
}

extension Homeward {
    /// ``login(name:password:)`` for a server: first counted by `throttle` for the client's
    /// `address`; an attempt over the limit is audited as a failed login and refused with
    /// ``AccessError/tooManyAttempts`` before any password is hashed.
    public func login(name: String, password: String, throttle: LoginThrottle, address: String) throws -> IssuedSession {
        guard throttle.admit(account: name, address: address) else {
            try recordFailedLogin(name: name, reason: "too many attempts")
            throw AccessError.tooManyAttempts
        }
        return try login(name: name, password: password)
    }
}
