import Foundation
import GRDB

/// One stored setting, as `settings list` shows it.
public struct SettingView: Sendable, Codable, Equatable {
    public var key: String
    public var value: String
    public var updatedAt: String
    public var updatedBy: String

    enum CodingKeys: String, CodingKey {
        case key, value
        case updatedAt = "updated_at", updatedBy = "updated_by"
    }
}

/// The centre's settings as reports read them: the value for the report's language when one
/// is set, else the value for every language.
public struct CentreSettings: Sendable, Equatable {
    var values: [SettingKey: String]

    init(values: [SettingKey: String]) { self.values = values }

    static func load(in db: Database) throws -> CentreSettings {
        var values = [SettingKey: String]()
        for row in try Row.fetchAll(db, sql: "SELECT key, value FROM setting") {
            if let key = try? SettingKey.parse(row["key"]) { values[key] = row["value"] }
        }
        return CentreSettings(values: values)
    }

    /// The value of `base` for `language`, falling back to the value for every language.
    public func value(_ base: SettingKey.Base, _ language: ReportLanguage) -> String? {
        values[SettingKey(base, language: language)] ?? values[SettingKey(base)]
    }
}

extension Homeward {
    /// Sets one of the centre's settings. Admins only; audited with the key and the value
    /// (the centre's public contact details, never a family's).
    ///
    /// - Returns: the value as stored (trimmed; a phone number in E.164).
    /// - Throws: ``SettingsError`` for an unknown key or a value that cannot be stored.
    @discardableResult
    public func setSetting(_ actor: Actor, key text: String, value: String) throws -> String {
        let key = try SettingKey.parse(text)
        try authorize(actor, .manageSettings, action: "settings.set", entityType: "setting", entityID: key.description)
        let value = try Self.checkedSetting(key, value)
        try recordingFailure("settings.set", by: actor, entityType: "setting", entityID: key.description) {
            try write { db in
                let old = try String.fetchOne(db, sql: "SELECT value FROM setting WHERE key = ?", arguments: [key.description])
                try db.execute(sql: """
                    INSERT INTO setting (key, value, updated_at, updated_by) VALUES (?, ?, ?, ?)
                    ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at,
                                                    updated_by = excluded.updated_by
                    """, arguments: [key.description, value, Timestamp.text(now), actor.userID])
                var details = ["value": value]
                if let old { details["was"] = old }
                try audit(AuditEntry(action: "settings.set", entityType: "setting", entityID: key.description, details: details),
                          by: actor, in: db)
            }
        }
        return value
    }

    /// Removes a setting; reports then use the value for every language, or none.
    ///
    /// - Returns: false when the setting was not set (nothing changes, nothing is audited).
    @discardableResult
    public func unsetSetting(_ actor: Actor, key text: String) throws -> Bool {
        let key = try SettingKey.parse(text)
        try authorize(actor, .manageSettings, action: "settings.unset", entityType: "setting", entityID: key.description)
        return try write { db in
            guard let old = try String.fetchOne(db, sql: "SELECT value FROM setting WHERE key = ?", arguments: [key.description]) else {
                return false
            }
            try db.execute(sql: "DELETE FROM setting WHERE key = ?", arguments: [key.description])
            try audit(AuditEntry(action: "settings.unset", entityType: "setting", entityID: key.description, details: ["was": old]),
                      by: actor, in: db)
            return true
        }
    }

    /// Every stored setting, by key. Any signed-in user may read them: they are what the
    /// centre tells families.
    public func settings(_ actor: Actor) throws -> [SettingView] {
        try read { db in
            try Row.fetchAll(db, sql: """
                SELECT s.key, s.value, s.updated_at, u.name FROM setting s JOIN app_user u ON u.id = s.updated_by ORDER BY s.key
                """).map { SettingView(key: $0["key"], value: $0["value"], updatedAt: $0["updated_at"], updatedBy: $0["name"]) }
        }
    }

    /// The longest value a setting may hold; the schema's CHECK says the same.
    static let settingLimit = 500

    /// The value trimmed and checked for its key: one line of 1 to 500 characters (a report
    /// lays values out itself, so a line break or tab would only break its lines), phone
    /// numbers checked and stored in E.164 as an inquiry's are.
    static func checkedSetting(_ key: SettingKey, _ value: String) throws(SettingsError) -> String {
        let field = key.description
        guard let text = Cell.clean(value) else {
            throw .invalidValue(key: field, problem: "is empty; give a value, or use settings unset \(field)")
        }
        if let problem = Cell.problem(text, multiline: false) { throw .invalidValue(key: field, problem: problem) }
        guard text.count <= settingLimit else {
            throw .invalidValue(key: field, problem: "is longer than \(settingLimit) characters (\(text.count)); shorten it")
        }
        switch key.base {
        case .centrePhone, .authorityPhone:
            switch PhoneNumber.parse(text) {
            case let .success(e164): return e164
            case let .failure(problem): throw .invalidValue(key: field, problem: "is \(problem)")
            }
        case .centreEmail:
            let parts = text.split(separator: "@", omittingEmptySubsequences: false)
            guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."), !text.contains(" ") else {
                throw .invalidValue(key: field, problem: "is not an e-mail address; write it as name@example.org")
            }
        default:
            break
        }
        return text
    }
}
