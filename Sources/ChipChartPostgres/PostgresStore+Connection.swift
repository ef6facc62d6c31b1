#if PostgreSQL
    import ChipChart
    import PostgresNIO
    import Synchronization

    extension PostgresStore {
        /// Runs `body` on a connection borrowed from the client, waiting at most
        /// ``connectionTimeout`` for one.
        ///
        /// A server that cannot be reached (down, a wrong address, a full pool that never frees)
        /// would otherwise keep an operation waiting for ever. Only the wait for a connection is
        /// bounded: once `body` runs, it runs to its end, so a commit is never reported as failed
        /// while it may still succeed.
        ///
        /// - Throws: ``ChipChart/StoreError`` (`storageFailure`) when no connection came in time;
        ///   whatever `body` throws.
        func withConnection<Result: Sendable>(
            _ body: @escaping @Sendable (PostgresConnection) async throws -> Result
        ) async throws -> Result {
            let client = self.client
            let limit = connectionTimeout
            let lent = LentFlag()
            return try await withThrowingTaskGroup(of: Result?.self) { group in
                group.addTask {
                    try await client.withConnection { connection in
                        lent.state.withLock { $0 = true }
                        return try await body(connection)
                    }
                }
                group.addTask {
                    try await Task.sleep(for: limit)
                    guard lent.state.withLock({ $0 }) else {
                        throw StoreError(
                            .storageFailure,
                            "PostgreSQL could not be reached within \(limit); nothing was written",
                            underlying: "no connection was free or could be opened"
                        )
                    }
                    return nil
                }
                while let next = try await group.next() {
                    if let result = next {
                        group.cancelAll()
                        return result
                    }
                }
                throw StoreError(.storageFailure, "the connection to PostgreSQL ended without an answer")
            }
        }
    }

    /// Whether the client has lent a connection yet.
    private final class LentFlag: Sendable {
        let state = Mutex(false)
    }
#endif
