#if PostgreSQL
    import ChipChart
    import Logging
    import PostgresNIO
    import Testing

    @testable import ChipChartPostgres

    @Suite(
        "PostgresStore migrations against a server",
        .enabled(if: PostgresTestServer.isConfigured, PostgresTestServer.howToRun),
        .timeLimit(.minutes(2))
    )
    struct PostgresMigrationTests {
        @Test("a new schema is migrated to the latest version, and opening again changes nothing")
        func migratesOnce() async throws {
            let client = try #require(PostgresTestServer.shared)
            let schema = PostgresTestServer.freshSchema("migrate")
            let first = try await PostgresStore.open(client: client, schema: schema)
            #expect(try await first.schemaVersion() == PostgresMigration.latestVersion)
            let second = try await PostgresStore.open(client: client, schema: schema)
            #expect(try await second.schemaVersion() == PostgresMigration.latestVersion)
            let rows = try await client.query("SELECT count(*) FROM \(unescaped: "\"\(schema)\"").chipchart_migrations")
            var applied = 0
            for try await count in rows.decode(Int.self) { applied = count }
            #expect(applied == PostgresMigration.all.count)
        }

        @Test("a schema at version 1 is brought to the latest version")
        func upgradesFromVersionOne() async throws {
            let client = try #require(PostgresTestServer.shared)
            let schema = PostgresTestServer.freshSchema("upgrade")
            let quoted = "\"\(schema)\""
            let logger = Logger(label: "migration-test")
            try await client.withConnection { connection in
                try await connection.query("BEGIN", logger: logger)
                try await connection.query("CREATE SCHEMA \(unescaped: quoted)", logger: logger)
                try await connection.query("SET LOCAL search_path TO \(unescaped: quoted)", logger: logger)
                try await connection.query(
                    "CREATE TABLE chipchart_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())",
                    logger: logger
                )
                for statement in SQLScript.statements(in: PostgresMigration.all[0].sql) {
                    try await connection.query(PostgresQuery(unsafeSQL: statement), logger: logger)
                }
                try await connection.query(
                    "INSERT INTO chipchart_migrations (version, name) VALUES (1, 'initial')",
                    logger: logger
                )
                try await connection.query("COMMIT", logger: logger)
            }
            let store = try await PostgresStore.open(client: client, schema: schema)
            #expect(try await store.schemaVersion() == PostgresMigration.latestVersion)
            let rows = try await client.query(
                "SELECT count(*) FROM pg_indexes WHERE schemaname = \(schema) AND indexname = 'visits_admitted'"
            )
            var indexes = 0
            for try await count in rows.decode(Int.self) { indexes = count }
            #expect(indexes == 1, "version 2 adds the index of visits by admission time")
        }

        @Test("desks opening a new schema at the same moment migrate it once")
        func concurrentOpens() async throws {
            let client = try #require(PostgresTestServer.shared)
            let schema = PostgresTestServer.freshSchema("together")
            let versions = try await withThrowingTaskGroup(of: Int.self) { group in
                for _ in 0..<6 {
                    group.addTask { try await PostgresStore.open(client: client, schema: schema).schemaVersion() }
                }
                return try await group.reduce(into: [Int]()) { $0.append($1) }
            }
            #expect(versions == Array(repeating: PostgresMigration.latestVersion, count: 6))
        }

        @Test("a schema written by a newer ChipChart is refused")
        func refusesNewerSchema() async throws {
            let client = try #require(PostgresTestServer.shared)
            let schema = PostgresTestServer.freshSchema("newer")
            _ = try await PostgresStore.open(client: client, schema: schema)
            let newer = PostgresMigration.latestVersion + 1
            try await client.query(
                "INSERT INTO \(unescaped: "\"\(schema)\"").chipchart_migrations (version, name) VALUES (\(newer), 'future')"
            )
            let error = await #expect(throws: StoreError.self) {
                _ = try await PostgresStore.open(client: client, schema: schema)
            }
            #expect(error?.code == .incompatibleStorage)
        }

        @Test("a schema holding someone else's tables is refused, and left as it was")
        func refusesForeignTables() async throws {
            let client = try #require(PostgresTestServer.shared)
            let schema = PostgresTestServer.freshSchema("foreign")
            try await client.query("CREATE SCHEMA \(unescaped: "\"\(schema)\"")")
            try await client.query("CREATE TABLE \(unescaped: "\"\(schema)\"").patients (name text)")
            let error = await #expect(throws: StoreError.self) {
                _ = try await PostgresStore.open(client: client, schema: schema)
            }
            #expect(error?.code == .incompatibleStorage)
            let rows = try await client.query(
                "SELECT count(*) FROM pg_tables WHERE schemaname = \(schema)"
            )
            var tables = 0
            for try await count in rows.decode(Int.self) { tables = count }
            #expect(tables == 1, "the failed migration rolled back whole")
        }

        @Test(
            "schema names that would need quoting are refused",
            arguments: ["", "Clinic", "a-b", "1abc", "x\"; DROP"]
        )
        func refusesBadSchemaNames(_ name: String) async throws {
            let client = try #require(PostgresTestServer.shared)
            let error = await #expect(throws: StoreError.self) {
                _ = try await PostgresStore.open(client: client, schema: name)
            }
            #expect(error?.code == .incompatibleStorage)
        }

    }

    @Suite("PostgreSQL connection URLs")
    struct PostgresConfigurationTests {
        @Test(
            "connection URLs are read, and bad ones named",
            arguments: [
                ("postgres://u:p%40ss@127.0.0.1:6543/clinic?sslmode=disable", true),
                ("postgresql://u@db.example/clinic", true),
                ("mysql://u@h/db", false),
                ("postgres://u@h/", false),
                ("postgres://h/db", false),
                ("postgres://u@h/db?sslmode=sometimes", false),
            ]
        )
        func connectionURLs(_ url: String, _ valid: Bool) throws {
            if valid {
                let configuration = try PostgresStore.clientConfiguration(url: url)
                #expect(configuration.database == "clinic")
                #expect(configuration.username == "u")
            } else {
                #expect(throws: StoreError.self) { try PostgresStore.clientConfiguration(url: url) }
            }
        }

        @Test("a password in a URL is percent-decoded once")
        func passwordDecoded() throws {
            let configuration = try PostgresStore.clientConfiguration(
                url: "postgres://u:p%40ss@127.0.0.1:6543/clinic?sslmode=disable"
            )
            #expect(configuration.password == "p@ss")
            #expect(configuration.port == 6543)
            #expect(configuration.host == "127.0.0.1")
        }
    }
#endif
