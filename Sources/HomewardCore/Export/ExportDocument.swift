import Foundation
import GRDB

/// The `homeward-export` JSON document: a header, the schema, then every table's rows.
///
/// Written in one read transaction (one consistent snapshot), one row per line, in chunks.
/// The layout is described for importers in README.md, "Full export".
enum ExportDocument {
    static let format = "homeward-export"
    /// Bumped when the layout of the document (not the schema) changes.
    static let formatVersion = 1

    struct Header {
        var exportedAt: String
        var exportedBy: String
    }

    /// Writes the document; returns the number of rows written per table.
    static func write(_ db: Database, _ header: Header, to out: inout JSONStreamWriter) throws -> (plan: ExportPlan, rows: [String: Int]) {
        let plan = try ExportPlan.make(db)
        let migrations = try Migrations.migrator.appliedIdentifiers(db).sorted()
        try out.raw("{\n")
        try member("format", out: &out) { try $0.string(format) }
        try member("format_version", out: &out) { try $0.raw(String(formatVersion)) }
        try member("schema_version", out: &out) { try $0.string(migrations.last ?? "") }
        try member("migrations", out: &out) { try $0.strings(migrations) }
        try member("exported_at", out: &out) { try $0.string(header.exportedAt) }
        try member("exported_by", out: &out) { try $0.string(header.exportedBy) }
        let databaseID = try String.fetchOne(db, sql: "SELECT id FROM database_identity") ?? ""
        try member("database_id", out: &out) { try $0.string(databaseID) }
        try member("value_encoding", out: &out) { out in
            try out.raw("{\"integer\": \"number\", \"real\": \"number\", \"text\": \"string\", ")
            try out.raw("\"blob\": \"string of lower-case hex digits\", \"null\": \"null\"}")
        }
        try member("withheld", out: &out) { out in
            try list(plan.withheld, out: &out) { out, column in
                try object(out: &out, [("table", column.table), ("column", column.column), ("reason", column.reason)])
            }
        }
        try member("derived", out: &out) { out in
            try list(plan.derived, out: &out) { out, table in
                try object(out: &out, [("table", table.table), ("reason", table.reason)])
            }
        }
        try member("schema", out: &out) { out in
            let objects = try Row.fetchAll(db, sql: """
                SELECT type, name, tbl_name, sql FROM sqlite_schema
                WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY rowid
                """)
            try list(objects, out: &out) { out, row in
                try object(out: &out, [("type", row["type"]), ("name", row["name"]), ("table", row["tbl_name"]), ("sql", row["sql"])])
            }
        }
        var counts = [String: Int]()
        try out.key("tables")
        try out.raw("[")
        for (index, table) in plan.tables.enumerated() {
            try out.raw(index == 0 ? "\n" : ",\n")
            counts[table.name] = try rows(of: table, db, out: &out)
        }
        try out.raw("\n],\n")
        try out.key("row_counts")
        try out.raw("{")
        for (index, table) in plan.tables.enumerated() {
            try out.raw(index == 0 ? "" : ", ")
            try out.key(table.name)
            try out.raw(String(counts[table.name] ?? 0))
        }
        try out.raw("}\n}\n")
        try out.flush()
        return (plan, counts)
    }

    /// One table: its exported columns, the columns withheld, then its rows in key order.
    private static func rows(of table: ExportPlan.Table, _ db: Database, out: inout JSONStreamWriter) throws -> Int {
        try out.raw("{")
        try out.key("name")
        try out.string(table.name)
        try out.raw(", ")
        try out.key("columns")
        try out.raw("[")
        for (index, column) in table.columns.enumerated() {
            try out.raw(index == 0 ? "" : ", ")
            try out.raw("{")
            try out.key("name")
            try out.string(column.name)
            try out.raw(", ")
            try out.key("type")
            try out.string(column.type)
            try out.raw(", ")
            try out.key("not_null")
            try out.raw(column.isNotNull ? "true" : "false")
            try out.raw(", ")
            try out.key("primary_key")
            try out.raw(column.primaryKeyIndex > 0 ? "true" : "false")
            try out.raw("}")
        }
        try out.raw("], ")
        try out.key("withheld")
        try out.strings(table.withheld)
        try out.raw(", ")
        try out.key("rows")
        try out.raw("[")
        let names = table.columns.map(\.name)
        let request = Table<Row>(table.name).select(names.map { Column($0) }).order(table.order.map { Column($0) })
        let cursor = try request.fetchCursor(db)
        var count = 0
        while let row = try cursor.next() {
            try out.raw(count == 0 ? "\n  {" : ",\n  {")
            for index in names.indices {
                if index > 0 { try out.raw(", ") }
                try out.key(names[index])
                try out.value(row[index] as DatabaseValue)
            }
            try out.raw("}")
            count += 1
        }
        try out.raw(count == 0 ? "], " : "\n], ")
        try out.key("row_count")
        try out.raw(String(count))
        try out.raw("}")
        return count
    }

    /// `"key": value,` and a line break: a member of the header.
    private static func member(_ key: String, out: inout JSONStreamWriter, _ value: (inout JSONStreamWriter) throws -> Void) throws {
        try out.key(key)
        try value(&out)
        try out.raw(",\n")
    }

    private static func list<Item>(_ items: [Item], out: inout JSONStreamWriter,
                                   _ element: (inout JSONStreamWriter, Item) throws -> Void) throws {
        try out.raw("[")
        for (index, item) in items.enumerated() {
            try out.raw(index == 0 ? "\n  " : ",\n  ")
            try element(&out, item)
        }
        try out.raw(items.isEmpty ? "]" : "\n]")
    }

    /// An object of text members; a nil value is written as null.
    private static func object(out: inout JSONStreamWriter, _ members: [(String, String?)]) throws {
        try out.raw("{")
        for (index, member) in members.enumerated() {
            if index > 0 { try out.raw(", ") }
            try out.key(member.0)
            if let value = member.1 { try out.string(value) } else { try out.raw("null") }
        }
        try out.raw("}")
    }
}
