#if PostgreSQL
    import ChipChart
    import Foundation
    import Logging
    import PostgresNIO

    /// What became of the audit events a transaction appended.
    enum AuditAppend: Sendable {
        /// Sealed into the chain by the transaction itself, in order.
        case sealed([AuditEvent])
        /// Left in `audit_pending` under these ids, in order, for a sealer.
        case pending([Int64])
    }

    /// Sealing the audit chain without making desks wait for each other's commits.
    ///
    /// The chain is one: every event follows the one before it, with no gap. A transaction that
    /// seals holds the advisory lock named ``Tables/sealerLock`` and then the head row, until it
    /// ends. A commit only ever *tries* that lock, after writing its records: when it is free the
    /// commit seals its events (behind any that are pending) in its own transaction, so a lone desk
    /// writes once per check-in; when another transaction is sealing, the commit leaves its events
    /// in `audit_pending` and commits at once, its flush to disk overlapping the sealer's. Right
    /// after, it waits for the sealer at work to finish and, if its events are still pending, seals
    /// every pending event in a transaction of its own: one sealing chains the events of all the
    /// desks that committed meanwhile.
    extension PostgresStore {
        /// How many pending events one sealing transaction chains at most.
        static let sealBatchSize = 1000

        /// In the caller's transaction, after its changes: seals `drafts` into the chain, behind
        /// the events already pending, when no other transaction is sealing; otherwise leaves them
        /// pending. Never waits for another transaction.
        static func appendAudit(
            _ drafts: [AuditEvent.Draft],
            to tables: Tables,
            on connection: PostgresConnection,
            logger: Logger
        ) async throws -> AuditAppend {
            guard !drafts.isEmpty else { return .sealed([]) }
            let rows = try await connection.query(
                "SELECT pg_try_advisory_xact_lock(hashtext(\(tables.sealerLock)))",
                logger: logger
            )
            var isSealer = false
            for try await locked in rows.decode(Bool.self) { isSealer = locked }
            guard isSealer else {
                return .pending(try await insertPending(drafts, into: tables, on: connection, logger: logger))
            }
            let sealed = try await seal(then: drafts, in: tables, on: connection, logger: logger)
            return .sealed(Array(sealed.suffix(drafts.count)))
        }

        /// With the sealer lock held: chains the oldest pending events (at most
        /// ``sealBatchSize``), then `drafts`, and returns them all as sealed. Locks the head row
        /// only when there is something to seal, so a sealing that finds nothing writes nothing.
        static func seal(
            then drafts: [AuditEvent.Draft],
            in tables: Tables,
            on connection: PostgresConnection,
            logger: Logger
        ) async throws -> [AuditEvent] {
            let rows = try await connection.query(
                "SELECT to_jsonb(p)::text FROM \(unescaped: tables.auditPending) AS p ORDER BY p.id LIMIT \(sealBatchSize)",
                logger: logger
            )
            var pending: [PendingAuditRow] = []
            for try await text in rows.decode(String.self) { pending.append(try PendingAuditRow(json: text)) }
            guard !pending.isEmpty || !drafts.isEmpty else { return [] }
            let previous = try await lockedHead(of: tables, on: connection, logger: logger)
            var sealed: [AuditEvent] = []
            for draft in try pending.map({ try $0.draft() }) + drafts {
                sealed.append(draft.sealed(after: sealed.last ?? previous))
            }
            try await insertAuditEvents(
                sealed,
                pendingIDs: pending.compactMap(\.id),
                into: tables,
                on: connection,
                logger: logger
            )
            return sealed
        }

        /// The last event of the chain, read with the head row locked until the transaction ends.
        ///
        /// The head row carries the last event itself: under READ COMMITTED, a transaction that
        /// waited for the lock reads the head row as the previous holder left it, but any other table
        /// as it was when its statement began.
        static func lockedHead(
            of tables: Tables,
            on connection: PostgresConnection,
            logger: Logger
        ) async throws -> AuditEvent? {
            let head = try await connection.query(
                "SELECT sequence, hash, last_event::text FROM \(unescaped: tables.auditHead) FOR UPDATE",
                logger: logger
            )
            var previous: AuditEvent?
            var headSequence: Int64?
            var headHash = ""
            for try await (sequence, hash, last) in head.decode((Int64, String, String?).self) {
                headSequence = sequence
                headHash = hash
                if let last { previous = try AuditEventRow.event(fromJSON: last) }
            }
            guard let headSequence, (previous?.sequence ?? 0) == headSequence,
                (previous?.hash ?? AuditEvent.genesisHash) == headHash
            else {
                throw StoreError(.corruptStorage, "the head of the audit chain does not match its last event")
            }
            return previous
        }

        /// Leaves `drafts` in `audit_pending`, in order; returns their ids.
        static func insertPending(
            _ drafts: [AuditEvent.Draft],
            into tables: Tables,
            on connection: PostgresConnection,
            logger: Logger
        ) async throws -> [Int64] {
            let json = String(decoding: try JSONEncoder().encode(drafts.map(PendingAuditRow.init)), as: UTF8.self)
            let rows = try await connection.query(
                """
                INSERT INTO \(unescaped: tables.auditPending)
                    (at_epoch_ms, staff_name, staff_personal_id, staff_role, action, record_kind, record_id,
                     patient_id, purpose, detail)
                SELECT at_epoch_ms, staff_name, staff_personal_id, staff_role, action, record_kind, record_id,
                    patient_id, purpose, detail
                FROM ROWS FROM (
                        jsonb_to_recordset(\(json)::jsonb)
                        AS (at_epoch_ms bigint, staff_name text, staff_personal_id text, staff_role text,
                            action text, record_kind text, record_id uuid, patient_id uuid, purpose text,
                            detail text)
                    ) WITH ORDINALITY
                    AS r(at_epoch_ms, staff_name, staff_personal_id, staff_role, action, record_kind, record_id,
                         patient_id, purpose, detail, position)
                ORDER BY position
                RETURNING id
                """,
                logger: logger
            )
            var ids: [Int64] = []
            for try await id in rows.decode(Int64.self) { ids.append(id) }
            return ids.sorted()
        }

        /// The events a committed transaction left pending, once sealed: waits for the sealer at
        /// work, and seals them (with every other pending event) when it did not.
        func sealedEvents(pending ids: [Int64]) async throws(StoreError) -> [AuditEvent] {
            guard !ids.isEmpty else { return [] }
            let tables = self.tables
            let logger = self.logger
            while true {
                let answer: ([String], Bool)
                do {
                    answer = try await withConnection { connection in
                        // Granted once no transaction holds the sealer lock: whatever was sealing
                        // when this desk committed has ended (committed or rolled back).
                        try await connection.query(
                            "SELECT pg_advisory_xact_lock_shared(hashtext(\(tables.sealerLock)))",
                            logger: logger
                        )
                        let texts = try await Self.auditTexts(
                            connection.query(
                                """
                                SELECT to_jsonb(e)::text FROM \(unescaped: tables.auditEvents) AS e
                                WHERE e.pending_id = ANY(\(ids)) ORDER BY e.sequence
                                """,
                                logger: logger
                            )
                        )
                        guard texts.count < ids.count else { return (texts, false) }
                        let rows = try await connection.query(
                            "SELECT EXISTS (SELECT 1 FROM \(unescaped: tables.auditPending) WHERE id = ANY(\(ids)))",
                            logger: logger
                        )
                        var exists = false
                        for try await value in rows.decode(Bool.self) { exists = value }
                        return (texts, exists)
                    }
                } catch {
                    throw TransactionFailure(error).storeError
                }
                let (texts, stillPending) = answer
                if texts.count == ids.count { return try Self.auditEvents(fromJSON: texts) }
                guard stillPending else {
                    throw StoreError(.corruptStorage, "pending audit events were neither sealed nor kept")
                }
                try await sealPending()
            }
        }

        /// Seals the oldest pending events, waiting for the sealer lock; does nothing when none
        /// are pending.
        func sealPending() async throws(StoreError) {
            let tables = self.tables
            let logger = self.logger
            try await inTransaction("sealing pending audit events") { connection in
                try await connection.query(
                    "SELECT pg_advisory_xact_lock(hashtext(\(tables.sealerLock)))",
                    logger: logger
                )
                _ = try await Self.seal(then: [], in: tables, on: connection, logger: logger)
            }
        }

        /// Seals every event that was pending when this was called: those a desk left and could
        /// not seal (its process ended first). Called before the trail is read.
        func sealLeftovers() async throws(StoreError) {
            let tables = self.tables
            let logger = self.logger
            func newestPending() async throws(StoreError) -> Int64? {
                do {
                    return try await withConnection { connection in
                        let rows = try await connection.query(
                            "SELECT max(id) FROM \(unescaped: tables.auditPending)",
                            logger: logger
                        )
                        var newest: Int64?
                        for try await value in rows.decode(Int64?.self) { newest = value }
                        return newest
                    }
                } catch {
                    throw TransactionFailure(error).storeError
                }
            }
            guard let last = try await newestPending() else { return }
            while let oldest = try await oldestPending(), oldest <= last {
                try await sealPending()
            }
        }

        private func oldestPending() async throws(StoreError) -> Int64? {
            let tables = self.tables
            let logger = self.logger
            do {
                return try await withConnection { connection in
                    let rows = try await connection.query(
                        "SELECT min(id) FROM \(unescaped: tables.auditPending)",
                        logger: logger
                    )
                    var oldest: Int64?
                    for try await value in rows.decode(Int64?.self) { oldest = value }
                    return oldest
                }
            } catch {
                throw TransactionFailure(error).storeError
            }
        }
    }

    /// An audit event waiting in `audit_pending`: a draft, in JSON, with the row's id once stored.
    struct PendingAuditRow: Codable {
        var id: Int64?
        let atEpochMs: Int64
        let staffName: String
        let staffPersonalID: String
        let staffRole: String
        let action: String
        let recordKind: String?
        let recordID: UUID?
        let patientID: UUID?
        let purpose: String
        let detail: String?

        enum CodingKeys: String, CodingKey {
            case id, action, purpose, detail
            case atEpochMs = "at_epoch_ms"
            case staffName = "staff_name"
            case staffPersonalID = "staff_personal_id"
            case staffRole = "staff_role"
            case recordKind = "record_kind"
            case recordID = "record_id"
            case patientID = "patient_id"
        }

        init(_ draft: AuditEvent.Draft) {
            id = nil
            atEpochMs = Int64((draft.at.timeIntervalSince1970 * 1000).rounded())
            staffName = draft.staff.name.text
            staffPersonalID = draft.staff.personalID.digits
            staffRole = draft.staff.role.name
            action = draft.action.name
            recordKind = draft.recordKind?.rawValue
            recordID = draft.recordID
            patientID = draft.patientID?.uuid
            purpose = draft.purpose
            detail = draft.detail
        }

        /// A stored row, from its `to_jsonb` text.
        init(json text: String) throws(StoreError) {
            do {
                self = try JSONDecoder().decode(PendingAuditRow.self, from: Data(text.utf8))
            } catch {
                throw StoreError(
                    .corruptStorage,
                    "a pending audit event does not parse",
                    underlying: "\(type(of: error))"
                )
            }
        }

        /// The draft, its time exactly the stored millisecond.
        func draft() throws(StoreError) -> AuditEvent.Draft {
            do {
                var draft = AuditEvent.Draft(
                    at: Date(timeIntervalSince1970: Double(atEpochMs) / 1000),
                    staff: Staff(
                        name: try PersonName(staffName),
                        personalID: try PersonalID(staffPersonalID),
                        role: Staff.Role(staffRole)
                    ),
                    action: AuditEvent.Action(action),
                    recordKind: recordKind.flatMap(AuditEvent.RecordKind.init(rawValue:)),
                    recordID: recordID,
                    patientID: patientID.map(PatientID.init),
                    purpose: purpose,
                    detail: detail
                )
                draft.at = Date(timeIntervalSince1970: Double(atEpochMs) / 1000)
                return draft
            } catch {
                throw StoreError(
                    .corruptStorage,
                    "a pending audit event does not parse",
                    underlying: "\(type(of: error))"
                )
            }
        }
    }
#endif
