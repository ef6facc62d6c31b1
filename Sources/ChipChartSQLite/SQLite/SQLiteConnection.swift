internal import CSQLite
import Foundation

/// One connection to a SQLite file, with its prepared-statement cache.
///
/// Not thread-safe: the owner serialises every use (``SQLiteStore`` keeps it behind a mutex).
/// Statements are prepared once per SQL text and reused; ``withStatement(_:_:)`` resets them.
final class SQLiteConnection {
    /// How a connection is opened.
    struct Options {
        var path: String
        var busyTimeoutMilliseconds: Int = 10_000
        var createIfMissing: Bool = true
    }

    let handle: OpaquePointer
    let path: String
    private var statements: [String: SQLiteStatement] = [:]

    init(_ options: Options) throws(SQLiteError) {
        var handle: OpaquePointer?
        var flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE
        if options.createIfMissing { flags |= SQLITE_OPEN_CREATE }
        let result = sqlite3_open_v2(options.path, &handle, flags, nil)
        guard result == SQLITE_OK, let handle else {
            let error = SQLiteError(connection: handle, resultCode: result)
            sqlite3_close_v2(handle)
            throw error
        }
        self.handle = handle
        self.path = options.path
        sqlite3_extended_result_codes(handle, 1)
        let timeout = UnsafeMutableRawPointer(bitPattern: max(1, options.busyTimeoutMilliseconds))
        sqlite3_busy_handler(handle, { context, attempt in SQLiteConnection.waitWhileBusy(context, attempt) }, timeout)
    }

    deinit {
        statements.removeAll()
        sqlite3_close_v2(handle)
    }

    /// True when SQLite opened the file read-only (the file or its folder cannot be written).
    var isReadOnly: Bool { sqlite3_db_readonly(handle, "main") == 1 }

    /// Rows changed by the last statement.
    var changes: Int { Int(sqlite3_changes(handle)) }

    /// The rowid of the last inserted row.
    var lastInsertedRowID: Int64 { sqlite3_last_insert_rowid(handle) }

    /// Runs one or more statements that return nothing (schema scripts, pragmas), uncached.
    func execute(_ sql: String) throws(SQLiteError) {
        var message: UnsafeMutablePointer<CChar>?
        let result = sqlite3_exec(handle, sql, nil, nil, &message)
        guard result == SQLITE_OK else {
            let text = message.map { String(cString: $0) } ?? String(cString: sqlite3_errstr(result))
            sqlite3_free(message)
            throw SQLiteError(extendedCode: sqlite3_extended_errcode(handle), message: text, sql: sql)
        }
    }

    /// Runs `body` with the cached statement for `sql`, reset afterwards.
    func withStatement<T>(_ sql: String, _ body: (SQLiteStatement) throws -> T) throws -> T {
        let statement: SQLiteStatement
        if let cached = statements[sql] {
            statement = cached
        } else {
            statement = try SQLiteStatement(connection: self, sql: sql)
            statements[sql] = statement
        }
        defer { statement.reset() }
        return try body(statement)
    }

    /// The integer a pragma returns (`user_version`, `application_id`).
    func integerPragma(_ name: String) throws -> Int64 {
        try withStatement("PRAGMA \(name)") { statement in
            guard try statement.step() else { return 0 }
            return statement.int64(0)
        }
    }

    /// The text rows a pragma returns (`integrity_check`, `journal_mode`).
    func textPragma(_ sql: String) throws -> [String] {
        try withStatement(sql) { statement in
            var rows: [String] = []
            while try statement.step() { rows.append(statement.string(0)) }
            return rows
        }
    }

    /// SQLite's busy handler: sleeps a little longer each time (with jitter, so waiting
    /// processes do not wake in step) and gives up once about the timeout has passed.
    private static func waitWhileBusy(_ context: UnsafeMutableRawPointer?, _ attempt: Int32) -> Int32 {
        let timeoutMicroseconds = Int(bitPattern: context) * 1000
        let step = Int(attempt)
        // The time slept so far: 50 µs more per attempt, at most 2 ms a sleep.
        let rampAttempts = 40
        let slept =
            step <= rampAttempts
            ? 25 * step * (step + 1) : 25 * rampAttempts * (rampAttempts + 1) + (step - rampAttempts) * 2000
        guard slept < timeoutMicroseconds else { return 0 }
        let delay = min(50 * (step + 1), 2000) + Int.random(in: 0..<50)
        usleep(UInt32(delay))
        return 1
    }
}
