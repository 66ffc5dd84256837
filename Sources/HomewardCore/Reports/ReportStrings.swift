import Foundation

/// The words of reports in one language: one table per language (Reports/Strings/LANG.json),
/// so a translator edits one file and a test checks every table has every key.
struct ReportStrings: Sendable {
    let language: ReportLanguage
    let table: [String: String]

    /// The embedded tables, parsed once. A table that does not parse is a build defect the
    /// tests catch, so it fails loudly here.
    static let all: [ReportLanguage: ReportStrings] = {
        var tables = [ReportLanguage: ReportStrings]()
        for language in ReportLanguage.allCases {
            let bytes: [UInt8] = switch language {
            case .en: PackageResources.en_json
            case .uk: PackageResources.uk_json
            case .ru: PackageResources.ru_json
            }
            guard let table = try? JSONDecoder().decode([String: String].self, from: Data(bytes)) else {
                preconditionFailure("Reports/Strings/\(language.rawValue).json is not an object of strings")
            }
            tables[language] = ReportStrings(language: language, table: table)
        }
        return tables
    }()

    static subscript(_ language: ReportLanguage) -> ReportStrings { all[language]! }

    /// The phrase for `key` with `{name}` placeholders filled in; English when this language
    /// lacks it (a test makes sure none does), the key itself when no table has it.
    func callAsFunction(_ key: String, _ values: [String: String] = [:]) -> String {
        var text = table[key] ?? Self.all[.en]?.table[key] ?? key
        for (name, value) in values {
            text = text.replacingOccurrences(of: "{\(name)}", with: value)
        }
        return text
    }

    /// Whether this language's table has `key` (a variant such as `…_text_female`).
    func has(_ key: String) -> Bool { table[key] != nil }

    /// A date as families read it: `17.04.1998` in Ukrainian and Russian, `17 April 1998` in
    /// English; partial dates (`1998-04`, `1998`) keep only what is known.
    func date(_ iso: String) -> String {
        let parts = iso.prefix(10).split(separator: "-").map(String.init)
        guard let year = parts.first else { return iso }
        let month = parts.count > 1 ? Int(parts[1]) : nil
        let day = parts.count > 2 ? Int(parts[2]) : nil
        switch language {
        case .en:
            let monthName = month.map { callAsFunction("month_\($0)") }
            return [day.map(String.init), monthName, year].compactMap { $0 }.joined(separator: " ")
        case .uk, .ru:
            return [day.map { String(format: "%02d", $0) }, month.map { String(format: "%02d", $0) }, year]
                .compactMap { $0 }.joined(separator: ".")
        }
    }

    /// A region's name in this language, or its code when the code is not in the directory.
    func region(_ code: String) -> String {
        RegionDirectory.standard.region(code: code)?.name(in: language) ?? code
    }

    /// A range of days, or one day when both ends are the same.
    func dateRange(_ from: String, _ to: String) -> String {
        from == to ? date(from) : callAsFunction("date_range", ["from": date(from), "to": date(to)])
    }
}
