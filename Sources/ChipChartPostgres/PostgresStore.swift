#if PostgreSQL
    public import ChipChart
    public import Foundation
    public import Logging
    public import PostgresNIO

    /// A ``ChipChart/RecordStore`` in a PostgreSQL database: many desks, many sites, one record.
    ///
    /// The application owns the `PostgresClient` and runs it, as postgres-nio expects; the store
    /// borrows connections from it for each operation. Every write is one transaction: records are
    /// checked against their versions row by row, active identifiers are kept unique by a partial
    /// unique index, references by foreign keys checked at commit, and the audit events are sealed
    /// into a hash chain in the same transaction. A commit never waits inside its transaction for
    /// another one: each writing transaction appends to a chain no other transaction holds, and
    /// periodic checkpoints tie the chains together, so the desks' flushes to disk overlap instead
    /// of queueing (the module overview, "The audit trail", says how). A serialization failure or deadlock is retried a
    /// bounded number of times; it never surfaces as a lost write.
    ///
    /// <!-- snippet: context=Clinic mode=compile-only if=PostgreSQL because=it-needs-a-PostgreSQL-server -->
    /// ```swift
    /// import ChipChartPostgres
    /// import PostgresNIO
    ///
    /// let configuration = try PostgresStore.clientConfiguration(url: "postgres://chipchart@db.local/clinic")
    /// let client = PostgresClient(configuration: configuration)
    /// try await withThrowingDiscardingTaskGroup { group in
    ///     group.addTask { await client.run() }
    ///     let store = try await PostgresStore.open(client: client)
    ///     try await store.commit(changes)
    ///     group.cancelAll()
    /// }
    /// ```
    ///
    /// The tables live in their own PostgreSQL schema (`chipchart` unless told otherwise), created
    /// and migrated by ``open(client:schema:logger:maximumAttempts:connectionTimeout:now:)``; see
    /// ``PostgresMigration``.
    ///
    /// ## Topics
    ///
    /// ### Opening
    /// - ``open(client:schema:logger:maximumAttempts:connectionTimeout:now:)``
    /// - ``clientConfiguration(url:)``
    /// - ``schemaVersion()``
    ///
    /// ### The contract
    /// - ``commit(_:)``
    /// - ``patient(_:for:)``
    /// - ``patient(identifiedBy:for:)``
    /// - ``patients(namePrefix:bornIn:limit:for:)``
    /// - ``coverages(ofPatient:for:)``
    /// - ``visit(_:for:)``
    /// - ``visits(ofPatient:for:)``
    /// - ``auditEvents(after:limit:)``
    ///
    /// ### The whole store: archives and moving a clinic
    /// - ``allPatients(after:limit:)``
    /// - ``allCoverages(after:limit:)``
    /// - ``allVisits(after:limit:)``
    /// - ``visits(admittedFrom:until:after:limit:)``
    /// - ``recordExport(by:detail:)``
    /// - ``restore(from:)``
    public struct PostgresStore: RecordStore {
        /// The client connections are borrowed from.
        public let client: PostgresClient
        /// The PostgreSQL schema holding the tables.
        public let schema: String
        /// How many times a transaction that lost to a concurrent one (serialization failure,
        /// deadlock) is tried in all before the error is reported.
        public let maximumAttempts: Int
        /// How long an operation waits for a connection before it fails with `storageFailure`.
        public let connectionTimeout: Duration

        let tables: Tables
        let logger: Logger
        /// The audit events of reads waiting for the next write.
        let pendingReads = PendingReadEvents()

        /// How long a read's audit event may wait before it is written, when no commit writes it
        /// first. A crash of the process loses at most this much of the read events, never a commit.
        public static let readEventWindow: Duration = .milliseconds(100)
        let now: @Sendable () -> Date

        private init(
            client: PostgresClient,
            schema: String,
            logger: Logger,
            maximumAttempts: Int,
            connectionTimeout: Duration,
            now: @escaping @Sendable () -> Date
        ) {
            self.connectionTimeout = connectionTimeout
            self.client = client
            self.schema = schema
            self.tables = Tables(schema: schema)
            self.logger = logger
            self.maximumAttempts = max(1, maximumAttempts)
            self.now = now
        }

        /// Opens the store in `schema`, creating or migrating its tables first.
        ///
        /// Safe to call from many processes at once: migrations are serialised by an advisory lock
        /// and each runs in one transaction. The client must be running.
        ///
        /// - Parameters:
        ///   - client: a running client; the application keeps it running while the store is used.
        ///   - schema: the PostgreSQL schema for the tables: lowercase letters, digits and `_`,
        ///     starting with a letter, at most 63 characters (`incompatibleStorage` otherwise).
        ///   - logger: receives connection-level messages, with masked identifiers only.
        ///   - maximumAttempts: how many times a transaction is tried when PostgreSQL aborts it for
        ///     a serialization failure or deadlock.
        ///   - connectionTimeout: how long any operation waits for a connection before it fails;
        ///     a statement that has started is never cut short.
        ///   - now: stamps audit events (inject a clock in tests).
        /// - Throws: ``ChipChart/StoreError`` — `incompatibleStorage` when the schema was written by
        ///   a newer ChipChart or holds tables that are not ChipChart's, `storageFailure` when the
        ///   server cannot be reached within `connectionTimeout`, `readOnly` when the role may not
        ///   create the tables.
        public static func open(
            client: PostgresClient,
            schema: String = "chipchart",
            logger: Logger = Logger(label: "chipchart.postgres", factory: { _ in SwiftLogNoOpLogHandler() }),
            maximumAttempts: Int = 8,
            connectionTimeout: Duration = .seconds(30),
            now: @escaping @Sendable () -> Date = { Date() }
        ) async throws(StoreError) -> PostgresStore {
            guard Tables.isValidSchemaName(schema) else {
                throw StoreError(
                    .incompatibleStorage,
                    "not a usable schema name: 1–63 lowercase letters, digits or underscores, starting with a letter"
                )
            }
            let store = PostgresStore(
                client: client,
                schema: schema,
                logger: logger,
                maximumAttempts: maximumAttempts,
                connectionTimeout: connectionTimeout,
                now: now
            )
            try await store.migrate()
            return store
        }
    }

    /// The qualified names of the store's tables, for one schema, or their bare names for the
    /// statements prepared once per connection (``onSearchPath``).
    struct Tables: Sendable {
        /// The schema's name, quoted; empty for ``onSearchPath``.
        let schema: String
        let patients: String
        let identifiers: String
        let coverages: String
        let visits: String
        let visitCoverages: String
        let auditEvents: String
        /// The head of every chain of the audit trail; row 0 is the checkpoints' chain.
        let auditHeads: String
        /// The sequence audit events take their sequence numbers from.
        let auditSequence: String
        /// The sequence a new chain takes its id from.
        let chainIDs: String
        let migrations: String
        /// The name of the advisory lock a transaction writing a checkpoint holds: one per schema.
        let checkpointLock: String
        /// What a transaction sets `search_path` to before it runs statements written with
        /// ``onSearchPath``: the schema, then `pg_temp` (so no temporary table can stand in for a
        /// store's table).
        let searchPath: String

        init(schema: String) {
            self.init(quoted: "\"\(schema)\"", prefix: "\"\(schema)\".", lock: schema)
        }

        /// The bare names, resolved through `search_path`: what a statement prepared once per
        /// connection names, so that its text is the same for every schema. A transaction runs
        /// such statements only after setting `search_path` to its store's ``searchPath``, and
        /// PostgreSQL analyses a prepared statement again whenever `search_path` differs from
        /// the one it was analysed with, so it always reaches the store's own tables.
        static let onSearchPath = Tables(quoted: "", prefix: "", lock: "")

        private init(quoted: String, prefix: String, lock: String) {
            self.schema = quoted
            self.patients = prefix + "patients"
            self.identifiers = prefix + "patient_identifiers"
            self.coverages = prefix + "coverages"
            self.visits = prefix + "visits"
            self.visitCoverages = prefix + "visit_coverages"
            self.auditEvents = prefix + "audit_events"
            self.auditHeads = prefix + "audit_heads"
            self.auditSequence = prefix + "audit_sequence"
            self.chainIDs = prefix + "audit_chain_ids"
            self.checkpointLock = "chipchart audit checkpoint:" + lock
            self.migrations = prefix + "chipchart_migrations"
            self.searchPath = quoted + ", pg_temp"
        }

        /// The name of `table`, one of the store's, as the other names are written.
        func named(_ table: String) -> String {
            schema.isEmpty ? table : schema + "." + table
        }

        /// A lowercase SQL identifier that needs no escaping.
        static func isValidSchemaName(_ name: String) -> Bool {
            guard let first = name.unicodeScalars.first, ("a"..."z").contains(first), name.unicodeScalars.count <= 63
            else { return false }
            return name.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" }
        }
    }
#endif
