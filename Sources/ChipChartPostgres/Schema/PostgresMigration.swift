/// One step of the PostgreSQL schema: a version, a name and the SQL that makes it.
///
/// The SQL is the text of `Schemas/postgres/NNNN_name.sql`, embedded so that a deployment needs
/// no file beside the binary; a test proves the two are identical. A migration runs in one
/// transaction with the store's schema as `search_path`, and is recorded in the
/// `chipchart_migrations` table of that schema.
///
/// Migrations are only ever appended: a released one is never edited.
public struct PostgresMigration: Sendable, Hashable {
    /// The schema version this migration brings the store to, from 1, without gaps.
    public let version: Int
    /// A short name (`initial`), the file's name without its number.
    public let name: String
    /// The SQL statements, separated by semicolons.
    public let sql: String

    /// The file name under `Schemas/postgres/`, such as `0001_initial.sql`.
    public var fileName: String {
        let digits = String(version)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits + "_" + name + ".sql"
    }

    /// Every migration, oldest first.
    public static let all: [PostgresMigration] = [initial, visitsAdmitted, oneOpenVisit, auditPending]

    /// The schema version this library writes: the newest migration's.
    public static var latestVersion: Int { all.last?.version ?? 0 }
}
