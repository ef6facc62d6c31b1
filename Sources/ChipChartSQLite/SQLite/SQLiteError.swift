internal import CSQLite

/// An error reported by SQLite: its result code, its message and the statement that failed.
///
/// Match on ``code`` (the primary result code) or ``extendedCode``; the codes are static
/// constants, so a new one never breaks an exhaustive `switch`.
///
/// <!-- snippet: mode=skip because=a-fragment-of-a-catch-clause-on-an-internal-type -->
/// ```swift
/// catch let error as SQLiteError where error.code == .constraint { … }
/// ```
struct SQLiteError: Error, Sendable, CustomStringConvertible {
    /// A SQLite result code, primary (`SQLITE_BUSY`) or extended (`SQLITE_CONSTRAINT_UNIQUE`).
    struct Code: Hashable, Sendable, CustomStringConvertible {
        /// The numeric code, as the C API returns it.
        let rawValue: Int32

        init(_ rawValue: Int32) { self.rawValue = rawValue }

        /// The primary code (the low byte) of an extended code.
        var primary: Code { Code(rawValue & 0xFF) }

        static let error = Code(SQLITE_ERROR)
        static let busy = Code(SQLITE_BUSY)
        static let locked = Code(SQLITE_LOCKED)
        static let readOnly = Code(SQLITE_READONLY)
        static let ioError = Code(SQLITE_IOERR)
        static let corrupt = Code(SQLITE_CORRUPT)
        static let full = Code(SQLITE_FULL)
        static let cantOpen = Code(SQLITE_CANTOPEN)
        static let constraint = Code(SQLITE_CONSTRAINT)
        static let notADatabase = Code(SQLITE_NOTADB)
        static let constraintUnique = Code(2067)  // SQLITE_CONSTRAINT_UNIQUE
        static let constraintForeignKey = Code(787)  // SQLITE_CONSTRAINT_FOREIGNKEY

        /// SQLite's own English name of the code.
        var description: String { String(cString: sqlite3_errstr(rawValue)) + " (\(rawValue))" }
    }

    /// The primary result code.
    var code: Code { extendedCode.primary }
    /// The extended result code.
    let extendedCode: Code
    /// SQLite's message.
    let message: String
    /// The statement that failed, when there was one.
    let sql: String?

    init(extendedCode: Int32, message: String, sql: String? = nil) {
        self.extendedCode = Code(extendedCode)
        self.message = message
        self.sql = sql
    }

    /// The last error of a connection.
    init(connection: OpaquePointer?, resultCode: Int32, sql: String? = nil) {
        let extended = connection.map { sqlite3_extended_errcode($0) } ?? resultCode
        let message =
            connection.map { String(cString: sqlite3_errmsg($0)) } ?? String(cString: sqlite3_errstr(resultCode))
        // The connection's code can lag behind the step's when another call intervened.
        self.init(
            extendedCode: (extended & 0xFF) == (resultCode & 0xFF) ? extended : resultCode,
            message: message,
            sql: sql
        )
    }

    /// `SQLite error N: message — in statement`, on one line: the statement's whitespace (its
    /// line breaks and indentation) is folded to single spaces, and it is cut at 120 characters.
    var description: String {
        var text = "SQLite error \(extendedCode.rawValue): \(message)"
        if let sql {
            let folded = sql.split(whereSeparator: { $0.isWhitespace || $0.isNewline }).joined(separator: " ")
            text += " — in \(folded.prefix(120))"
        }
        return text
    }
}
