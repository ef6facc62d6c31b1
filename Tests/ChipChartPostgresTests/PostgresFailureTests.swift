#if PostgreSQL
    import ChipChart
    import ChipChartPostgres
    import ChipChartTesting
    import Foundation
    import Logging
    import PostgresNIO
    import Testing

    @Suite(
        "PostgresStore when things go wrong",
        .enabled(if: PostgresTestServer.isConfigured, PostgresTestServer.howToRun),
        .timeLimit(.minutes(2))
    )
    struct PostgresFailureTests {
        static func access() throws -> Access {
            Access(by: try SyntheticPopulation(seed: 1).staff(), purpose: "failure test")
        }

        static func newPatient(_ digits: String) throws -> Patient {
            var patient = Patient(
                demographics: Demographics(
                    name: try PersonName("Lê Thị Hoa"),
                    dateOfBirth: try DateOfBirth(parsing: "02031990"),
                    sex: .female
                )
            )
            patient.addIdentifier(.personalID(try PersonalID(digits)))
            return patient
        }

        /// Holds the audit chains' head rows locked from another connection (as a checkpoint
        /// does) until `release` is called, and (optionally) runs `whileHolding` inside the same transaction.
        final class HeadBlocker: Sendable {
            let task: Task<Void, any Error>
            private let releaseSignal: AsyncStream<Void>.Continuation

            init(
                client: PostgresClient,
                schema: String,
                whileHolding: (@Sendable (PostgresConnection) async throws -> Void)? = nil
            ) async throws {
                let (release, releaseSignal) = AsyncStream<Void>.makeStream()
                let (locked, lockedSignal) = AsyncStream<Void>.makeStream()
                self.releaseSignal = releaseSignal
                let logger = Logger(label: "test")
                task = Task {
                    try await client.withConnection { connection in
                        try await connection.query("BEGIN", logger: logger)
                        try await connection.query("SET LOCAL deadlock_timeout = '20s'", logger: logger)
                        try await connection.query(
                            "LOCK TABLE \(unescaped: "\"\(schema)\"").audit_heads IN EXCLUSIVE MODE",
                            logger: logger
                        )
                        lockedSignal.yield()
                        for await _ in release { break }
                        try await whileHolding?(connection)
                        try await connection.query("ROLLBACK", logger: logger)
                    }
                }
                for await _ in locked { break }
            }

            func release() { releaseSignal.yield() }
        }

        /// The process id of the store's backend once it waits for a lock in `schema`.
        static func backendWaitingForLock(in schema: String, client: PostgresClient) async throws -> Int32? {
            for _ in 0..<250 {
                let rows = try await client.query(
                    """
                    SELECT a.pid FROM pg_stat_activity AS a
                    WHERE a.wait_event_type = 'Lock' AND a.pid <> pg_backend_pid()
                        AND position('audit_heads' in a.query) > 0
                        AND EXISTS (
                            SELECT 1 FROM pg_locks AS l JOIN pg_class AS c ON c.oid = l.relation
                            WHERE l.pid = a.pid AND c.relnamespace = \(schema)::regnamespace
                                AND c.relname = 'audit_heads'
                        )
                    """
                )
                for try await pid in rows.decode(Int32.self) { return pid }
                try await Task.sleep(for: .milliseconds(20))
            }
            return nil
        }

        static func count(_ table: String, in schema: String, client: PostgresClient) async throws -> Int {
            let rows = try await client.query("SELECT count(*) FROM \(unescaped: "\"\(schema)\".\(table)")")
            var count = -1
            for try await value in rows.decode(Int.self) { count = value }
            return count
        }

        @Test("losing the connection in the middle of a commit gives an error and leaves nothing half-written")
        func connectionLostMidCommit() async throws {
            // The store has a client of its own: the connection ended here is never lent to
            // another test, nor to this test's own queries (made with the shared client).
            let client = try #require(PostgresTestServer.shared)
            let storeClient = PostgresTestServer.makeRunningClient(try PostgresTestServer.configuration())
            let store = try await PostgresTestServer.freshStore("lost", client: storeClient)
            let blocker = try await HeadBlocker(client: client, schema: store.schema)
            let patient = try Self.newPatient("001090000001")
            let committing = Task {
                var changes = ChangeSet(try Self.access())
                changes.save(patient)
                return try await store.commit(changes)
            }
            // The commit has written its rows and waits for the audit head: end its connection.
            let pid = try #require(try await Self.backendWaitingForLock(in: store.schema, client: client))
            try await client.query("SELECT pg_terminate_backend(\(pid))")
            let outcome = await committing.result
            blocker.release()
            try await blocker.task.value

            #expect(throws: StoreError.self) { try outcome.get() }
            if case .failure(let error as StoreError) = outcome {
                #expect(error.code == .storageFailure, "\(error)")
            }
            #expect(try await Self.count("patients", in: store.schema, client: client) == 0)
            #expect(try await Self.count("patient_identifiers", in: store.schema, client: client) == 0)
            #expect(try await Self.count("audit_events", in: store.schema, client: client) == 0)

            var again = ChangeSet(try Self.access())
            again.save(patient)
            let receipt = try await store.commit(again)
            #expect(receipt.patients.first?.version == 1, "the same change commits once the connection is back")
            #expect(try await store.verifyAuditTrail().isIntact)
        }

        @Test("a deadlock aborts the commit's transaction, which is tried again and written once")
        func deadlockRetried() async throws {
            let client = PostgresTestServer.makeRunningClient(try PostgresTestServer.configuration())
            let store = try await PostgresTestServer.freshStore("deadlock", client: client)
            var registration = ChangeSet(try Self.access())
            registration.save(try Self.newPatient("001090000002"))
            var patient = try #require(try await store.commit(registration).patients.first)
            let patientID = patient.id.uuid
            let schema = store.schema
            // The blocker holds the audit head; once the commit holds the patient row and waits
            // for the head, the blocker asks for the patient row: a cycle. The blocker waits 20 s
            // before looking for deadlocks, the commit 1 s, so the commit's transaction is the one
            // PostgreSQL aborts.
            let blocker = try await HeadBlocker(client: client, schema: schema) { connection in
                try await connection.query(
                    "SELECT 1 FROM \(unescaped: "\"\(schema)\"").patients WHERE id = \(patientID) FOR UPDATE",
                    logger: Logger(label: "test")
                )
            }
            patient.demographics.phone = "0911000002"
            let update = patient
            let committing = Task {
                var changes = ChangeSet(try Self.access())
                changes.save(update)
                return try await store.commit(changes)
            }
            _ = try #require(try await Self.backendWaitingForLock(in: schema, client: client))
            blocker.release()
            try await blocker.task.value
            let receipt = try await committing.value
            #expect(receipt.patients.first?.version == 2, "written once, at version 2")
            let read = try await store.patient(patient.id, for: try Self.access())
            #expect(read?.demographics.phone == "0911000002" && read?.version == 2)
            let rows = try await client.query(
                """
                SELECT count(*) FROM \(unescaped: "\"\(schema)\"").audit_events
                WHERE action = 'update' AND record_id = \(patientID)
                """
            )
            for try await updates in rows.decode(Int.self) { #expect(updates == 1, "one update event, not two") }
            #expect(try await store.verifyAuditTrail().isIntact)
        }
    }
#endif
