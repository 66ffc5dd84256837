import Foundation
import HomewardCore

/// An uploaded import file on disk for the core's streaming import: in a folder of its own
/// that only this account can enter (0700), the file 0600, removed after the request.
struct UploadedFile {
    let folder: URL
    let url: URL

    init(_ bytes: Data) throws {
        var template = Array((FileManager.default.temporaryDirectory.path + "/homeward-upload-XXXXXX").utf8CString)
        guard let made = mkdtemp(&template) else {
            throw UploadError.cannotStore("cannot make a private folder for the upload in \(FileManager.default.temporaryDirectory.path)")
        }
        folder = URL(fileURLWithPath: String(cString: made))
        url = folder.appendingPathComponent("upload.csv")
        guard FileManager.default.createFile(atPath: url.path, contents: bytes, attributes: [.posixPermissions: 0o600]) else {
            try? FileManager.default.removeItem(at: folder)
            throw UploadError.cannotStore("cannot store the upload (is the temporary folder full?)")
        }
    }

    func remove() { try? FileManager.default.removeItem(at: folder) }
}

enum UploadError: HomewardFailure {
    case cannotStore(String)

    var kind: FailureKind { .io }

    var errorDescription: String? {
        switch self {
        case let .cannotStore(message): message
        }
    }
}
