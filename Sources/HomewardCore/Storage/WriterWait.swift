import Foundation
import Synchronization

/// How a process waits for another one's write lock (a large import holds it for as long as
/// its write takes): patiently, saying once that it is waiting, up to a generous limit.
///
/// A process that dies releases its locks at once, so the limit only guards against a
/// process that hangs while holding one.
public struct WriterWait: Sendable {
    /// Give up (exit 69, "busy") after waiting this long for one lock.
    public var timeout: TimeInterval
    /// Say that we are waiting once a wait has lasted this long.
    public var noticeAfter: TimeInterval
    /// Called once per process when a wait passes ``noticeAfter``; the CLI prints a line on stderr.
    public var notice: (@Sendable () -> Void)?

    public init(timeout: TimeInterval = 600, noticeAfter: TimeInterval = 2, notice: (@Sendable () -> Void)? = nil) {
        self.timeout = timeout
        self.noticeAfter = noticeAfter
        self.notice = notice
    }

    /// The SQLite busy handler for one connection: sleeps with a growing back-off (1 ms up to
    /// 50 ms) and answers whether to try again.
    func busyHandler() -> @Sendable (Int) -> Bool {
        let state = Mutex<(start: Date, noticed: Bool)>((Date(), false))
        let timeout = timeout, noticeAfter = noticeAfter, notice = notice
        return { tries in
            let now = Date()
            let (waited, sayIt) = state.withLock { state -> (TimeInterval, Bool) in
                if tries == 0 { state.start = now }
                let waited = now.timeIntervalSince(state.start)
                let sayIt = !state.noticed && waited >= noticeAfter
                if sayIt { state.noticed = true }
                return (waited, sayIt)
            }
            if sayIt { notice?() }
            guard waited < timeout else { return false }
            usleep(useconds_t(min(50_000, 1_000 << min(tries, 6))))
            return true
        }
    }
}
