extension SQLiteStore {
    /// How a ``SQLiteStore`` trades durability for speed, and how long it waits for a lock.
    ///
    /// The default is durable: a commit returns once it is on disk.
    ///
    /// <!-- snippet: context=Clinic -->
    /// ```swift
    /// var configuration = SQLiteStore.Configuration()
    /// configuration.busyTimeout = .seconds(30)
    /// let store = try SQLiteStore(path: "chipchart.sqlite", configuration: configuration)
    /// ```
    public struct Configuration: Sendable {
        /// How hard SQLite pushes a transaction to the disk before it returns (SQLite's
        /// `PRAGMA synchronous`, in write-ahead-log mode).
        public struct Synchronous: Hashable, Sendable, CustomStringConvertible {
            /// The pragma's value.
            public let pragmaValue: String

            private init(_ pragmaValue: String) { self.pragmaValue = pragmaValue }

            /// Each commit is flushed to the disk before it returns: survives a power cut.
            public static let full = Synchronous("FULL")
            /// The log is flushed at checkpoints only: survives a crash of the process, but a
            /// power cut may lose the latest transactions (never the file's consistency).
            public static let normal = Synchronous("NORMAL")

            /// Nothing is flushed: only for a file that is not a store yet (a staged load), which
            /// is flushed as a whole before it becomes one.
            static let off = Synchronous("OFF")

            /// The pragma's value.
            public var description: String { pragmaValue }
        }

        /// Durability of ``SQLiteStore/commit(_:)``; `.full` by default.
        public var synchronous: Synchronous = .full

        /// Durability of the audit event a read appends; `.normal` by default.
        ///
        /// A read's event then reaches the disk with the next durable commit or checkpoint: a
        /// power cut can lose the latest read events, never a commit, and the chain stays
        /// whole (the log is replayed in order up to its last complete transaction). Set
        /// `.full` to flush every read's event too, at the cost of one flush per read.
        public var readAuditSynchronous: Synchronous = .normal

        /// How long a read's audit event may wait in memory before it is written, when no commit
        /// writes it first; 100 milliseconds by default. A crash loses at most this much of the
        /// read events, never a commit.
        public var readEventWindow: Duration = .milliseconds(100)

        /// How long an operation waits for another process's write lock before giving up
        /// with ``ChipChart/StoreError/Code/storageFailure``; 10 seconds by default.
        public var busyTimeout: Duration = .seconds(10)

        /// The writing connection's page cache during ``SQLiteStore/load(_:)``, in bytes; 64 MiB
        /// by default (SQLite's own default is 2,000 KiB).
        ///
        /// The pages of the tables and indexes a load writes stay in memory instead of being
        /// written out and read again; it is most of the memory a load uses.
        public var loadPageCache: Int = SQLiteStore.loadPageCacheKibibytes * 1024

        /// How many times a transaction is started again when the lock stays taken.
        public var transactionAttempts: Int = 4

        /// The durable default.
        public init() {}

        var busyTimeoutMilliseconds: Int {
            let (seconds, attoseconds) = busyTimeout.components
            return max(1, Int(seconds) * 1000 + Int(attoseconds / 1_000_000_000_000_000))
        }
    }
}
