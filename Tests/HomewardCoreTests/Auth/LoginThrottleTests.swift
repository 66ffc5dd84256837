import Foundation
import HomewardCore
import Testing

@Suite("Login throttle")
struct LoginThrottleTests {
    /// A clock the test moves by hand.
    final class Clock: @unchecked Sendable {
        private let lock = NSLock()
        private var now = Date(timeIntervalSince1970: 1_800_000_000)
        var read: @Sendable () -> Date { { [self] in lock.withLock { now } } }
        func advance(_ seconds: TimeInterval) { lock.withLock { now += seconds } }
    }

    @Test("an account name gets its limit per window from anywhere, then refusals until the window passes")
    func perAccount() {
        let clock = Clock()
        let throttle = LoginThrottle(.init(perAddress: 100, perAccount: 3, window: 60), clock: clock.read)
        let admitted = (0..<5).map { throttle.admit(account: "Olena", address: "10.0.0.\($0)") }
        #expect(admitted == [true, true, true, false, false])
        // The same name in another case or compatibility form is the same account.
        #expect(!throttle.admit(account: "OLENA", address: "10.0.0.9"))
        #expect(throttle.admit(account: "petro", address: "10.0.0.1"))
        clock.advance(61)
        #expect(throttle.admit(account: "olena", address: "10.0.0.1"))
    }

    @Test("an address gets its limit per window over every name it tries")
    func perAddress() {
        let clock = Clock()
        let throttle = LoginThrottle(.init(perAddress: 4, perAccount: 100, window: 60), clock: clock.read)
        let admitted = (0..<6).map { throttle.admit(account: "name\($0)", address: "192.0.2.7") }
        #expect(admitted == [true, true, true, true, false, false])
        #expect(throttle.admit(account: "name9", address: "192.0.2.8"))
        // Refused attempts count too: a client that keeps trying stays refused while the
        // window holds more than the limit, and is admitted once it holds fewer.
        clock.advance(30)
        for _ in 0..<4 { #expect(!throttle.admit(account: "name0", address: "192.0.2.7")) }
        clock.advance(31)
        #expect(!throttle.admit(account: "name0", address: "192.0.2.7"), "the four refusals 31 s ago and this one: over 4")
        clock.advance(30)
        #expect(throttle.admit(account: "name0", address: "192.0.2.7"), "only the attempt 30 s ago is left in the window")
    }

    @Test("attempts at once from many threads admit exactly the limit")
    func concurrent() {
        let throttle = LoginThrottle(.init(perAddress: 1000, perAccount: 10, window: 60))
        let count = NSLock()
        nonisolated(unsafe) var admitted = 0
        DispatchQueue.concurrentPerform(iterations: 200) { index in
            if throttle.admit(account: "vera", address: "10.1.\(index / 250).\(index % 250)") { count.withLock { admitted += 1 } }
        }
        #expect(admitted == 10)
    }
}
