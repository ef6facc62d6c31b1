#if PostgreSQL
    import ChipChart
    import ChipChartTesting
    import Foundation
    import Logging
    import PostgresNIO
    import Testing

    @testable import ChipChartPostgres

    @Suite(
        "PostgresStore's audit chains: desks that do not queue, and tampering found",
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

        /// Holds every chain but the new ones a commit starts: chain 1 locked in an open
        /// transaction of its own, until released.
        final class ChainHolder: Sendable {
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
                            "SELECT 1 FROM \(unescaped: "\"\(schema)\"").audit_heads WHERE chain = 1 FOR UPDATE",
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

        /// A store whose trail is two chains and two checkpoints, with a gap:
        /// 1 (chain 1), checkpoint 2, [3 taken by no event], 4 5 6 7 (chain 1), 8 (chain 2, from
        /// checkpoint 2, written while chain 1 was held), checkpoint 9, 10 (chain 1).
        static func storeWithChains(_ purpose: String) async throws -> PostgresStore {
            let client = try #require(PostgresTestServer.shared)
            let store = try await storeWithEvents(1, purpose)
            try await store.writeCheckpoint(after: 0, staff: try access().staff)
            _ = try await client.query("SELECT nextval('\(unescaped: store.tables.auditSequence)')")
            for index in 1..<5 { try await commitPatient(1000 + index, to: store) }
            try await commitWhileChainOneIsHeld(2000, to: store, client: client)
            try await commitPatient(3000, to: store)
            return store
        }

        @discardableResult
        static func commitPatient(_ index: Int, to store: any RecordStore) async throws -> CommitReceipt {
            var changes = ChangeSet(try access())
            changes.save(try newPatient(index))
            return try await store.commit(changes)
        }

        /// Commits a new patient while another transaction holds chain 1: the commit reaches the
        /// table before that transaction ends (it starts a chain of its own), and its checkpoint
        /// (due after a new chain) is written once the other transaction has ended.
        @discardableResult
        static func commitWhileChainOneIsHeld(
            _ index: Int,
            to store: PostgresStore,
            client: PostgresClient
        )
            async throws -> CommitReceipt
        {
            let before = try await count("patients", in: store.schema, client: client)
            let holder = try await ChainHolder(client: client, schema: store.schema)
            let committing = Task { try await commitPatient(index, to: store) }
            var committed = false
            for _ in 0..<250 where !committed {
                committed = try await count("patients", in: store.schema, client: client) == before + 1
                if !committed { try await Task.sleep(for: .milliseconds(20)) }
            }
            #expect(committed, "the commit did not wait for the transaction holding chain 1")
            holder.release()
            try await holder.task.value
            return try await committing.value
        }

        /// One way of tampering with the trail of ``storeWithChains(_:)``, and where it must be
        /// found: a statement, or an event forged at `forgedAt` after the event at `forgedAfter`.
        struct Tampering: Sendable, CustomStringConvertible {
            let description: String
            var sql: String? = nil
            var forgedAt: Int64? = nil
            var forgedAfter: Int64? = nil
            let brokenAt: Int64
        }

        @Test(
            "an event edited, inserted or removed anywhere is found",
            arguments: [
                Tampering(
                    description: "an event edited",
                    sql: "UPDATE audit_events SET detail = 'version 7' WHERE sequence = 5",
                    brokenAt: 5
                ),
                Tampering(
                    description: "a checkpoint edited",
                    sql: "UPDATE audit_events SET detail = '' WHERE sequence = 9",
                    brokenAt: 9
                ),
                Tampering(
                    description: "an event removed in the middle of a chain",
                    sql: "DELETE FROM audit_events WHERE sequence = 5",
                    brokenAt: 6
                ),
                Tampering(
                    description: "an event removed at the end of a chain before the last checkpoint",
                    sql: "DELETE FROM audit_events WHERE sequence = 8",
                    brokenAt: 8
                ),
                Tampering(
                    description: "an event removed at the end after the last checkpoint",
                    sql: "DELETE FROM audit_events WHERE sequence = 10",
                    brokenAt: 10
                ),
                Tampering(description: "an event inserted in a chain", forgedAt: 3, forgedAfter: 1, brokenAt: 4),
                Tampering(
                    description: "an event inserted as a new chain before a checkpoint",
                    forgedAt: 3,
                    forgedAfter: 2,
                    brokenAt: 3
                ),
            ]
        )
        func tamperingFound(_ tampering: Tampering) async throws {
            let client = try #require(PostgresTestServer.shared)
            let store = try await Self.storeWithChains("tamper")
            let events = try await store.auditEvents(after: 0, limit: 100)
            #expect(events.map(\.sequence) == [1, 2, 4, 5, 6, 7, 8, 9, 10])
            #expect(events.filter { $0.action == .checkpoint }.map(\.sequence) == [2, 9])
            #expect(try await store.verifyAuditTrail().isIntact)
            if let sql = tampering.sql { try await Self.run(sql, in: store.schema, client: client) }
            if let at = tampering.forgedAt, let after = events.first(where: { $0.sequence == tampering.forgedAfter }) {
                try await Self.insert(
                    AuditEvent.Draft(at: Date(), staff: try Self.access().staff, action: .read, purpose: "curiosity")
                        .sealed(sequence: at, previousHash: after.hash),
                    in: store.schema,
                    client: client
                )
            }
            let verification = try await store.verifyAuditTrail()
            #expect(verification.firstBrokenLink?.sequence == tampering.brokenAt, "\(verification)")
            #expect(verification.lastHash == nil)
        }

        static func insert(_ forged: AuditEvent, in schema: String, client: PostgresClient) async throws {
            try await run(
                """
                INSERT INTO audit_events (sequence, at_epoch_ms, staff_name, staff_personal_id, staff_role, action,
                    purpose, previous_hash, hash)
                VALUES (\(forged.sequence), \(forged.epochMilliseconds), '\(forged.staff.name.text)',
                    '\(forged.staff.personalID.digits)', '\(forged.staff.role.rawValue)', 'read', 'curiosity',
                    '\(forged.previousHash)', '\(forged.hash)')
                """,
                in: schema,
                client: client
            )
        }

        @Test("removing events from the end after the last checkpoint is found only against the head rows")
        func tailRemovalNeedsTheHeads() async throws {
            let client = try #require(PostgresTestServer.shared)
            let store = try await Self.storeWithChains("tail")
            try await Self.run("DELETE FROM audit_events WHERE sequence = 10", in: store.schema, client: client)
            // The links alone still hold: what remains is a shorter, valid trail.
            let linksOnly = try await (store as any RecordStore).verifyAuditTrail()
            #expect(linksOnly.isIntact && linksOnly.eventCount == 8)
            let withHeads = try await store.verifyAuditTrail()
            #expect(withHeads.firstBrokenLink?.sequence == 10, "\(withHeads)")
            #expect(withHeads.firstBrokenLink?.reason.contains("removed") == true)
        }

        // MARK: - Desks that do not queue

        @Test("a commit goes through while another transaction holds a chain: it starts a chain of its own")
        func commitDoesNotQueueBehindAChain() async throws {
            let client = try #require(PostgresTestServer.shared)
            let store = try await Self.storeWithEvents(1, "noqueue")
            try await store.writeCheckpoint(after: 0, staff: try Self.access().staff)
            let receipt = try await Self.commitWhileChainOneIsHeld(50, to: store, client: client)
            let after = try await store.auditEvents(after: 2, limit: 10)
            #expect(after.first == receipt.auditEvents.first && receipt.auditEvents.first?.sequence == 3)
            #expect(after.last?.action == .checkpoint, "a new chain is followed by a checkpoint")
            #expect(try await Self.count("audit_heads", in: store.schema, client: client) == 3)
            #expect(try await store.verifyAuditTrail().isIntact)
        }

        @Test("desks committing at once end in one intact trail of several chains and checkpoints")
        func manyDesksManyChains() async throws {
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
            let checkpoints = stored.filter { $0.action == .checkpoint }
            #expect(stored.count == desks * perDesk + checkpoints.count)
            #expect(!checkpoints.isEmpty, "desks that met wrote a checkpoint")
            #expect(Set(receipts) == Set(stored.filter { $0.action != .checkpoint }), "every receipt is stored")
            let chains = try await Self.count("audit_heads WHERE chain > 0", in: store.schema, client: client)
            #expect(chains > 1 && chains <= desks, "\(chains) chains")
            let verification = try await store.verifyAuditTrail()
            #expect(verification.isIntact && verification.eventCount == stored.count, "\(verification)")
        }
    }
#endif
