import Foundation

#if HOMEWARD_FUZZ
/// libFuzzer's entry for programs with their own `main` (LLVM 13 and later). SwiftPM
/// renames an executable's entry point and points `main` at it, so the fuzz executables keep
/// a Swift `main` and hand over to libFuzzer from there.
@_silgen_name("LLVMFuzzerRunDriver")
private func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
) -> CInt

/// The target libFuzzer's C callback runs: set once in `main` before fuzzing starts.
nonisolated(unsafe) private var fuzzedTarget = FuzzTarget.dates
#endif

/// The `main` of every fuzz executable.
///
/// Built with `-sanitize=fuzzer -D HOMEWARD_FUZZ` it runs libFuzzer (all of libFuzzer's
/// flags and corpus folders apply) and traps on a property violation so that libFuzzer
/// saves the input. In a normal build it replays the files and folders given as arguments
/// and exits 1 on the first violation, so the executables link without libFuzzer.
public enum FuzzDriver {
    public static func main(_ target: FuzzTarget) -> Never {
        #if HOMEWARD_FUZZ
        fuzzedTarget = target
        target.prepare()
        // Small inputs for the one-cell targets, unless the command line says otherwise.
        var arguments = CommandLine.arguments
        if !arguments.contains(where: { $0.hasPrefix("-max_len=") }) {
            arguments.insert("-max_len=\(target.maximumInputLength)", at: min(1, arguments.count))
        }
        var cArguments = arguments.map { strdup($0) } + [nil]
        var argc = CInt(arguments.count)
        let status = cArguments.withUnsafeMutableBufferPointer { buffer in
            var argv = buffer.baseAddress
            return run(&argc, &argv)
        }
        exit(status)
        #else
        exit(replay(target, paths: CommandLine.arguments.dropFirst()))
        #endif
    }

    #if HOMEWARD_FUZZ
    private static func run(_ argc: UnsafeMutablePointer<CInt>,
                            _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>) -> CInt {
        LLVMFuzzerRunDriver(argc, argv) { data, size in
            let input = data.map { [UInt8](UnsafeBufferPointer(start: $0, count: size)) } ?? []
            do {
                try fuzzedTarget.check(input)
            } catch {
                fatalError("fuzz-\(fuzzedTarget.rawValue): \(error)")
            }
            return 0
        }
    }
    #endif

    /// Runs every file named, and every file in every folder named, through `target`;
    /// returns the exit status: 0 when all keep their properties, 1 otherwise, 66 for a
    /// path that cannot be read.
    static func replay(_ target: FuzzTarget, paths: ArraySlice<String>) -> Int32 {
        guard !paths.isEmpty else {
            FileHandle.standardError.write(Data("usage: fuzz-\(target.rawValue) FILE-OR-FOLDER...\n".utf8))
            return 64
        }
        target.prepare()
        var count = 0
        for path in paths {
            let files: [URL]
            do {
                files = try CorpusFiles.list(URL(fileURLWithPath: path))
            } catch {
                FileHandle.standardError.write(Data("cannot read \(path): \(error.localizedDescription)\n".utf8))
                return 66
            }
            for file in files {
                guard let data = FileManager.default.contents(atPath: file.path) else {
                    FileHandle.standardError.write(Data("cannot read \(file.path)\n".utf8))
                    return 66
                }
                do {
                    try target.check([UInt8](data))
                } catch {
                    FileHandle.standardError.write(Data("\(file.path): \(error)\n".utf8))
                    return 1
                }
                count += 1
            }
        }
        print("fuzz-\(target.rawValue): \(count) inputs replayed, every property held")
        return 0
    }
}

/// The inputs of a corpus: a file itself, or the regular files of a folder sorted by name.
public enum CorpusFiles {
    public static func list(_ url: URL) throws -> [URL] {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder) else {
            throw CocoaError(.fileReadNoSuchFile, userInfo: [NSFilePathErrorKey: url.path])
        }
        guard isFolder.boolValue else { return [url] }
        return try FileManager.default.contentsOfDirectory(at: url, includingPropertiesForKeys: [.isRegularFileKey])
            .filter { (try? $0.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true }
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
    }
}
