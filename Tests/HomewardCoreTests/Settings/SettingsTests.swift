import Foundation
import Testing
@testable import HomewardCore

/// The centre's settings: what a value may be, how phones are stored, and what the audit
/// trail records.
@Suite struct SettingsTests {
    @Test func valuesMayBeAsLongAsTheSchemaAllows() throws {
        let (homeward, admin) = try makeHomeward()
        try homeward.setSetting(admin, key: "centre.name", value: String(repeating: "A", count: 500))
        #expect(throws: SettingsError.invalidValue(key: "centre.name", problem: "is longer than 500 characters (501); shorten it")) {
            try homeward.setSetting(admin, key: "centre.name", value: String(repeating: "A", count: 501))
        }
        let event = try #require(try homeward.auditLog(admin, filter: AuditFilter(action: "settings.set")).last)
        #expect(event.details.contains(String(repeating: "A", count: 500)), "the audit event records the whole value stored")
    }

    @Test func phoneNumbersAreCheckedLikeAnInquirysAndStoredInE164() throws {
        let (homeward, admin) = try makeHomeward()
        #expect(try homeward.setSetting(admin, key: "centre.phone", value: "+380 44 000 00 00") == "+380440000000")
        #expect(try homeward.settings(admin).first { $0.key == "centre.phone" }?.value == "+380440000000")
        for impossible in ["+99 123", "12", "+380 44 000"] {
            #expect(throws: SettingsError.self, "\(impossible)") { try homeward.setSetting(admin, key: "centre.phone", value: impossible) }
        }
        do {
            try homeward.setSetting(admin, key: "authority.phone", value: "+99 123")
            Issue.record("an impossible number was stored")
        } catch let error as SettingsError {
            #expect(error.errorDescription?.hasPrefix("authority.phone: is impossible") == true, "\(error.errorDescription ?? "")")
        }
    }

    @Test func lineBreaksAndTabsAreRefusedAndNamed() throws {
        let (homeward, admin) = try makeHomeward()
        #expect(throws: SettingsError.invalidValue(
            key: "centre.address", problem: "contains a line break (U+000A); remove it (line breaks are not allowed in this field)")) {
            try homeward.setSetting(admin, key: "centre.address", value: "line1\nline2")
        }
        #expect(throws: SettingsError.invalidValue(
            key: "centre.name", problem: "contains a tab (U+0009); remove it (tabs are not allowed in this field)")) {
            try homeward.setSetting(admin, key: "centre.name", value: "tab\there")
        }
        do {
            try homeward.setSetting(admin, key: "centre.name\n", value: "x")
            Issue.record("a key with a line break was taken")
        } catch let error as SettingsError {
            let message = error.errorDescription ?? ""
            #expect(message.contains("\"centre.nameU+000A\"") && message.contains("a line break (U+000A)"), "\(message)")
            #expect(!message.contains("\n"))
        }
        #expect(try homeward.settings(admin).isEmpty)
    }
}
