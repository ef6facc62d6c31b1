import ChipChart

/// Brings a file's schema up to date, forward only, one migration per transaction.
///
/// The schema version is `PRAGMA user_version`; `PRAGMA application_id` marks the file as a
/// ChipChart store. A file of another application, or of a newer ChipChart, is refused
/// untouched with ``StoreError/Code/incompatibleStorage``.
struct SQLiteMigrator: Sendable {
    /// One step of the schema: the SQL that takes version `version - 1` to `version`.
    struct Migration: Sendable {
        /// The schema version this migration produces.
        var version: Int
        /// The file name without extension (`0001_initial`).
        var name: String
        /// The statements.
        var sql: String
    }

    /// `CHCH` in ASCII: the `application_id` of every ChipChart SQLite file.
    static let applicationID: Int64 = 0x4348_4348

    /// The migrations to apply, in order.
    var migrations: [Migration] = SQLiteMigrator.embedded

    /// The version the newest migration produces.
    var latestVersion: Int { migrations.last?.version ?? 0 }

    /// Checks the file is ours and not newer, then applies the missing migrations.
    ///
    /// - Throws: ``StoreError`` (`incompatibleStorage`) before writing anything when the file
    ///   is not ours or is newer; SQLite errors otherwise.
    func migrate(_ connection: SQLiteConnection) throws {
        try checkCompatible(connection)
        var current = Int(try connection.integerPragma("user_version"))
        guard current < latestVersion else { return }
        if try connection.textPragma("PRAGMA journal_mode").first?.lowercased() != "wal" {
            _ = try connection.textPragma("PRAGMA journal_mode = WAL")
        }
        for migration in migrations where migration.version > current {
            try connection.transaction {
                // Another process may have migrated while this one waited for the lock.
                try checkCompatible(connection)
                current = Int(try connection.integerPragma("user_version"))
                guard migration.version > current else { return }
                try connection.execute(migration.sql)
                if migration.version == RecordFormatMigration.schemaVersion {
                    try RecordFormatMigration.run(on: connection)
                }
                try connection.execute("PRAGMA application_id = \(Self.applicationID)")
                try connection.execute("PRAGMA user_version = \(migration.version)")
            }
        }
    }

    /// Refuses a file that is not a ChipChart store or was made by a newer version.
    func checkCompatible(_ connection: SQLiteConnection) throws {
        let applicationID = try connection.integerPragma("application_id")
        let version = try connection.integerPragma("user_version")
        if applicationID == 0 && version == 0 {
            let objects = try connection.withStatement("SELECT count(*) FROM sqlite_schema") { statement in
                try statement.step() ? statement.int64(0) : 0
            }
            guard objects == 0 else {
                throw StoreError(
                    .incompatibleStorage,
                    "the file is a SQLite database of another application, not a ChipChart store"
                )
            }
            return
        }
        guard applicationID == Self.applicationID else {
            throw StoreError(
                .incompatibleStorage,
                "the file is a SQLite database of another application (application_id \(applicationID))"
            )
        }
        guard version <= latestVersion else {
            throw StoreError(
                .incompatibleStorage,
                "the file was made by a newer ChipChart (schema \(version); this version knows up to \(latestVersion))"
            )
        }
        // The mark and the first schema version are written in one transaction: a marked file
        // without a version was not initialised by ChipChart (or was altered since).
        guard version >= 1 else {
            throw StoreError(
                .incompatibleStorage,
                "the file carries ChipChart's mark but schema version \(version): not a ChipChart store"
            )
        }
    }
}
