extension SQLiteStore {
    /// One step of the store's schema, exactly as this library applies it: the text of
    /// `Schemas/sqlite/NNNN_name.sql` in the source tree.
    public struct SchemaMigration: Sendable, CustomStringConvertible {
        /// The schema version the step produces (the file's number).
        public let version: Int
        /// The file's name without extension, such as `0001_initial`.
        public let name: String
        /// The SQL, byte for byte as in the file.
        public let sql: String

        /// The file name.
        public var description: String { name + ".sql" }
    }

    /// The migrations this version of the library applies, oldest first.
    public static var schemaMigrations: [SchemaMigration] {
        SQLiteMigrator.embedded.map { SchemaMigration(version: $0.version, name: $0.name, sql: $0.sql) }
    }

    /// The schema version this library brings a file to (`PRAGMA user_version`); a file with
    /// a higher version is refused.
    public static var schemaVersion: Int { SQLiteMigrator().latestVersion }

    /// The `PRAGMA application_id` that marks a file as a ChipChart store.
    public static var applicationID: Int32 { Int32(SQLiteMigrator.applicationID) }
}
