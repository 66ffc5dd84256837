import Foundation
import GRDB
import Testing
@testable import HomewardCore

@Suite struct SessionTests {
    @Test func tokenCarriesAtLeast256RandomBitsAndOnlyItsHashIsStored() throws {
        let (homeward, _) = try makeHomeward()
        let session = try homeward.login(name: "alice", password: adminPassword)
        let secret = try #require(session.token.split(separator: "_", maxSplits: 2).last)
        #expect(secret.count == 43)  // 32 bytes in unpadded base64url
        let stored = try homeward.writer.read { db in try Data.fetchAll(db, sql: "SELECT token_hash FROM session") }
        #expect(stored.contains(SessionToken.digest(session.token)))
        #expect(!stored.contains(Data(session.token.utf8)))
    }

    @Test func rawTokenAppearsNowhereInTheDatabaseFile() throws {
        let folder = try TemporaryFolder()
        let path = folder.path("db.sqlite")
        let homeward = try Homeward.open(path: path, create: true, environment: testEnvironment())
        try homeward.initialise(adminName: "alice", password: adminPassword)
        let session = try homeward.login(name: "alice", password: adminPassword)
        let needle = Data(session.token.utf8)
        let secret = Data(String(session.token.split(separator: "_", maxSplits: 2).last ?? "").utf8)
        for suffix in ["", "-wal"] {
            guard let bytes = FileManager.default.contents(atPath: path + suffix) else { continue }
            #expect(bytes.range(of: needle) == nil, "token found in db\(suffix)")
            #expect(bytes.range(of: secret) == nil, "token secret found in db\(suffix)")
        }
    }

    @Test func sessionsExpireAfterIdleTimeAndAbsoluteLifetime() throws {
        let clock = TestClock()
        let (homeward, _) = try makeHomeward(clock: clock)
        let idle = try homeward.login(name: "alice", password: adminPassword)
        clock.advance(59 * 60)
        _ = try homeward.authenticate(token: idle.token)
        clock.advance(61 * 60)
        #expect(throws: AccessError.sessionExpired) { try homeward.authenticate(token: idle.token) }

        let busy = try homeward.login(name: "alice", password: adminPassword)
        for _ in 0..<24 {
            clock.advance(30 * 60)
            if (try? homeward.authenticate(token: busy.token)) == nil { break }
        }
        #expect(throws: AccessError.sessionExpired) { try homeward.authenticate(token: busy.token) }
    }

    @Test func logoutAndRevocationEndSessions() throws {
        let (homeward, admin) = try makeHomeward()
        let first = try homeward.login(name: "alice", password: adminPassword)
        try homeward.logout(token: first.token)
        #expect(throws: AccessError.sessionRevoked) { try homeward.authenticate(token: first.token) }
        let gina = try addAndLogin(homeward, admin: admin, name: "gina", role: .coordinator)
        #expect(try homeward.revokeSessions(admin, name: "gina") == 1)
        #expect(throws: AccessError.sessionRevoked) { try homeward.authenticate(token: gina.token) }
    }

    @Test func tokenFromAnotherDatabaseIsRefused() throws {
        let (one, _) = try makeHomeward()
        let (two, _) = try makeHomeward()
        let session = try one.login(name: "alice", password: adminPassword)
        #expect(throws: AccessError.tokenFromOtherDatabase) { try two.authenticate(token: session.token) }
        #expect(throws: AccessError.malformedToken) { try two.authenticate(token: "not-a-token") }
    }

    @Test func fiveWrongPasswordsLockTheAccountForFifteenMinutes() throws {
        let clock = TestClock()
        let (homeward, admin) = try makeHomeward(clock: clock)
        for attempt in 1...5 {
            #expect(throws: (any Error).self, "attempt \(attempt)") {
                try homeward.login(name: "alice", password: "definitely not the password")
            }
        }
        #expect(throws: AccessError.self) { try homeward.login(name: "alice", password: adminPassword) }
        clock.advance(14 * 60)
        #expect(throws: AccessError.self) { try homeward.login(name: "alice", password: adminPassword) }
        clock.advance(2 * 60)
        _ = try homeward.login(name: "alice", password: adminPassword)
        let failures = try homeward.auditLog(admin, filter: AuditFilter(action: "auth.login"))
            .filter { $0.outcome == .failed }
        #expect(failures.count == 7)
        #expect(failures.contains { $0.details.contains("locked_until") })
    }

    @Test func unknownUserIsAWrongCredentialAndAudited() throws {
        let (homeward, admin) = try makeHomeward()
        #expect(throws: AccessError.wrongCredentials) { try homeward.login(name: "nobody", password: adminPassword) }
        let event = try #require(try homeward.auditLog(admin).last)
        #expect(event.action == "auth.login" && event.outcome == .failed && event.actorName == nil)
        #expect(event.entityID?.hasPrefix("unknown:") == true)
    }
}

@Suite struct TamperedHashTests {
    /// A stored hash whose memory cost was raised to 4 GiB is refused before argon2 runs.
    @Test func loginRefusesATamperedCostWithoutAllocatingIt() throws {
        let (homeward, admin) = try makeHomeward()
        try homeward.writer.write { db in
            try db.execute(sql: "UPDATE app_user SET password_hash = replace(password_hash, 'm=19456', 'm=4194304') WHERE name = 'alice'")
        }
        // The bounds error comes from parsing the stored string, before any argon2 call.
        #expect(throws: CredentialError.parameterOutOfBounds(.memoryKiB, value: 4_194_304, allowed: 8...262_144)) {
            try homeward.login(name: "alice", password: adminPassword)
        }
        let event = try #require(try homeward.auditLog(admin).last)
        #expect(event.action == "auth.login" && event.outcome == .failed)
    }
}
