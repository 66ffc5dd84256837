import Foundation
import HomewardCore

/// Where an export goes: `-o FILE` (a new file of mode 0600) or standard output.
///
/// The file is created before the export is made, so a path that cannot be written fails
/// (exit 73) before anything is read or audited; if making the export then fails, the empty
/// file is removed again.
enum ExportFile {
    static func write(to path: String?, _ produce: () throws -> Data) throws {
        guard let path else {
            FileHandle.standardOutput.write(try produce())
            return
        }
        let file = try PrivateFile.createExport(at: path)
        do {
            let data = try produce()
            try file.write(contentsOf: data)
            try file.synchronize()
            try file.close()
        } catch {
            try? file.close()
            unlink(path)
            throw error
        }
    }
}
