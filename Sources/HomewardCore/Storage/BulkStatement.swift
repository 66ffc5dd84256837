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
    ///
    /// The texts are copied once into one buffer (on the stack when small) that lives until
    /// the step is done, and bound there with `SQLITE_STATIC`, so that SQLite reads them in
    /// place instead of allocating a copy of each; the bindings are cleared before the
    /// buffer goes, so the statement never points into freed memory.
    func execute(_ values: [BulkValue]) throws {
        let handle = statement.sqliteStatement
        sqlite3_reset(handle)
        var bytes = 0
        for case let .text(text?) in values { bytes += text.utf8.count }
        try withUnsafeTemporaryAllocation(of: UInt8.self, capacity: max(bytes, 1)) { buffer in
            defer { sqlite3_clear_bindings(handle) }
            var offset = 0
            for (position, value) in values.enumerated() {
                let index = Int32(position + 1)
                let code: Int32
                switch value {
                case var .text(text?):
                    let start = buffer.baseAddress.map { $0 + offset }
                    let count = text.withUTF8 { utf8 in
                        if let start, let source = utf8.baseAddress { start.update(from: source, count: utf8.count) }
                        return utf8.count
                    }
                    offset += count
                    code = sqlite3_bind_text(handle, index, start.map(UnsafeRawPointer.init)?.assumingMemoryBound(to: CChar.self),
                                             Int32(count), nil)
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
    }

    private func error(_ code: Int32) -> DatabaseError {
        DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(db.sqliteConnection)),
                      sql: statement.sql)
    }
}
