import Foundation
@testable import HomewardCore

/// The centre's settings every family report needs, set by the fixture's admin.
func setCentre(_ homeward: Homeward, admin: Actor) throws {
    try homeward.setSetting(admin, key: "centre.name", value: "Координаційний центр «Шлях додому»")
    try homeward.setSetting(admin, key: "centre.name.en", value: "Homeward Coordination Centre")
    try homeward.setSetting(admin, key: "centre.name.ru", value: "Координационный центр «Путь домой»")
    try homeward.setSetting(admin, key: "centre.phone", value: "+380 44 000 00 00")
    try homeward.setSetting(admin, key: "centre.email", value: "families@example.org")
    try homeward.setSetting(admin, key: "centre.address", value: "вул. Вигадана, 1, Київ 01001")
    try homeward.setSetting(admin, key: "centre.hours", value: "9:00–18:00")
    try homeward.setSetting(admin, key: "authority.name", value: "Бюро судово-медичної експертизи (вигадане)")
    try homeward.setSetting(admin, key: "authority.name.en", value: "Forensic Bureau (fictional)")
    try homeward.setSetting(admin, key: "authority.phone", value: "+380 44 111 11 11")
}

extension Homeward {
    /// The family report as text, for assertions.
    func familyReportText(_ actor: Actor, _ reference: String, _ format: FamilyReportFormat, _ language: ReportLanguage? = nil) throws -> String {
        String(decoding: try familyReport(actor, reference: reference, format: format, language: language).data, as: UTF8.self)
    }
}

/// Compares `text` with the golden file `name` beside this source file, or writes it when
/// HOMEWARD_RECORD_GOLDEN=1 (then review the diff before committing).
func checkGolden(_ text: String, _ name: String, filePath: String = #filePath) throws -> Bool {
    let url = URL(fileURLWithPath: filePath).deletingLastPathComponent().appendingPathComponent("Golden").appendingPathComponent(name)
    if ProcessInfo.processInfo.environment["HOMEWARD_RECORD_GOLDEN"] == "1" {
        try Data(text.utf8).write(to: url)
        return true
    }
    let expected = try String(contentsOf: url, encoding: .utf8)
    return expected == text
}
