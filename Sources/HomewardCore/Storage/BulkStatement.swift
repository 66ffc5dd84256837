import GRDB
import GRDBSQLite

/// A value bound by ``BulkStatement``.
enum BulkValue {
    case text(String?)
    case integer(Int64?)
}

/// A prepared statement executed many times with values bound straight through the SQLite C
/// API. Bulk imports insert hundreds of thousands of rows, and GRDB's general-purpose
/// arguments (a boxed value per column) cost more there than SQLite's own insert.
/// Values are still bound, never spliced into SQL.
struct BulkStatement {
    private let statement: Statement
    private let db: Database

    init(_ db: Database, sql: String) throws {
        self.db = db
        statement = try db.makeStatement(sql: sql)
    }

    /// Binds `values` to parameters 1, 2, … and runs the statement once.
    func execute(_ values: [BulkValue]) throws {
        let handle = statement.sqliteStatement
        sqlite3_reset(handle)
        for (offset, value) in values.enumerated() {
            let index = Int32(offset + 1)
            let code: Int32
            switch value {
            case let .text(text?):
                var text = text
                code = text.withUTF8 { bytes in
                    sqlite3_bind_text(handle, index, bytes.baseAddress, Int32(bytes.count), Self.transient)
                }
            case let .integer(number?):
                code = sqlite3_bind_int64(handle, index, number)
            case .text(nil), .integer(nil):
                code = sqlite3_bind_null(handle, index)
            }
            guard code == SQLITE_OK else { throw error(code) }
        }
        let result = sqlite3_step(handle)
        guard result == SQLITE_DONE else {
            let failure = error(result)
            sqlite3_reset(handle)
            throw failure
        }
    }

    private func error(_ code: Int32) -> DatabaseError {
        DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(db.sqliteConnection)),
                      sql: statement.sql)
    }

    /// SQLite copies the bytes before the Swift buffer goes away.
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
}
