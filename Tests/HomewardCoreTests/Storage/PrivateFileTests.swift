import Foundation
import Testing
@testable import HomewardCore

/// Modes are set with chmod after creation, so the tests do not depend on the umask.
private func folder(_ base: TemporaryFolder, _ name: String, mode: mode_t) throws -> String {
    let path = base.path(name)
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    #expect(chmod(path, mode) == 0)
    return path
}

private func mode(_ path: String) throws -> Int? {
    try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
}

private func isUnsafeFolder(_ error: any Error, _ path: String) -> Bool {
    if case let .unsafeFolder(refused, _, _)? = error as? PrivateFileError { return refused == path }
    return false
}

@Suite struct PrivateFileTests {
    @Test(arguments: [0o777, 0o775, 0o757, 0o1777, 0o1770] as [mode_t])
    func foldersOthersCanWriteAreRefusedForDatabasesStickyOrNot(_ folderMode: mode_t) throws {
        let base = try TemporaryFolder()
        let open = try folder(base, "open", mode: folderMode)
        let error = #expect(throws: PrivateFileError.self) {
            try PrivateFile.createEmpty(at: open + "/db.sqlite", for: .database)
        }
        #expect(error.map { isUnsafeFolder($0, open) } == true)
        #expect(error?.kind == .cannotCreateOutput)
        #expect(!FileManager.default.fileExists(atPath: open + "/db.sqlite"))
    }

    @Test(arguments: [0o700, 0o755, 0o750] as [mode_t])
    func foldersOnlyTheOwnerWritesAreAccepted(_ folderMode: mode_t) throws {
        let base = try TemporaryFolder()
        let safe = try folder(base, "safe", mode: folderMode)
        try PrivateFile.createEmpty(at: safe + "/db.sqlite", for: .database)
        #expect(try mode(safe + "/db.sqlite") == 0o600)
    }

    @Test func aFileOrLinkAlreadyThereIsNeverOpened() throws {
        let base = try TemporaryFolder()
        let elsewhere = base.path("elsewhere")
        try FileManager.default.createSymbolicLink(atPath: base.path("link.sqlite"), withDestinationPath: elsewhere)
        #expect(throws: PrivateFileError.self) { try PrivateFile.createEmpty(at: base.path("link.sqlite"), for: .backup) }
        #expect(!FileManager.default.fileExists(atPath: elsewhere), "the link's target was created")
        #expect(FileManager.default.createFile(atPath: base.path("taken.sqlite"), contents: Data("keep".utf8)))
        #expect(throws: PrivateFileError.self) { try PrivateFile.createEmpty(at: base.path("taken.sqlite"), for: .backup) }
        #expect(FileManager.default.contents(atPath: base.path("taken.sqlite")) == Data("keep".utf8))
    }

    @Test func aMissingFolderIsNamed() throws {
        let base = try TemporaryFolder()
        let folder = base.path("none")
        #expect(throws: PrivateFileError.cannotCreate(
            path: folder, reason: "the folder does not exist; create it first (mkdir -m 700 '\(folder)') or choose another")) {
            try PrivateFile.createEmpty(at: base.path("none/backup.sqlite"), for: .backup)
        }
    }

    @Test func aFileSwappedAfterCreationIsDetected() throws {
        let base = try TemporaryFolder()
        let path = base.path("copy.sqlite")
        let identity = try PrivateFile.createEmpty(at: path, for: .backup)
        try identity.check(at: path)
        try FileManager.default.removeItem(atPath: path)
        #expect(FileManager.default.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600]))
        #expect(throws: PrivateFileError.self) { try identity.check(at: path) }
    }

    @Test(.enabled(if: geteuid() == 0, "chown to another uid needs root"))
    func aFolderOfAnotherUserIsRefusedEvenForRoot() throws {
        let base = try TemporaryFolder()
        let theirs = try folder(base, "theirs", mode: 0o700)
        #expect(chown(theirs, 65534, 65534) == 0)
        let error = #expect(throws: PrivateFileError.self) { try PrivateFile.createEmpty(at: theirs + "/db.sqlite", for: .database) }
        #expect(error.map { isUnsafeFolder($0, theirs) } == true)
    }

    @Test func anExistingDatabaseInAFolderMadeWritableIsRefused() throws {
        let base = try TemporaryFolder()
        let home = try folder(base, "home", mode: 0o700)
        let path = home + "/db.sqlite"
        _ = try Homeward.create(path: path, adminName: "alice", password: adminPassword, environment: testEnvironment())
        _ = try Homeward.open(path: path, environment: testEnvironment())
        #expect(chmod(home, 0o777) == 0)
        let error = #expect(throws: PrivateFileError.self) { try Homeward.open(path: path, environment: testEnvironment()) }
        #expect(error.map { isUnsafeFolder($0, home) } == true)
    }

    @Test func aDatabaseReachedThroughALinkIsCheckedWhereItReallyIs() throws {
        let base = try TemporaryFolder()
        let real = try folder(base, "real", mode: 0o700)
        let mine = try folder(base, "mine", mode: 0o700)
        _ = try Homeward.create(path: real + "/db.sqlite", adminName: "alice", password: adminPassword, environment: testEnvironment())
        try FileManager.default.createSymbolicLink(atPath: mine + "/db.sqlite", withDestinationPath: real + "/db.sqlite")
        _ = try Homeward.open(path: mine + "/db.sqlite", environment: testEnvironment())
        #expect(chmod(real, 0o777) == 0)
        let error = #expect(throws: PrivateFileError.self) { try Homeward.open(path: mine + "/db.sqlite", environment: testEnvironment()) }
        #expect(error.map { isUnsafeFolder($0, real) } == true)
    }

    /// A new database in a temporary folder, and its admin signed in.
    func adminDatabase() throws -> (TemporaryFolder, Homeward, Actor) {
        let base = try TemporaryFolder()
        let homeward = try Homeward.create(path: base.path("db.sqlite"), adminName: "alice", password: adminPassword,
                                           environment: testEnvironment())
        return (base, homeward, try homeward.login(name: "alice", password: adminPassword).actor)
    }

    @Test func backupRefusesAFolderOthersCanWriteAndLeavesNoFile() throws {
        let (base, homeward, admin) = try adminDatabase()
        let open = try folder(base, "open", mode: 0o1777)
        let error = #expect(throws: PrivateFileError.self) { try homeward.backup(admin, to: open + "/b.sqlite") }
        #expect(error.map { isUnsafeFolder($0, open) } == true)
        #expect(try FileManager.default.contentsOfDirectory(atPath: open).isEmpty)
    }

    @Test func aBackupNameWithNoRoomForItsJournalAndHeadIsRefusedByNameAndLeavesNoFile() throws {
        let (base, homeward, admin) = try adminDatabase()
        let folder = try folder(base, "backups", mode: 0o700)
        let long = folder + "/" + String(repeating: "b", count: 250)
        let error = #expect(throws: PrivateFileError.self) { try homeward.backup(admin, to: long) }
        #expect(error?.errorDescription?.contains("longer than 200 bytes") == true, "\(String(describing: error))")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).isEmpty)
        _ = try homeward.backup(admin, to: folder + "/" + String(repeating: "b", count: 200))
    }
}

@Suite struct PrivateFolderTests {
    @Test func createsAnOwnerOnlyFolderAndReplacesFilesWhole() throws {
        let base = try TemporaryFolder()
        let path = base.path("state/homeward")
        #expect(try PrivateFolder.open(path, create: false) == nil)
        let folder = try #require(try PrivateFolder.open(path, create: true))
        #expect(try mode(path) == 0o700)
        #expect(try folder.read("token", limit: 100) == nil)
        try folder.replace("token", with: Data("one".utf8))
        try folder.replace("token", with: Data("two".utf8))
        #expect(try folder.read("token", limit: 100) == Data("two".utf8))
        #expect(try mode(path + "/token") == 0o600)
        #expect(try FileManager.default.contentsOfDirectory(atPath: path) == ["token"])
        #expect(try folder.remove("token"))
        #expect(try !folder.remove("token"))
    }

    @Test(arguments: [0o777, 0o770, 0o755, 0o701] as [mode_t])
    func aFolderOthersCanReachIsRefusedNotRepaired(_ folderMode: mode_t) throws {
        let base = try TemporaryFolder()
        let path = try folder(base, "state/homeward", mode: folderMode)
        let error = #expect(throws: PrivateFileError.self) { try PrivateFolder.open(path, create: true) }
        #expect(error.map { isUnsafeFolder($0, path) } == true)
        #expect(try mode(path) == Int(folderMode), "the folder was chmod-ed")
    }

    @Test func aParentOthersCanWriteNeedsTheStickyBit() throws {
        let base = try TemporaryFolder()
        let parent = try folder(base, "state", mode: 0o777)
        let error = #expect(throws: PrivateFileError.self) { try PrivateFolder.open(parent + "/homeward", create: true) }
        #expect(error.map { isUnsafeFolder($0, parent) } == true)
        #expect(!FileManager.default.fileExists(atPath: parent + "/homeward"))
        #expect(chmod(parent, 0o1777) == 0)
        #expect(try PrivateFolder.open(parent + "/homeward", create: true) != nil)
    }

    @Test func aLinkInPlaceOfTheFolderIsRefused() throws {
        let base = try TemporaryFolder()
        let real = try folder(base, "real", mode: 0o700)
        try FileManager.default.createDirectory(atPath: base.path("state"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: base.path("state/homeward"), withDestinationPath: real)
        #expect(throws: PrivateFileError.self) { try PrivateFolder.open(base.path("state/homeward"), create: true) }
    }

    @Test func filesThatFailTheChecksAreNotRead() throws {
        let base = try TemporaryFolder()
        let path = base.path("state/homeward")
        let folder = try #require(try PrivateFolder.open(path, create: true))
        func refused(_ name: String) -> Bool {
            let error = #expect(throws: PrivateFileError.self) { try folder.read(name, limit: 100) }
            if case .untrustedFile? = error { return error?.kind == .accessDenied }
            return false
        }
        #expect(FileManager.default.createFile(atPath: path + "/open", contents: Data("x".utf8)))
        #expect(chmod(path + "/open", 0o644) == 0)
        #expect(refused("open"))
        try Data("real".utf8).write(to: URL(fileURLWithPath: base.path("real")))
        try FileManager.default.createSymbolicLink(atPath: path + "/link", withDestinationPath: base.path("real"))
        #expect(refused("link"))
        try folder.replace("big", with: Data(repeating: 65, count: 101))
        #expect(refused("big"))
        #expect(mkfifo(path + "/fifo", 0o600) == 0)
        #expect(refused("fifo"))
        try folder.replace("fits", with: Data(repeating: 65, count: 100))
        #expect(try folder.read("fits", limit: 100)?.count == 100)
    }

    @Test(.enabled(if: geteuid() == 0, "chown to another uid needs root"))
    func filesAndFoldersOfAnotherUserAreRefusedEvenForRoot() throws {
        let base = try TemporaryFolder()
        let path = base.path("state/homeward")
        let folder = try #require(try PrivateFolder.open(path, create: true))
        try folder.replace("planted", with: Data("hw1_x".utf8))
        #expect(chown(path + "/planted", 65534, 65534) == 0)
        #expect(throws: PrivateFileError.self) { try folder.read("planted", limit: 100) }
        #expect(chown(path, 65534, 65534) == 0)
        #expect(throws: PrivateFileError.self) { try PrivateFolder.open(path, create: false) }
    }
}
