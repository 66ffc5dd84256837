import Crypto
import Foundation
import HomewardCore
import OpenAPIRuntime

/// A folder of its own in the temporary folder that only this account can enter (0700), for
/// a file the core reads or writes by path during one request.
struct ScratchFolder {
    let url: URL

    init() throws {
        var template = Array((FileManager.default.temporaryDirectory.path + "/homeward-scratch-XXXXXX").utf8CString)
        guard let made = mkdtemp(&template) else {
            throw ScratchError.cannotStore("cannot make a private folder in \(FileManager.default.temporaryDirectory.path)")
        }
        url = URL(fileURLWithPath: String(cString: made))
    }

    func file(_ name: String) -> URL { url.appendingPathComponent(name) }

    func remove() { try? FileManager.default.removeItem(at: url) }
}

/// An uploaded import file on disk for the core's streaming import: 0600 in a scratch folder,
/// removed after the request.
struct UploadedFile {
    let folder: ScratchFolder
    let url: URL

    init(_ bytes: Data) throws {
        folder = try ScratchFolder()
        url = folder.file("upload.csv")
        guard FileManager.default.createFile(atPath: url.path, contents: bytes, attributes: [.posixPermissions: 0o600]) else {
            folder.remove()
            throw ScratchError.cannotStore("cannot store the upload (is the temporary folder full?)")
        }
    }

    func remove() { folder.remove() }
}

/// A file the core wrote for a download (an export, a backup), served from a handle opened
/// before its scratch folder is removed: nothing is left on disk whether or not the client
/// reads it to the end.
struct DownloadedFile: Sendable {
    let body: HTTPBody
    /// The file's SHA-256 in lower-case hex, when asked for (it costs a read of the whole file
    /// before the first byte is sent).
    let sha256: String?

    /// Runs `produce` with a path in a new scratch folder, then opens what it wrote.
    static func made<T>(named name: String, digest: Bool = false,
                        reading pool: @escaping @Sendable (@escaping @Sendable () throws -> Data?) async throws -> Data?,
                        _ produce: (URL) throws -> T) throws -> (T, DownloadedFile) {
        let folder = try ScratchFolder()
        defer { folder.remove() }
        let url = folder.file(name)
        let result = try produce(url)
        let handle = try FileHandle(forReadingFrom: url)
        var sha256: String?
        if digest {
            var hash = SHA256()
            while let chunk = try handle.read(upToCount: chunkSize), !chunk.isEmpty { hash.update(data: chunk) }
            sha256 = hexString(hash.finalize())
        }
        let length = try handle.seekToEnd()
        try handle.seek(toOffset: 0)
        let chunks = AsyncThrowingStream<ArraySlice<UInt8>, any Error> {
            guard let data = try await pool({ try handle.read(upToCount: chunkSize) }), !data.isEmpty else {
                try? handle.close()
                return nil
            }
            return ArraySlice(data)
        }
        return (result, DownloadedFile(body: HTTPBody(chunks, length: .known(Int64(length)), iterationBehavior: .single),
                                       sha256: sha256))
    }

    private static let chunkSize = 1 << 20
}

enum ScratchError: HomewardFailure {
    case cannotStore(String)

    var kind: FailureKind { .io }

    var errorDescription: String? {
        switch self {
        case let .cannotStore(message): message
        }
    }
}
