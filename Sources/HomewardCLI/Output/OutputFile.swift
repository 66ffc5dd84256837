import ArgumentParser

/// The `-o FILE` of the commands that write a document (reports, the full export).
enum OutputFile {
    /// The file to create, or nil for standard output: `-` means standard output, as it
    /// does for most tools, rather than a new file named `-`.
    static func path(_ option: String?) -> String? {
        option == "-" ? nil : option
    }

    /// Refuses an `-o` given nothing but spaces, the one check every such command makes.
    static func validate(_ option: String?) throws {
        if let option, option.allSatisfy(\.isWhitespace) {
            throw ValidationError("-o needs the name of a new file, or - for standard output")
        }
    }
}
