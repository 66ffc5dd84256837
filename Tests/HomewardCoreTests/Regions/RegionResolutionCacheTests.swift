import Dispatch
import Synchronization
import Testing
@testable import HomewardCore

/// Spellings resolved once are answered from the shared cache, on any thread, with the
/// same region; what does not resolve is never cached.
@Suite struct RegionResolutionCacheTests {
    @Test func aSpellingResolvesTheSameFirstAndFromTheCacheOnEveryThread() throws {
        let directory = RegionDirectory.standard
        let spellings = ["Сумська", "запорізька обл.", "Kharkiv oblast", "Донецька  область", "UA 14"]
        let first = try spellings.map { try directory.resolve($0).code }
        let again = Mutex<[[String]]>([])
        DispatchQueue.concurrentPerform(iterations: 8) { _ in
            let codes = spellings.map { (try? directory.resolve($0).code) ?? "?" }
            again.withLock { $0.append(codes) }
        }
        #expect(again.withLock { $0 }.allSatisfy { $0 == first })
        #expect(first == ["UA-59", "UA-23", "UA-63", "UA-14", "UA-14"])
    }

    @Test func anUnknownSpellingIsRefusedEveryTime() {
        for _ in 0..<3 {
            #expect(throws: RegionError.self) { try RegionDirectory.standard.resolve("Atlantis") }
        }
    }
}
