#if PostgreSQL
    public import ChipChart
    import Logging
    import PostgresNIO

    extension PostgresStore {
        /// The schema version the store's tables are at (0 before the first migration).
        ///
        /// - Throws: ``ChipChart/StoreError`` (`storageFailure`).
        public func schemaVersion() async throws(StoreError) -> Int {
            let tables = self.tables
            let logger = self.logger
            let schema = self.schema
            return try await inTransaction("schema version") { connection in
                try await Self.currentVersion(schema: schema, tables: tables, on: connection, logger: logger)
            }
        }

        /// Brings the schema to ``PostgresMigration/latestVersion``, in one transaction, under an
        /// advisory lock so that desks starting together migrate once.
        ///
        /// - Throws: ``ChipChart/StoreError`` (`incompatibleStorage` for a schema from a newer
        ///   ChipChart, or tables that are not ChipChart's).
        func migrate() async throws(StoreError) {
            let tables = self.tables
            let logger = self.logger
            let schema = self.schema
            let applied = try await inTransaction("migrate") { connection in
                try await connection.query(
                    "SELECT pg_advisory_xact_lock(hashtext(\("chipchart:" + schema)))",
                    logger: logger
                )
                try await connection.query("CREATE SCHEMA IF NOT EXISTS \(unescaped: tables.schema)", logger: logger)
                try await connection.query(
                    """
                    CREATE TABLE IF NOT EXISTS \(unescaped: tables.migrations) (
                        version integer PRIMARY KEY,
                        name text NOT NULL,
                        applied_at timestamptz NOT NULL DEFAULT now()
                    )
                    """,
                    logger: logger
                )
                let current = try await Self.currentVersion(
                    schema: schema,
                    tables: tables,
                    on: connection,
                    logger: logger
                )
                guard current <= PostgresMigration.latestVersion else {
                    throw StoreError(
                        .incompatibleStorage,
                        "the schema is at version \(current), written by a newer ChipChart; this one knows up to version \(PostgresMigration.latestVersion)"
                    )
                }
                let pending = PostgresMigration.all.filter { $0.version > current }
                guard !pending.isEmpty else { return [Int]() }
                try await connection.query("SET LOCAL search_path TO \(unescaped: tables.schema)", logger: logger)
                for migration in pending {
                    // Version 5 keeps no pending events: version 4's are sealed into its chain first.
                    if migration.version == 5 { try await Self.sealVersionFourPending(on: connection, logger: logger) }
                    for statement in SQLScript.statements(in: migration.sql) {
                        try await connection.query(PostgresQuery(unsafeSQL: statement), logger: logger)
                    }
                    try await connection.query(
                        "INSERT INTO \(unescaped: tables.migrations) (version, name) VALUES (\(migration.version), \(migration.name))",
                        logger: logger
                    )
                }
                return pending.map(\.version)
            }
            if !applied.isEmpty {
                logger.info(
                    "migrated the PostgreSQL schema",
                    metadata: ["schema": "\(schema)", "versions": "\(applied)"]
                )
            }
        }

        private static func currentVersion(
            schema: String,
            tables: Tables,
            on connection: PostgresConnection,
            logger: Logger
        ) async throws -> Int {
            let exists = try await connection.query(
                "SELECT to_regclass(\(tables.migrations)) IS NOT NULL",
                logger: logger
            )
            var found = false
            for try await present in exists.decode(Bool.self) { found = present }
            guard found else { return 0 }
            let rows = try await connection.query(
                "SELECT coalesce(max(version), 0) FROM \(unescaped: tables.migrations)",
                logger: logger
            )
            var version = 0
            for try await value in rows.decode(Int.self) { version = value }
            return version
        }
    }
#endif
