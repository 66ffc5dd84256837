import Foundation
import HomewardCore

/// The demo database: the 2025 exchanges as public reports gave them, with fictional
/// manifests, inquiries and staff, told through the core's use cases as the command line
/// would tell them: every step by an account of the right role, checked and audited by the core.
///
/// The data comes from fixed seeds, so the story is the same every run; the passwords are
/// drawn fresh from the environment's random bytes and exist only in the returned outcome.
public struct DemoStory: Sendable {
    /// The seed of the synthetic persons, manifests and inquiries.
    public static let seed: UInt64 = 2025_06_14

    /// The new database file; the reports go beside it.
    public var databasePath: String
    public var scale: DemoScale
    /// The clock, random source and password policies; the live ones outside tests.
    public var environment: HomewardEnvironment

    /// A story to tell into a new database at `databasePath` (nothing is written until ``tell(progress:)``).
    public init(databasePath: String, scale: DemoScale = .full, environment: HomewardEnvironment = .live) {
        self.databasePath = databasePath
        self.scale = scale
        self.environment = environment
    }

    /// Where the family report in `language` is written: beside the database, named after it
    /// (`demo.sqlite` → `demo-family-report-uk.html`).
    public func reportPath(_ language: ReportLanguage) -> String {
        besideDatabase("family-report-\(language.rawValue).html")
    }

    /// The coordinators' statistics page and batch page, in Ukrainian, beside the database.
    public var statsPath: String { besideDatabase("stats-report-uk.html") }
    public var batchReportPath: String { besideDatabase("batch-report-uk.html") }

    /// Every file the demo writes besides the database.
    var reportPaths: [String] { ReportLanguage.allCases.map(reportPath) + [statsPath, batchReportPath] }

    private func besideDatabase(_ suffix: String) -> String {
        let url = URL(fileURLWithPath: databasePath)
        let stem = url.deletingPathExtension().lastPathComponent
        return url.deletingLastPathComponent().appendingPathComponent("\(stem)-\(suffix)").path
    }

    /// Builds the database and writes the family reports.
    ///
    /// - Throws: ``DemoError/exists(path:)`` before anything is written when the database or
    ///   one of the report files exists; ``PrivateFileError`` when its folder is missing or
    ///   others can write it (exit 73); the core's errors otherwise.
    /// - Parameter progress: told the name of each step as it starts.
    public func tell(progress: (String) -> Void = { _ in }) throws -> DemoOutcome {
        for path in [databasePath] + reportPaths where Self.exists(path) {
            throw DemoError.exists(path: path)
        }
        // The folder must be there already, as for export and reports (exit 73): a mistyped
        // --db must not make folders, let alone at the root.
        try PrivateFile.checkFolder(URL(fileURLWithPath: databasePath).deletingLastPathComponent().path, for: .database)
        progress("generating the fictional cases")
        let run = DemoRun(story: self)
        progress("creating the database and the accounts")
        try run.openAccounts()
        progress("recording the 2025 batches and importing their manifests")
        try run.recordBatches()
        progress("importing the families' inquiries")
        try run.importInquiries()
        progress("matching, confirming links and identifications")
        try run.matchAndIdentify()
        progress("writing the family reports")
        try run.writeReports()
        progress("writing the coordinators' statistics and batch pages")
        try run.writeCoordinatorReports()
        progress("verifying the audit trail")
        return try run.finish()
    }

    /// True for anything at `path`, a dangling symbolic link included.
    static func exists(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0
    }
}
