#if PostgreSQL
    import ChipChart
    import ChipChartPostgres
    import ChipChartTesting
    import Foundation
    import Logging
    import PostgresNIO
    import Testing

    @Suite(
        "PostgresStore's audit chain: sealing without a queue, and tampering found",
        .enabled(if: PostgresTestServer.isConfigured, PostgresTestServer.howToRun),
        .timeLimit(.minutes(2))
    )
    struct PostgresAuditChainTests {
        static let logger = Logger(label: "audit-chain-test")

        static func access() throws -> Access {
            Access(by: try SyntheticPopulation(seed: 1).staff(), purpose: "audit test")
        }

        static func newPatient(_ index: Int) throws -> Patient {
            var patient = Patient(
                demographics: Demographics(
                    name: try PersonName("Trần Văn Minh"),
                    dateOfBirth: try DateOfBirth(parsing: "15061985"),
                    sex: .male
                )
            )
            patient.addIdentifier(.personalID(try PersonalID("00108\(String(format: "%07d", index))")))
            return patient
        }

        /// A fresh store holding `count` events, one commit of one new patient each.
        static func storeWithEvents(_ count: Int, _ purpose: String) async throws -> PostgresStore {
            let store = try await PostgresTestServer.freshStore(purpose)
            for index in 0..<count {
                var changes = ChangeSet(try access())
                changes.save(try newPatient(index))
                try await store.commit(changes)
            }
            return store
        }

        static func run(_ sql: String, in schema: String, client: PostgresClient) async throws {
            try await client.withConnection { connection in
                try await connection.query("BEGIN", logger: logger)
                do {
                    try await connection.query("SET LOCAL search_path TO \(unescaped: "\"\(schema)\"")", logger: logger)
                    try await connection.query(PostgresQuery(unsafeSQL: sql), logger: logger)
                } catch {
                    // The connection goes back to the shared pool: never in a failed transaction.
                    try await connection.query("ROLLBACK", logger: logger)
                    throw error
                }
                try await connection.query("COMMIT", logger: logger)
            }
        }

        static func count(_ table: String, in schema: String, client: PostgresClient) async throws -> Int {
            let rows = try await client.query("SELECT count(*) FROM \(unescaped: "\"\(schema)\".\(table)")")
            var count = -1
            for try await value in rows.decode(Int.self) { count = value }
            return count
        }

        // MARK: - Tampering

        /// One way of tampering with a trail of five events, and where it must be found.
        struct Tampering: Sendable, CustomStringConvertible {
            let description: String
            let sql: String
            let brokenAt: Int64
        }

        @Test(
            "an edited event, or one removed from the middle or the end, is found at its place",
            arguments: [
                Tampering(
                    description: "event 3 edited",
                    sql: "UPDATE audit_events SET detail = 'version 7' WHERE sequence = 3",
                    brokenAt: 3
                ),
                Tampering(
                    description: "event 3 edited, its hash recomputed by no one",
                    sql: "UPDATE audit_events SET staff_name = 'Someone Else' WHERE sequence = 3",
                    brokenAt: 3
                ),
                Tampering(
                    description: "event 3 removed",
                    sql: "DELETE FROM audit_events WHERE sequence = 3",
                    brokenAt: 4
                ),
                Tampering(
                    description: "the last event removed",
                    sql: "DELETE FROM audit_events WHERE sequence = 5",
                    brokenAt: 5
                ),
                Tampering(
                    description: "the last two events removed",
                    sql: "DELETE FROM audit_events WHERE sequence >= 4",
                    brokenAt: 4
                ),
            ]
        )
        func tamperingFound(_ tampering: Tampering) async throws {
            let client = try #require(PostgresTestServer.shared)
            let store = try await Self.storeWithEvents(5, "tamper")
            #expect(try await store.verifyAuditTrail().isIntact)
            try await Self.run(tampering.sql, in: store.schema, client: client)
            let verification = try await store.verifyAuditTrail()
            #expect(verification.firstBrokenLink?.sequence == tampering.brokenAt, "\(verification)")
            #expect(verification.lastHash == nil)
        }

        @Test("removing events from the end is found only against the head of the chain")
        func tailRemovalNeedsTheHead() async throws {
            let client = try #require(PostgresTestServer.shared)
            let store = try await Self.storeWithEvents(4, "tail")
            try await Self.run("DELETE FROM audit_events WHERE sequence = 4", in: store.schema, client: client)
            // The links alone still hold: what remains is a shorter, valid chain.
            let linksOnly = try await (store as any RecordStore).verifyAuditTrail()
            #expect(linksOnly.isIntact && linksOnly.eventCount == 3)
            let withHead = try await store.verifyAuditTrail()
            #expect(withHead.firstBrokenLink?.sequence == 4, "\(withHead)")
            #expect(withHead.firstBrokenLink?.reason.contains("removed") == true)
        }

        @Test("an event inserted in the middle, correctly sealed after its predecessor, is found after it")
        func insertionFound() async throws {
            let client = try #require(PostgresTestServer.shared)
            let store = try await Self.storeWithEvents(5, "insert")
            let events = try await store.auditEvents(after: 0, limit: 10)
            let forged = AuditEvent.Draft(
                at: Date(),
                staff: try Self.access().staff,
                action: .read,
                recordKind: .patient,
                purpose: "curiosity"
            ).sealed(after: events[1])
            #expect(forged.sequence == 3)
            // Make room at 3 (two steps: the primary key is checked row by row), then insert.
            try await Self.run(
                "UPDATE audit_events SET sequence = sequence + 1000 WHERE sequence >= 3",
                in: store.schema,
                client: client
            )
            try await Self.run(
                "UPDATE audit_events SET sequence = sequence - 999 WHERE sequence > 1000",
                in: store.schema,
                client: client
            )
            try await Self.run(
                """
                INSERT INTO audit_events (sequence, at_epoch_ms, staff_name, staff_personal_id, staff_role, action,
                    record_kind, purpose, previous_hash, hash)
                VALUES (3, \(forged.epochMilliseconds), '\(forged.staff.name.text)',
                    '\(forged.staff.personalID.digits)', '\(forged.staff.role.rawValue)', 'read', 'patient',
                    'curiosity', '\(forged.previousHash)', '\(forged.hash)')
                """,
                in: store.schema,
                client: client
            )
            let verification = try await store.verifyAuditTrail()
            #expect(verification.firstBrokenLink?.sequence == 4, "\(verification)")
        }

        // MARK: - Sealing without a queue

        /// Holds what a sealing transaction holds, the sealer's advisory lock and the head row,
        /// in an open transaction on a connection of its own, until released.
        final class Sealer: Sendable {
            let task: Task<Void, any Error>
            private let releaseSignal: AsyncStream<Void>.Continuation

            init(client: PostgresClient, schema: String) async throws {
                let (release, releaseSignal) = AsyncStream<Void>.makeStream()
                let (locked, lockedSignal) = AsyncStream<Void>.makeStream()
                self.releaseSignal = releaseSignal
                let logger = PostgresAuditChainTests.logger
                task = Task {
                    try await client.withConnection { connection in
                        try await connection.query("BEGIN", logger: logger)
                        try await connection.query(
                            "SELECT pg_advisory_xact_lock(hashtext(\("chipchart audit sealer:" + schema)))",
                            logger: logger
                        )
                        try await connection.query(
                            "SELECT 1 FROM \(unescaped: "\"\(schema)\"").audit_head FOR UPDATE",
                            logger: logger
                        )
                        lockedSignal.yield()
                        for await _ in release { break }
                        try await connection.query("ROLLBACK", logger: logger)
                    }
                }
                for await _ in locked { break }
            }

            func release() { releaseSignal.yield() }
        }

        @Test("a commit reaches the disk while another transaction is sealing, and is sealed after it")
        func commitDoesNotQueueBehindTheSealer() async throws {
            let client = try #require(PostgresTestServer.shared)
            let store = try await Self.storeWithEvents(2, "noqueue")
            let schema = store.schema
            let sealer = try await Sealer(client: client, schema: schema)
            let patient = try Self.newPatient(50)
            let committing = Task {
                var changes = ChangeSet(try Self.access())
                changes.save(patient)
                return try await store.commit(changes)
            }
            // The patient is committed, and its event pending, while the sealer still holds on.
            var committed = false
            for _ in 0..<250 where !committed {
                committed = try await Self.count("patients", in: schema, client: client) == 3
                if !committed { try await Task.sleep(for: .milliseconds(20)) }
            }
            #expect(committed, "the commit did not wait for the sealing transaction")
            #expect(try await Self.count("audit_pending", in: schema, client: client) == 1)
            sealer.release()
            try await sealer.task.value
            let receipt = try await committing.value
            let stored = try await store.auditEvents(after: 2, limit: 10)
            #expect(stored.count == 1 && stored == receipt.auditEvents, "the receipt holds the event as sealed")
            #expect(try await Self.count("audit_pending", in: schema, client: client) == 0)
            #expect(try await store.verifyAuditTrail().isIntact)
        }

        @Test("events a desk committed but could not seal (its process ended) are sealed before the trail is read")
        func leftoversSealed() async throws {
            let client = try #require(PostgresTestServer.shared)
            let store = try await Self.storeWithEvents(2, "leftover")
            try await Self.run(
                """
                INSERT INTO audit_pending (at_epoch_ms, staff_name, staff_personal_id, staff_role, action, record_kind,
                    purpose, detail)
                VALUES (1764400000123, 'Lê Thị Hoa', '001190000001', 'receptionist', 'read', 'patient', 'check-in', NULL),
                    (1764400000456, 'Lê Thị Hoa', '001190000001', 'receptionist', 'search', NULL, 'check-in', '2 found')
                """,
                in: store.schema,
                client: client
            )
            let events = try await store.auditEvents(after: 0, limit: 10)
            #expect(events.map(\.sequence) == [1, 2, 3, 4])
            #expect(events.suffix(2).map(\.action) == [.read, .search])
            #expect(events[2].epochMilliseconds == 1_764_400_000_123, "the stored millisecond is the one sealed")
            #expect(try await Self.count("audit_pending", in: store.schema, client: client) == 0)
            #expect(try await store.verifyAuditTrail().isIntact)
        }

        @Test("desks committing at once all end up in one intact chain, none left pending")
        func manyDesksOneChain() async throws {
            let client = try #require(PostgresTestServer.shared)
            let store = try await PostgresTestServer.freshStore("manydesks")
            let desks = 8
            let perDesk = 6
            let receipts = try await withThrowingTaskGroup(of: [AuditEvent].self) { group in
                for desk in 0..<desks {
                    group.addTask {
                        var events: [AuditEvent] = []
                        for turn in 0..<perDesk {
                            var changes = ChangeSet(try Self.access())
                            changes.save(try Self.newPatient(1000 + desk * perDesk + turn))
                            events += try await store.commit(changes).auditEvents
                        }
                        return events
                    }
                }
                return try await group.reduce(into: [AuditEvent]()) { $0 += $1 }
            }
            let stored = try await store.auditEvents(after: 0, limit: 1000)
            #expect(stored.count == desks * perDesk)
            #expect(Set(receipts) == Set(stored), "every receipt holds its events as stored")
            #expect(try await Self.count("audit_pending", in: store.schema, client: client) == 0)
            let verification = try await store.verifyAuditTrail()
            #expect(verification.isIntact && verification.eventCount == desks * perDesk, "\(verification)")
        }
    }
#endif
