import Foundation
import HomewardFuzzing
import Testing

/// Every saved fuzz input (seeds and the crashers found, `Tests/Fuzz/<target>/`) through the
/// same checks the fuzz executables run, so a fixed crash stays fixed without libFuzzer.
@Suite struct FuzzCorpusReplayTests {
    static let corpus = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fuzz")

    @Test(arguments: FuzzTarget.allCases)
    func savedInputsKeepEveryProperty(_ target: FuzzTarget) throws {
        let files = try CorpusFiles.list(Self.corpus.appendingPathComponent(target.rawValue))
        #expect(!files.isEmpty, "Tests/Fuzz/\(target.rawValue) has no inputs")
        for file in files {
            let input = [UInt8](try Data(contentsOf: file))
            do {
                try target.check(input)
            } catch {
                Issue.record("\(target.rawValue)/\(file.lastPathComponent): \(error)")
            }
        }
    }

    @Test func everyTargetHasACorpusFolderAndNoOtherFolderIsThere() throws {
        let folders = try FileManager.default.contentsOfDirectory(atPath: Self.corpus.path)
            .filter { name in
                var isFolder: ObjCBool = false
                return FileManager.default.fileExists(atPath: Self.corpus.appendingPathComponent(name).path, isDirectory: &isFolder)
                    && isFolder.boolValue
            }
        #expect(Set(folders) == Set(FuzzTarget.allCases.map(\.rawValue)))
    }
}
