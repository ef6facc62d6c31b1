import ChipChart

/// The secondary indexes a load builds after its rows instead of keeping them up to date row by
/// row: the name search key and the two indexes of identifier values, whose entries arrive at
/// random places. Sorting a million entries once is far cheaper than a million random inserts.
///
/// They are dropped and rebuilt inside the load's transaction, from the definitions the file
/// itself holds: a failed or interrupted load rolls the drop back with everything else, and a
/// reader never sees the file without them.
struct LoadIndexes {
    /// The indexes built after the rows, in the order they are built again.
    static let names = ["identifier_active", "identifier_by_value", "patient_by_name"]

    /// A load defers the indexes when the store holds at most this many patients, or at most as
    /// many as the load is known to bring: rebuilding them then costs less than the random inserts.
    static let smallStore = 10_000

    /// The dropped indexes and the SQL that made them; empty when nothing was deferred.
    private let definitions: [(name: String, sql: String)]

    private init(definitions: [(name: String, sql: String)]) { self.definitions = definitions }

    /// True when building the indexes after the rows costs less than keeping them up to date:
    /// when the store holds at most ``smallStore`` patients, or at most as many as the load
    /// brings (`expected`, a lower bound).
    static func worthDeferring(storedPatients: Int, expected: Int) -> Bool {
        storedPatients <= max(smallStore, expected)
    }

    /// Drops the indexes, inside the caller's transaction, when `deferring` says so or, when it
    /// is nil, when ``worthDeferring(storedPatients:expected:)`` does.
    static func dropping(on connection: SQLiteConnection, expected: Int, deferring: Bool?) throws -> LoadIndexes {
        var worthIt = deferring ?? false
        if deferring == nil {
            let patients = try connection.withStatement("SELECT count(*) FROM patient") { statement in
                try statement.step() ? statement.int(0) : 0
            }
            worthIt = worthDeferring(storedPatients: patients, expected: expected)
        }
        guard worthIt else { return LoadIndexes(definitions: []) }
        var definitions: [(name: String, sql: String)] = []
        for name in names {
            let sql = try connection.withStatement(
                "SELECT sql FROM sqlite_master WHERE type = 'index' AND name = ?1"
            ) { statement -> String? in
                try statement.bind(name, at: 1)
                return try statement.step() ? statement.optionalString(0) : nil
            }
            guard let sql else { continue }
            try connection.execute("DROP INDEX \(name)")
            definitions.append((name, sql))
        }
        return LoadIndexes(definitions: definitions)
    }

    /// Builds the dropped indexes again, inside the caller's transaction.
    ///
    /// - Throws: ``ChipChart/StoreError`` `duplicateIdentifier`, naming the identifier, when two
    ///   patients of the store hold the same active identifier, as a commit would have refused.
    func rebuild(on connection: SQLiteConnection) throws {
        for (name, sql) in definitions {
            let failure: SQLiteError?
            do {
                try connection.execute(sql)
                failure = nil
            } catch {
                failure = error
            }
            guard let failure else { continue }
            guard failure.code == .constraint else { throw failure }
            throw try Self.duplicate(on: connection, index: name, error: failure)
        }
    }

    /// The error a commit gives for the first identifier two patients hold active.
    private static func duplicate(
        on connection: SQLiteConnection,
        index: String,
        error: SQLiteError
    ) throws
        -> StoreError
    {
        let key = try connection.withStatement(
            """
            SELECT kind, value FROM identifier WHERE status = 'active'
            GROUP BY kind, value HAVING count(*) > 1 ORDER BY kind, value LIMIT 1
            """
        ) { statement -> PatientIdentifier.Key? in
            guard try statement.step() else { return nil }
            return try? PatientIdentifier.Key(
                kind: PatientIdentifier.Kind(statement.string(0)),
                value: statement.string(1)
            )
        }
        return StoreError(
            .duplicateIdentifier,
            "another patient already holds this active identifier",
            recordKind: .patient,
            identifier: key,
            underlying: "SQLite error \(error.extendedCode.rawValue) building \(index)"
        )
    }
}
