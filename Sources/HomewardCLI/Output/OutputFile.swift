/// The `-o FILE` of the commands that write a document (reports, the full export).
enum OutputFile {
    /// The file to create, or nil for standard output: `-` means standard output, as it
    /// does for most tools, rather than a new file named `-`.
    static func path(_ option: String?) -> String? {
        option == "-" ? nil : option
    }
}
