#if PostgreSQL
    import Logging
    import PostgresNIO
    import Synchronization

    /// The append of a commit's audit events and the move of its chain's head
    /// (``PostgresStore/auditAppendSQL(_:)``), prepared once per connection.
    struct PreparedAuditAppend: PostgresPreparedStatement {
        static let name = "chipchart_audit_append_v1"
        static let sql = PostgresStore.auditAppendSQL(.onSearchPath)
        typealias Row = ()

        let bindings: PostgresBindings

        func makeBindings() -> PostgresBindings { bindings }

        func decodeRow(_ row: PostgresRow) throws {}
    }

    /// Sets `search_path` for the rest of the transaction only (`set_config(…, true)`), so the
    /// prepared statements' bare names reach the store's tables and nothing is left on the
    /// connection once it goes back to the pool.
    struct PreparedSearchPath: PostgresPreparedStatement {
        static let name = "chipchart_search_path_v1"
        static let sql = "SELECT set_config('search_path', $1, true)"
        typealias Row = ()

        let searchPath: String

        func makeBindings() -> PostgresBindings {
            var bindings = PostgresBindings(capacity: 1)
            bindings.append(searchPath)
            return bindings
        }

        func decodeRow(_ row: PostgresRow) throws {}
    }

    /// The connections on which the store's prepared statements are not used: those where one
    /// failed, whatever the store.
    ///
    /// postgres-nio remembers per connection which statements it prepared, and a preparation
    /// that failed stays failed for the connection's life. A statement the server no longer
    /// knows (the host ran `DISCARD ALL` or `DEALLOCATE`), or one that failed to prepare (a
    /// schema without the store's tables), would so fail every transaction on that connection:
    /// the transaction is run again with the plain statements, and the connection never uses the
    /// prepared ones again. Connections are told apart by object identity; should a new
    /// connection take the place of a forgotten one, it only goes without prepared statements.
    enum UnpreparedConnections {
        private static let identities = Mutex(Set<ObjectIdentifier>())
        /// How many connections are remembered before the list starts again.
        static let limit = 4096

        /// Whether the prepared statements may be used on `connection`.
        static func allow(_ connection: PostgresConnection) -> Bool {
            identities.withLock { !$0.contains(ObjectIdentifier(connection)) }
        }

        /// Uses no prepared statement on `connection` from now on.
        static func refuse(_ connection: PostgresConnection) {
            identities.withLock {
                if $0.count >= limit { $0.removeAll() }
                $0.insert(ObjectIdentifier(connection))
            }
        }
    }

    /// A transaction that used the prepared statements failed in a way the plain statements
    /// might not: it is run again without them (``UnpreparedConnections``).
    struct PreparedStatementFailed: Error {
        let underlying: any Error

        /// Whether `error`, thrown by a transaction that used the prepared statements, may come
        /// from them: a statement the server does not know (SQLSTATE 26000), a preparation that
        /// failed or a plan that no longer fits the tables (a missing table, column, function or
        /// schema, a changed result type).
        static func mayBePrepared(_ error: any Error) -> Bool {
            guard let error = error as? PSQLError, error.code == .server else { return false }
            let state = error.serverInfo?[.sqlState] ?? ""
            return ["26000", "42P01", "3F000", "42703", "42883", "0A000"].contains(state)
        }
    }
#endif
