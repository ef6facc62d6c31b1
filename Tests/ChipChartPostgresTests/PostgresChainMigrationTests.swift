#if PostgreSQL
    import ChipChart
    import ChipChartTesting
    import Foundation
    import Logging
    import PostgresNIO
    import Testing

    @testable import ChipChartPostgres

    @Suite(
        "PostgresStore: a trail written before version 5 goes on after migrating",
        .enabled(if: PostgresTestServer.isConfigured, PostgresTestServer.howToRun),
        .timeLimit(.minutes(2))
    )
    struct PostgresChainMigrationTests {
        /// Three events sealed by the library.
        static func oldEvents() throws -> [AuditEvent] {
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
            return old
        }

        /// Commits one new patient holding `personalID`.
        static func commitPatient(
            _ personalID: String,
            by staff: Staff,
            to store: PostgresStore
        ) async throws
            -> CommitReceipt
        {
            var changes = ChangeSet(Access(by: staff, purpose: "check-in"))
            changes.save(try PostgresFailureTests.newPatient(personalID))
            return try await store.commit(changes)
        }

        /// A schema brought to `version` by the migration files alone, holding `events` as an
        /// earlier release appended them (the events, and the head on the last), then `extra`.
        static func schema(
            at version: Int,
            holding events: [AuditEvent],
            then extra: String? = nil,
            client: PostgresClient
        ) async throws -> String {
            let schema = PostgresTestServer.freshSchema("chainv\(version)")
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
                for migration in PostgresMigration.all.prefix(version) {
                    for statement in SQLScript.statements(in: migration.sql) {
                        try await connection.query(PostgresQuery(unsafeSQL: statement), logger: logger)
                    }
                    try await connection.query(
                        "INSERT INTO chipchart_migrations (version, name) VALUES (\(migration.version), \(migration.name))",
                        logger: logger
                    )
                }
                for event in events {
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
                    UPDATE audit_head SET sequence = e.sequence, hash = e.hash, last_event = to_jsonb(e)
                    FROM audit_events AS e WHERE e.sequence = \(Int64(events.count))
                    """,
                    logger: logger
                )
                if let extra { try await connection.query(PostgresQuery(unsafeSQL: extra), logger: logger) }
                try await connection.query("COMMIT", logger: logger)
            }
            return schema
        }

        @Test(
            "a schema at version 3 with a chain of events migrates; the old events verify as they are and new ones follow"
        )
        func chainFromVersionThree() async throws {
            let client = try #require(PostgresTestServer.shared)
            let staff = try SyntheticPopulation(seed: 3).staff()
            let written = try Self.oldEvents()
            let schema = try await Self.schema(at: 3, holding: written, client: client)
            let store = try await PostgresStore.open(client: client, schema: schema)
            #expect(try await store.schemaVersion() == PostgresMigration.latestVersion)
            #expect(try await store.auditEvents(after: 0, limit: 3) == written, "the old events are read as written")

            let receipt = try await Self.commitPatient("001170000009", by: staff, to: store)
            #expect(receipt.auditEvents.map(\.sequence) == [4])
            #expect(
                receipt.auditEvents.first?.previousHash == written.last?.hash,
                "the chain goes on from the old head"
            )
            let verification = try await store.verifyAuditTrail()
            #expect(verification.isIntact && verification.eventCount == 4, "\(verification)")
        }

        @Test(
            "a schema at version 4 with a chain and events left pending migrates; the pending ones are sealed after the chain, which goes on as chain 1"
        )
        func pendingFromVersionFour() async throws {
            let client = try #require(PostgresTestServer.shared)
            let written = try Self.oldEvents()
            let schema = try await Self.schema(
                at: 4,
                holding: written,
                then: """
                    INSERT INTO audit_pending (at_epoch_ms, staff_name, staff_personal_id, staff_role, action,
                        record_kind, record_id, purpose, detail)
                    VALUES (1764400000123, 'Lê Thị Hoa', '001190000001', 'receptionist', 'read', 'patient',
                            '6f9619ff-8b86-d011-b42d-00c04fc964ff', 'khám bệnh', NULL),
                        (1764400000456, 'Lê Thị Hoa', '001190000001', 'receptionist', 'search', NULL, NULL,
                            'check-in', '2 kết quả')
                    """,
                client: client
            )
            let store = try await PostgresStore.open(client: client, schema: schema)
            #expect(try await store.schemaVersion() == PostgresMigration.latestVersion)
            let events = try await store.auditEvents(after: 0, limit: 10)
            #expect(Array(events.prefix(3)) == written, "the old events are read as written")
            #expect(events.map(\.sequence) == [1, 2, 3, 4, 5])
            #expect(events.suffix(2).map(\.detail) == [nil, "2 kết quả"])
            #expect(events[3].previousHash == written.last?.hash, "the chain goes on from the old head")
            #expect(events.allSatisfy { $0.hash == $0.computedHash })
            let verification = try await store.verifyAuditTrail()
            #expect(verification.isIntact && verification.eventCount == 5, "\(verification)")

            // The old chain is chain 1: new events follow it, and the trail still verifies.
            let staff = try SyntheticPopulation(seed: 3).staff()
            let receipt = try await Self.commitPatient("001170000019", by: staff, to: store)
            #expect(receipt.auditEvents.map(\.sequence) == [6])
            #expect(receipt.auditEvents.first?.previousHash == events.last?.hash)
            let after = try await store.verifyAuditTrail()
            #expect(after.isIntact && after.eventCount == 6, "\(after)")
        }
    }
#endif
