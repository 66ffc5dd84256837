import Foundation
import HomewardCore
import Testing
@testable import HomewardDemo

@Suite(.serialized) struct DemoStoryTests {
    /// A private folder for one story, removed afterwards.
    final class Folder {
        let path: String
        init() throws {
            path = FileManager.default.temporaryDirectory.appendingPathComponent("homeward-demo-\(UUID().uuidString)").path
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        }
        deinit { try? FileManager.default.removeItem(atPath: path) }
    }

    /// Cheap hashing: the story's logins are not what these tests measure.
    static let environment = HomewardEnvironment(hasher: PasswordHasher(parameters: Argon2Parameters(memoryKiB: 64, iterations: 1, parallelism: 1)))

    @Test func theStoryIdentifiesSomeReportsOthersAndEveryAccountLogsIn() throws {
        let folder = try Folder()
        let story = DemoStory(databasePath: folder.path + "/demo.sqlite", scale: .small, environment: Self.environment)
        let outcome = try story.tell()
        #expect(outcome.accounts.map(\.role) == [.admin, .coordinator, .coordinator, .volunteer, .auditor])
        #expect(outcome.batches.map(\.status) == ["postponed", "completed", "completed", "completed"])
        #expect(outcome.batches.map(\.kind) == ["remains", "remains", "pow_exchange", "remains"])
        #expect(outcome.identified.count == DemoScale.small.identified)
        #expect(outcome.awaitingConfirmation.count == 2)
        #expect(!outcome.identityVerified.isEmpty)
        #expect(outcome.reports.map(\.language) == ["uk", "en", "ru"])
        #expect(outcome.reports.map(\.identified) == [true, true, false])

        let homeward = try Homeward.open(path: story.databasePath, environment: Self.environment)
        var actors: [String: Actor] = [:]
        for account in outcome.accounts {
            actors[account.name] = try homeward.login(name: account.name, password: account.password).actor
        }
        let coordinator = try #require(actors["olena"])
        for report in outcome.reports {
            #expect(FileManager.default.fileExists(atPath: report.path))
            let json = try homeward.familyReport(coordinator, reference: report.reference, format: .json).data
            let status = try JSONDecoder().decode(FamilyReportStatus.self, from: json).status
            #expect(status == (report.identified ? "identified" : "search_ongoing"))
        }
        // Four-eyes: proposed by one coordinator, confirmed by the other.
        let record = try #require(outcome.identified.last)
        let history = try homeward.identificationHistory(coordinator, record: record)
        #expect(history.first { $0.kind == "proposal" }?.by == "olena")
        #expect(history.first { $0.kind == "confirmation" }?.by == "mykola")
        #expect(try homeward.verifyAudit(try #require(actors["iryna"])).isIntact)
    }

    @Test func anExistingDatabaseOrReportIsRefusedAndLeftAlone() throws {
        let folder = try Folder()
        let story = DemoStory(databasePath: folder.path + "/demo.sqlite", scale: .small, environment: Self.environment)
        for existing in [story.databasePath, story.reportPath(.ru)] {
            try Data("keep me".utf8).write(to: URL(fileURLWithPath: existing))
            #expect(throws: DemoError.exists(path: existing)) { try story.tell() }
            #expect(try String(contentsOfFile: existing, encoding: .utf8) == "keep me")
            try FileManager.default.removeItem(atPath: existing)
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
    }

    private struct FamilyReportStatus: Decodable {
        let status: String
    }
}
