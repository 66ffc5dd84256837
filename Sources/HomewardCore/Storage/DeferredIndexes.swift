import GRDB

/// Drops the secondary indexes of some tables for a bulk insert and recreates them from
/// their own stored definitions afterwards, in the same transaction.
///
/// Building an index once from sorted data is much cheaper than updating it row by row, so
/// a large import into a small database runs faster; if anything fails, the transaction's
/// rollback brings the indexes back unchanged. Unique constraints are never dropped.
enum DeferredIndexes {
    static func during<T>(_ db: Database, tables: [String], _ body: () throws -> T) throws -> T {
        let indexes = try Row.fetchAll(db, sql: """
            SELECT name, sql FROM sqlite_master
            WHERE type = 'index' AND sql IS NOT NULL AND sql NOT LIKE 'CREATE UNIQUE%'
              AND tbl_name IN (\(databaseQuestionMarks(count: tables.count)))
            """, arguments: StatementArguments(tables))
        for index in indexes {
            // Index names come from the schema itself, not from input.
            try db.execute(sql: "DROP INDEX \((index["name"] as String).quotedDatabaseIdentifier)")
        }
        let result = try body()
        for index in indexes {
            try db.execute(sql: index["sql"])
        }
        return result
    }
}
