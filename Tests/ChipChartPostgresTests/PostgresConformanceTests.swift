#if PostgreSQL
    import ChipChart
    import ChipChartTesting
    import Testing

    @Suite(
        "PostgresStore keeps the RecordStore and ArchivableStore contracts",
        .enabled(if: PostgresTestServer.isConfigured, PostgresTestServer.howToRun),
        .timeLimit(.minutes(2))
    )
    struct PostgresConformanceTests {
        @Test(arguments: RecordStoreConformance.cases)
        func conformance(_ check: RecordStoreConformance.Case) async throws {
            try await check.run { try await PostgresTestServer.freshStore(check.name) }
        }

        @Test(arguments: ArchivableStoreConformance.cases)
        func archivable(_ check: ArchivableStoreConformance.Case) async throws {
            try await check.run { try await PostgresTestServer.freshStore(check.name) }
        }
    }
#else
    import Testing

    @Suite("PostgreSQL store")
    struct PostgresStoreNotBuiltTests {
        @Test(
            "the PostgreSQL tests",
            .disabled(
                "built without the PostgreSQL trait: run `swift test --traits PostgreSQL` with CHIPCHART_POSTGRES_URL=postgres://USER@127.0.0.1:PORT/DATABASE?sslmode=disable (.ci/run starts a throwaway server)"
            )
        )
        func postgresTests() {}
    }
#endif
