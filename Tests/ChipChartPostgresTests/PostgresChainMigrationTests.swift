#if PostgreSQL
    import ChipChart
    import ChipChartTesting
    import Foundation
    import Logging
    import PostgresNIO
    import Testing

    @testable import ChipChartPostgres

    @Suite(
        "PostgresStore: a trail written before version 4 goes on after migrating",
        .enabled(if: PostgresTestServer.isConfigured, PostgresTestServer.howToRun),
        .timeLimit(.minutes(2))
    )
    struct PostgresChainMigrationTests {
        @Test(
            "a schema at version 3 with a chain of events migrates; the old events verify as they are and new ones follow"
        )
        func chainFromVersionThree() async throws {
            let client = try #require(PostgresTestServer.shared)
            let schema = PostgresTestServer.freshSchema("chainv3")
            let quoted = "\"\(schema)\""
            let logger = Logger(label: "migration-test")
            let staff = try SyntheticPopulation(seed: 3).staff()
            var old: [AuditEvent] = []
            for index in 0..<3 {
                let draft = AuditEvent.Draft(
                    at: Date(timeIntervalSince1970: 1_764_000_000 + Double(index)),
                    staff: staff,
                    action: .search,
                    purpose: "check-in",
                    detail: "\(index) found"
                )
                old.append(draft.sealed(after: old.last))
            }
            let written = old
            try await client.withConnection { connection in
                try await connection.query("BEGIN", logger: logger)
                try await connection.query("CREATE SCHEMA \(unescaped: quoted)", logger: logger)
                try await connection.query("SET LOCAL search_path TO \(unescaped: quoted)", logger: logger)
                try await connection.query(
                    "CREATE TABLE chipchart_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())",
                    logger: logger
                )
                for migration in PostgresMigration.all.prefix(3) {
                    for statement in SQLScript.statements(in: migration.sql) {
                        try await connection.query(PostgresQuery(unsafeSQL: statement), logger: logger)
                    }
                    try await connection.query(
                        "INSERT INTO chipchart_migrations (version, name) VALUES (\(migration.version), \(migration.name))",
                        logger: logger
                    )
                }
                // As a release before version 4 appended: the events, and the head on the last.
                for event in written {
                    try await connection.query(
                        """
                        INSERT INTO audit_events (sequence, at_epoch_ms, staff_name, staff_personal_id, staff_role,
                            action, purpose, detail, previous_hash, hash)
                        VALUES (\(event.sequence), \(event.epochMilliseconds), \(event.staff.name.text),
                            \(event.staff.personalID.digits), \(event.staff.role.rawValue), \(event.action.rawValue),
                            \(event.purpose), \(event.detail), \(event.previousHash), \(event.hash))
                        """,
                        logger: logger
                    )
                }
                try await connection.query(
                    """
                    UPDATE audit_head SET sequence = 3, hash = e.hash, last_event = to_jsonb(e)
                    FROM audit_events AS e WHERE e.sequence = 3
                    """,
                    logger: logger
                )
                try await connection.query("COMMIT", logger: logger)
            }
            let store = try await PostgresStore.open(client: client, schema: schema)
            #expect(try await store.schemaVersion() == 4)
            #expect(try await store.auditEvents(after: 0, limit: 3) == written, "the old events are read as written")

            var changes = ChangeSet(Access(by: staff, purpose: "check-in"))
            var patient = Patient(
                demographics: Demographics(
                    name: try PersonName("Phạm Thị Lan"),
                    dateOfBirth: try DateOfBirth(parsing: "01011970"),
                    sex: .female
                )
            )
            patient.addIdentifier(.personalID(try PersonalID("001170000009")))
            changes.save(patient)
            let receipt = try await store.commit(changes)
            #expect(receipt.auditEvents.map(\.sequence) == [4])
            #expect(
                receipt.auditEvents.first?.previousHash == written.last?.hash,
                "the chain goes on from the old head"
            )
            let verification = try await store.verifyAuditTrail()
            #expect(verification.isIntact && verification.eventCount == 4, "\(verification)")
        }
    }
#endif
