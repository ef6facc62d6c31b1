import ChipChart

/// Schema 3's rewrite of every record body from format 1 (positional) to format 2 (keyed), in the
/// migration's transaction: a file is either wholly in the old format or wholly in the new one.
enum RecordFormatMigration {
    /// The schema version whose migration rewrites the bodies.
    static let schemaVersion = 3

    /// How many rows are read before they are written back.
    static let batchSize = 1_000

    /// Rewrites the bodies of the three record tables.
    static func run(on connection: SQLiteConnection) throws {
        let coder = RecordCoder()
        try rewrite("patient", as: Patient.self, on: connection, coder: coder)
        try rewrite("coverage", as: Coverage.self, on: connection, coder: coder)
        try rewrite("visit", as: Visit.self, on: connection, coder: coder)
    }

    private static func rewrite<Record: EvolvableRecord>(
        _ table: String,
        as type: Record.Type,
        on connection: SQLiteConnection,
        coder: RecordCoder
    ) throws {
        var last: Int64 = 0
        while true {
            let batch = try connection.withStatement(
                "SELECT pk, body FROM \(table) WHERE pk > ?1 ORDER BY pk LIMIT \(batchSize)"
            ) { statement -> [(pk: Int64, body: [UInt8])] in
                try statement.bind(last, at: 1)
                var rows: [(pk: Int64, body: [UInt8])] = []
                while try statement.step() {
                    let record = try statement.withBlob(1) { try coder.decodeFormatOne(type, from: $0) }
                    rows.append((statement.int64(0), try coder.encode(record)))
                }
                return rows
            }
            guard let tail = batch.last else { return }
            try connection.withStatement("UPDATE \(table) SET body = ?2 WHERE pk = ?1") { statement in
                for row in batch {
                    try statement.bind(row.pk, at: 1)
                    try statement.bind(row.body, at: 2)
                    try statement.run()
                    statement.reset()
                }
            }
            last = tail.pk
        }
    }
}
