/// A language reports are written in.
public enum ReportLanguage: String, Sendable, CaseIterable, Codable {
    case uk, en, ru

    /// The language's tag for `<html lang>`.
    var tag: String { rawValue }
}

/// A format of the family report.
public enum FamilyReportFormat: String, Sendable, CaseIterable {
    case html, txt, json

    /// The file name extension.
    public var fileExtension: String { rawValue }
}

extension Region {
    /// The region's name in a report's language.
    func name(in language: ReportLanguage) -> String {
        switch language {
        case .uk: nameUK
        case .en: nameEN
        case .ru: nameRU
        }
    }
}
