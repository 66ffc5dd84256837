import GRDB

/// Compares a database's tables, indexes, triggers and views with what the migrations create.
///
/// The reference is a fresh in-memory database migrated by the same embedded SQL, so the
/// comparison needs no hand-kept list and follows every new migration.
enum SchemaCheck {
    struct Object: Hashable {
        let type: String
        let name: String
    }

    /// The schema objects (and their SQL, whitespace-normalised) the migrations create.
    static func expected() throws -> [Object: String] {
        let reference = try DatabaseQueue()
        try Migrations.migrator.migrate(reference)
        return try reference.read { db in try objects(db) }
    }

    static func objects(_ db: Database) throws -> [Object: String] {
        var objects = [Object: String]()
        for row in try Row.fetchAll(db, sql: """
            SELECT type, name, sql FROM sqlite_schema WHERE name NOT LIKE 'sqlite\\_%' ESCAPE '\\'
            """) {
            let sql: String? = row["sql"]
            objects[Object(type: row["type"], name: row["name"])] = normalised(sql ?? "")
        }
        return objects
    }

    /// One line per object that is missing, altered or foreign; empty when the schema is exactly
    /// the migrations' own.
    static func problems(_ db: Database) throws -> [String] {
        let expected = try expected()
        let actual = try objects(db)
        var problems = [String]()
        for (object, sql) in expected.sorted(by: { ($0.key.type, $0.key.name) < ($1.key.type, $1.key.name) }) {
            guard let found = actual[object] else {
                problems.append("\(object.type) \(object.name) is missing")
                continue
            }
            if found != sql { problems.append("\(object.type) \(object.name) differs from what the migrations create") }
        }
        for object in actual.keys.sorted(by: { ($0.type, $0.name) < ($1.type, $1.name) }) where expected[object] == nil {
            problems.append("\(object.type) \(object.name) was not created by homeward")
        }
        return problems
    }

    /// Tables in the file that Homeward's migrations do not create (none in a new or Homeward file).
    static func foreignTables(_ db: Database) throws -> [String] {
        let expected = Set(try expected().keys.filter { $0.type == "table" }.map(\.name))
        return try String.fetchAll(db, sql: """
            SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name
            """).filter { !expected.contains($0) }
    }

    private static func normalised(_ sql: String) -> String {
        sql.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "\r" }).joined(separator: " ")
    }
}
