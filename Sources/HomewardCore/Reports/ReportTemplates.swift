import Mustache

/// Every report template (Reports/Templates), parsed once into one library: one template per
/// format of each report, HTML escaping on for every value (the templates use no triple
/// braces or `&`, which a test checks).
enum ReportTemplates {
    /// The templates' text by name.
    static let sources: [String: String] = [
        "family.html": String(decoding: PackageResources.family_html_mustache, as: UTF8.self),
        "family.txt": String(decoding: PackageResources.family_txt_mustache, as: UTF8.self),
        "coordinator.html": String(decoding: PackageResources.coordinator_html_mustache, as: UTF8.self),
        "coordinator.txt": String(decoding: PackageResources.coordinator_txt_mustache, as: UTF8.self),
    ]

    static let library: MustacheLibrary = {
        var library = MustacheLibrary()
        for (name, text) in sources {
            do {
                try library.register(text, named: name)
            } catch {
                preconditionFailure("Reports/Templates/\(name).mustache does not parse: \(error)")
            }
        }
        return library
    }()
}
