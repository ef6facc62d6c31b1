import CSQLiteBaseline
import ChipChart
import Foundation

/// The same SQL as the store, straight through SQLite's C API: no Swift records, no encoding,
/// no hashing. Bodies are fixed bytes of the size the store writes.
final class Baseline {
    struct Failure: Error, CustomStringConvertible { let description: String }

    let db: OpaquePointer
    private var statements: [String: OpaquePointer] = [:]
    static let hash = String(repeating: "a", count: 64)
    let patientBody: [UInt8]
    let coverageBody: [UInt8]
    let visitBody: [UInt8]

    init(path: String, synchronous: String, bodySizes: (Int, Int, Int)) throws {
        var handle: OpaquePointer?
        guard sqlite3_open_v2(path, &handle, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, nil) == SQLITE_OK, let handle
        else { throw Failure(description: "cannot open \(path)") }
        db = handle
        sqlite3_busy_timeout(db, 10_000)
        patientBody = Array(repeating: 0x41, count: bodySizes.0)
        coverageBody = Array(repeating: 0x42, count: bodySizes.1)
        visitBody = Array(repeating: 0x43, count: bodySizes.2)
        try exec("PRAGMA foreign_keys = ON; PRAGMA synchronous = \(synchronous)")
    }

    deinit {
        for statement in statements.values { sqlite3_finalize(statement) }
        sqlite3_close_v2(db)
    }

    func exec(_ sql: String) throws {
        guard sqlite3_exec(db, sql, nil, nil, nil) == SQLITE_OK else {
            throw Failure(description: String(cString: sqlite3_errmsg(db)))
        }
    }

    /// A cached, reset statement.
    func statement(_ sql: String) throws -> OpaquePointer {
        if let cached = statements[sql] {
            sqlite3_reset(cached)
            return cached
        }
        var statement: OpaquePointer?
        guard sqlite3_prepare_v3(db, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &statement, nil) == SQLITE_OK,
            let statement
        else { throw Failure(description: String(cString: sqlite3_errmsg(db))) }
        statements[sql] = statement
        return statement
    }

    func bind(_ statement: OpaquePointer, _ index: Int32, _ uuid: UUID) {
        withUnsafeBytes(of: uuid.uuid) {
            _ = sqlite3_bind_blob(statement, index, $0.baseAddress, 16, csqlite_baseline_transient())
        }
    }

    func bind(_ statement: OpaquePointer, _ index: Int32, _ text: String) {
        _ = sqlite3_bind_text(statement, index, text, -1, csqlite_baseline_transient())
    }

    func bind(_ statement: OpaquePointer, _ index: Int32, _ bytes: [UInt8]) {
        bytes.withUnsafeBytes {
            _ = sqlite3_bind_blob(statement, index, $0.baseAddress, Int32($0.count), csqlite_baseline_transient())
        }
    }

    func done(_ statement: OpaquePointer) throws {
        var result = sqlite3_step(statement)
        while result == SQLITE_ROW { result = sqlite3_step(statement) }
        guard result == SQLITE_DONE else { throw Failure(description: String(cString: sqlite3_errmsg(db))) }
    }

    /// Runs a cached statement that returns nothing (BEGIN, COMMIT).
    func run(_ sql: String) throws { try done(try statement(sql)) }

    /// One row's first column as an integer, or nil.
    /// Resets the statement after reading, so no read transaction outlives the call (an open
    /// statement would pin the write-ahead log and keep it from being checkpointed).
    func firstInteger(_ statement: OpaquePointer) -> Int64? {
        defer { sqlite3_reset(statement) }
        return sqlite3_step(statement) == SQLITE_ROW ? sqlite3_column_int64(statement, 0) : nil
    }

    /// The store's audit append: read the chain head, insert the events.
    func appendAudit(count: Int, patient: UUID, records: [UUID]) throws {
        let head = try statement("SELECT sequence, hash FROM audit_event ORDER BY sequence DESC LIMIT 1")
        var sequence = firstInteger(head) ?? 0
        let insert = try statement(Self.insertOneAuditSQL)
        for event in 0..<count {
            sequence += 1
            sqlite3_reset(insert)
            bindAudit(insert, row: 0, sequence: sequence, record: records[event % records.count], patient: patient)
            try done(insert)
        }
    }

    /// The store's insert of one audit event, and of ``BaselineLoad/auditRowsPerInsert`` in one
    /// statement: made once, not for every call the timings measure.
    static let insertOneAuditSQL = insertAuditSQL(rows: 1)
    static let insertManyAuditSQL = insertAuditSQL(rows: BaselineLoad.auditRowsPerInsert)

    /// The store's insert of `rows` audit events in one statement, parameters numbered row after row.
    static func insertAuditSQL(rows: Int) -> String {
        let values = (0..<rows).map { row in "(" + (1...13).map { "?\(row * 13 + $0)" }.joined(separator: ", ") + ")" }
        return """
            INSERT INTO audit_event (sequence, at_ms, staff_name, staff_personal_id, staff_role, action,
                record_kind, record_id, patient_id, purpose, detail, previous_hash, hash)
            VALUES \(values.joined(separator: ",\n"))
            """
    }

    /// Binds one audit event's thirteen columns as row `row` (from 0) of an insert.
    func bindAudit(_ insert: OpaquePointer, row: Int32, sequence: Int64, record: UUID, patient: UUID) {
        let base = row * 13
        sqlite3_bind_int64(insert, base + 1, sequence)
        sqlite3_bind_int64(insert, base + 2, 1_772_409_600_000)
        bind(insert, base + 3, "Trần Thị Lễ Tân")
        bind(insert, base + 4, "001185000001")
        bind(insert, base + 5, "receptionist")
        bind(insert, base + 6, "create")
        bind(insert, base + 7, "patient")
        bind(insert, base + 8, record)
        bind(insert, base + 9, patient)
        bind(insert, base + 10, "check-in")
        bind(insert, base + 11, "version 1")
        bind(insert, base + 12, Self.hash)
        bind(insert, base + 13, Self.hash)
    }

    /// Looks a personal ID up with its audit row, in one write transaction of its own (the
    /// lookup phase's figure). Returns the patient's uuid and version.
    func lookup(_ personalID: String) throws -> (UUID, Int64)? {
        try run("BEGIN IMMEDIATE")
        let found = try find(personalID)
        try appendAudit(count: 1, patient: found?.0 ?? UUID(), records: [found?.0 ?? UUID()])
        try run("COMMIT")
        return found
    }

    /// Looks a personal ID up in a read transaction, writing nothing: as the store's check-in
    /// does, whose lookup's audit row goes with its commit (``checkIn``).
    func readOnlyLookup(_ personalID: String) throws -> (UUID, Int64)? {
        try find(personalID)
    }

    /// The identifier-to-patient join: the patient's uuid and version.
    private func find(_ personalID: String) throws -> (UUID, Int64)? {
        let query = try statement(
            """
            SELECT p.version, p.body, p.uuid FROM identifier i JOIN patient p ON p.pk = i.patient
            WHERE i.kind = ?1 AND i.value = ?2
            ORDER BY i.status = 'active' DESC, i.patient DESC LIMIT 1
            """
        )
        bind(query, 1, "personalID")
        bind(query, 2, personalID)
        var found: (UUID, Int64)?
        if sqlite3_step(query) == SQLITE_ROW {
            let version = sqlite3_column_int64(query, 0)
            _ = sqlite3_column_blob(query, 1)
            var bytes: uuid_t = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
            if let pointer = sqlite3_column_blob(query, 2) {
                withUnsafeMutableBytes(of: &bytes) {
                    $0.copyMemory(from: UnsafeRawBufferPointer(start: pointer, count: 16))
                }
            }
            found = (UUID(uuid: bytes), version)
        }
        sqlite3_reset(query)
        return found
    }

    /// The check-in commit: version check, patient version bump, new visit, and three audit rows
    /// (the lookup's read, the patient's update, the visit's creation) — one write transaction,
    /// as the store's check-in is.
    func checkIn(
        patient: UUID,
        version: Int64,
        visit: UUID,
        admitted: Int64,
        personalID: String,
        nameKey: String
    ) throws {
        try run("BEGIN IMMEDIATE")
        let read = try statement("SELECT pk, version, identifiers_key FROM patient WHERE uuid = ?1")
        bind(read, 1, patient)
        guard sqlite3_step(read) == SQLITE_ROW, sqlite3_column_int64(read, 1) == version else {
            sqlite3_reset(read)
            try run("ROLLBACK")
            throw Failure(description: "version conflict")
        }
        let pk = sqlite3_column_int64(read, 0)
        sqlite3_reset(read)
        let visitCheck = try statement("SELECT pk, version FROM visit WHERE uuid = ?1")
        bind(visitCheck, 1, visit)
        guard firstInteger(visitCheck) == nil else { throw Failure(description: "visit exists") }
        let update = try statement(
            """
            UPDATE patient SET version = ?2, name_key = ?3, birth_year = ?4, identifiers_key = ?5, body = ?6
            WHERE pk = ?1
            """
        )
        sqlite3_bind_int64(update, 1, pk)
        sqlite3_bind_int64(update, 2, version + 1)
        bind(update, 3, nameKey)
        sqlite3_bind_int64(update, 4, 1990)
        bind(update, 5, "personalID\u{1F}" + personalID + "\u{1F}active\u{1E}")
        bind(update, 6, patientBody)
        try done(update)
        let insertVisit = try statement(
            "INSERT INTO visit (uuid, patient, admitted_at, version, body) VALUES (?1, ?2, ?3, ?4, ?5)"
        )
        bind(insertVisit, 1, visit)
        sqlite3_bind_int64(insertVisit, 2, pk)
        sqlite3_bind_int64(insertVisit, 3, admitted)
        sqlite3_bind_int64(insertVisit, 4, 1)
        bind(insertVisit, 5, visitBody)
        try done(insertVisit)
        try appendAudit(count: 3, patient: patient, records: [patient, patient, visit])
        try run("COMMIT")
    }
}
