import ArgumentParser
import Foundation
import HomewardCore

/// `--form FILE`: an inquiry as a JSON object, read from a file or standard input, so that
/// a family's names, phone and e-mail never appear in the process list or shell history.
struct InquiryFormFile: ParsableArguments {
    @Option(name: .customLong("form"),
            help: ArgumentHelp("Read the inquiry from a JSON file shaped like 'inquiry show --json' ('-' for standard input); the way to enter a family's personal data.",
                               valueName: "file"))
    var path: String?

    /// The form: from the file when given, else from the flags. Both at once is a usage error.
    func form(or flags: InquiryFormOptions) throws -> InquiryForm {
        guard let path else { return flags.form }
        guard flags.form == InquiryForm() else {
            throw ValidationError("give the inquiry either with --form or with field flags, not both")
        }
        return try InquiryForm.fromJSON(try Self.read(path))
    }

    private static func read(_ path: String) throws -> Data {
        let limit = InquiryForm.maximumJSONBytes + 1
        if path == "-" {
            return FileHandle.standardInput.readData(ofLength: limit)
        }
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue {
            throw CLIError.missingInput("form file \(path) is a folder; give the path of a JSON file (or - for standard input)")
        }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw CLIError.missingInput("cannot open form file \(path): check that it exists and is readable")
        }
        defer { try? handle.close() }
        do {
            return try handle.read(upToCount: limit) ?? Data()
        } catch {
            throw CLIError.io("cannot read form file \(path): \(error.localizedDescription)")
        }
    }
}
