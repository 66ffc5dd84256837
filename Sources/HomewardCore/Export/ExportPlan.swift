import Foundation
import GRDB

/// A column the full export leaves out, and why.
public struct WithheldColumn: Sendable, Hashable, Codable {
    public var table: String
    public var column: String
    public var reason: String
}

/// A table the full export leaves out because it is rebuilt from other tables, and how.
public struct DerivedTable: Sendable, Hashable, Codable {
    public var table: String
    public var reason: String
}

/// What the full export writes: every table SQLite holds, found in the schema rather than
/// listed here, so that a table added later is exported without anyone remembering to;
/// minus an explicit deny-list of secret columns and the tables that are indexes over others.
///
/// A new column holding a secret must be added to ``withheldColumns``; `ExportPlanTests`
/// fails on any table or column that has not been reviewed.
enum ExportPolicy {
    /// Secrets: never written, whatever the role.
    static let withheldColumns: [WithheldColumn] = [
        WithheldColumn(table: "app_user", column: "password_hash",
                       reason: "argon2id password hash (PHC string); an import sets new passwords"),
        WithheldColumn(table: "session", column: "token_hash",
                       reason: "SHA-256 of a session token, a credential; exported sessions cannot be resumed"),
        WithheldColumn(table: "database_identity", column: "audit_key",
                       reason: "secret key of the HMAC that marks unknown user names in the audit trail; an import makes a new one"),
    ]

    /// Indexes kept as tables; the FTS5 tables' own shadow tables are found through SQLite.
    static let derivedTables: [DerivedTable] = [
        DerivedTable(table: "person_name", reason: "full-text index of the name keys of person (rowid = person.id), rebuilt from person"),
        DerivedTable(table: "name_key", reason: "every distinct name key of person, for typo-tolerant search, rebuilt from person"),
    ]
}

/// The tables and columns of one database that the export writes, in import order.
struct ExportPlan {
    struct Table {
        let name: String
        let columns: [ColumnInfo]
        let withheld: [String]
        /// The primary key's columns, or ["rowid"]: rows are written in this order.
        let order: [String]
    }

    let tables: [Table]
    let withheld: [WithheldColumn]
    let derived: [DerivedTable]

    /// Reads the schema: every table but SQLite's own (`sqlite_…`), shadow tables of virtual
    /// tables and ``ExportPolicy/derivedTables``; tables after the tables they reference.
    static func make(_ db: Database) throws -> ExportPlan {
        let listed = try Row.fetchAll(db, sql: "PRAGMA main.table_list")
        var derived = ExportPolicy.derivedTables.filter { entry in listed.contains { $0["name"] == entry.table } }
        var names = [String]()
        for row in listed {
            let name: String = row["name"]
            let type: String = row["type"]
            guard !name.hasPrefix("sqlite_"), type != "view" else { continue }
            if type == "shadow" {
                let owner = derived.first { name.hasPrefix($0.table + "_") }?.table ?? "a virtual table"
                derived.append(DerivedTable(table: name, reason: "storage of \(owner), rebuilt with it"))
                continue
            }
            if ExportPolicy.derivedTables.contains(where: { $0.table == name }) { continue }
            names.append(name)
        }
        names.sort()
        var tables = [String: Table]()
        var references = [String: Set<String>]()
        var withheld = [WithheldColumn]()
        for name in names {
            let all = try db.columns(in: name)
            let secret = ExportPolicy.withheldColumns.filter { $0.table == name && all.map(\.name).contains($0.column) }
            withheld += secret
            let key = try db.primaryKey(name)
            tables[name] = Table(
                name: name, columns: all.filter { column in !secret.contains { $0.column == column.name } },
                withheld: secret.map(\.column), order: key.columns)
            references[name] = Set(try db.foreignKeys(on: name).map(\.destinationTable)).subtracting([name])
        }
        return ExportPlan(tables: Self.importOrder(names, references).compactMap { tables[$0] }, withheld: withheld,
                          derived: derived.sorted { $0.table < $1.table })
    }

    /// Names with every table after those it references (by name where a cycle leaves a choice).
    static func importOrder(_ names: [String], _ references: [String: Set<String>]) -> [String] {
        var placed = [String]()
        var left = names
        while !left.isEmpty {
            let ready = left.filter { name in (references[name] ?? []).allSatisfy { placed.contains($0) || !names.contains($0) } }
            let next = ready.first ?? left[0]
            placed.append(next)
            left.removeAll { $0 == next }
        }
        return placed
    }
}
