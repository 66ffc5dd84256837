import Foundation
import GRDB
import Testing
@testable import HomewardCore

@Suite struct AuditValueTests {
    @Test func textsAreCleanedAndCapped() {
        #expect(AuditValue.cleaned("a\u{1B}[31mb\nc\u{202E}d", limit: 64) == "a\u{FFFD}[31mb\u{FFFD}c\u{FFFD}d")
        let long = AuditValue.cleaned(String(repeating: "x", count: 10_000), limit: 128)
        #expect(long.count == 129)
        #expect(long.hasSuffix("…"))
        #expect(AuditValue.cleaned("HW-2025-000123-K", limit: 128) == "HW-2025-000123-K")
    }

    @Test func unknownNamesBecomeStableKeyedMarks() throws {
        let (homeward, _) = try makeHomeward()
        let (one, two, other, known) = try homeward.writer.read { db in
            (try AuditValue.userName("s3cret-passw0rd", in: db), try AuditValue.userName("s3cret-passw0rd", in: db),
             try AuditValue.userName("another", in: db), try AuditValue.userName("ALICE", in: db))
        }
        #expect(one == two)
        #expect(one != other)
        #expect(one.hasPrefix("unknown:") && one.count == "unknown:".count + 16)
        #expect(known == "alice")
        // Another database has another secret: marks do not link guesses across databases.
        let (elsewhere, _) = try makeHomeward()
        let foreign = try elsewhere.writer.read { db in try AuditValue.userName("s3cret-passw0rd", in: db) }
        #expect(foreign != one)
    }

    @Test func everyStoredEventIsBoundedWhateverTheCallerPasses() throws {
        let (homeward, admin) = try makeHomeward()
        let vera = try addAndLogin(homeward, admin: admin, name: "vera", role: .volunteer)
        let huge = String(repeating: "Z", count: 120_000) + "\u{1B}]0;owned\u{7}"
        _ = try? homeward.addUser(vera.actor, name: huge, role: .admin, password: otherPassword)
        _ = try? homeward.inquiry(vera.actor, reference: huge)
        let events = try homeward.auditLog(admin)
        for event in events {
            #expect((event.entityID?.count ?? 0) <= AuditValue.entityLimit + 1)
            #expect(event.entityID?.contains("\u{1B}") != true)
            #expect(event.details.count < 2_000)
        }
        let verification = try homeward.verifyAudit(admin)
        #expect(verification.isIntact)
    }
}
