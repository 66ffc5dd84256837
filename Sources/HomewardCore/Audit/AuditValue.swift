import Crypto
import Foundation
import GRDB

/// What may reach an audit event: every text is cleaned of characters that could forge
/// output and capped in length, and a typed name that is no account is kept only as a keyed
/// hash, so that a password typed as a user name never enters the append-only trail.
enum AuditValue {
    /// Longest actor name, entity type or action kept.
    static let nameLimit = 64
    /// Longest entity identifier kept (a reference, a code, a CODE/TAG, a file name).
    static let entityLimit = 128
    /// Longest detail key or value kept: as long as a setting's value (500), so that
    /// `settings.set` records the value stored, whole.
    static let detailLimit = 500

    /// The text with control, format and separator characters replaced by U+FFFD and cut to
    /// `limit` characters (marked with "…" when cut).
    static func cleaned(_ text: String, limit: Int) -> String {
        var result = String.UnicodeScalarView()
        var count = 0
        for scalar in text.unicodeScalars {
            if count == limit {
                result.append("…")
                break
            }
            result.append(isForging(scalar) ? "\u{FFFD}" : scalar)
            count += 1
        }
        return String(result)
    }

    static func cleaned(optional text: String?, limit: Int) -> String? {
        text.map { cleaned($0, limit: limit) }
    }

    private static func isForging(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        if (0x20..<0x7F).contains(value) || (0xA0..<0x2000).contains(value) { return false }
        if scalar.properties.isDefaultIgnorableCodePoint || scalar.properties.isBidiControl { return true }
        switch scalar.properties.generalCategory {
        case .control, .format, .lineSeparator, .paragraphSeparator, .unassigned, .privateUse, .surrogate: return true
        default: return false
        }
    }

    /// How the trail names text typed as a user name that is no account: `unknown:` and the
    /// first 16 hex digits of HMAC-SHA256 under the database's secret. Equal typed names give
    /// equal marks (so repeated guesses at one name can be counted) without revealing them.
    static func anonymous(_ typed: String, in db: Database) throws -> String {
        let secret = try Data.fetchOne(db, sql: "SELECT audit_key FROM database_identity") ?? Data()
        // Before init there is no secret; an empty key still hides the text from readers.
        let mac = HMAC<SHA256>.authenticationCode(for: Data(typed.utf8), using: SymmetricKey(data: secret))
        return "unknown:" + hexString(Data(mac).prefix(8))
    }

    /// An entity identifier as the trail keeps it: verbatim when it is shaped like one (ASCII
    /// letters, digits and `- _ . / :`, up to ``entityLimit``), else as an anonymous mark, so a
    /// name or e-mail typed where a reference or CODE/TAG belongs never enters the trail.
    static func entity(_ text: String, in db: Database) throws -> String {
        let shaped = !text.isEmpty && text.utf8.count <= entityLimit
            && text.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || "-_./:".unicodeScalars.contains($0)) }
        return shaped ? text : try anonymous(text, in: db)
    }

    /// The stored name of the account a typed name denotes, or its anonymous mark.
    static func userName(_ typed: String, in db: Database) throws -> String {
        if let account = try UserAccount.named(typed, in: db) { return account.name }
        return try anonymous(typed, in: db)
    }
}
