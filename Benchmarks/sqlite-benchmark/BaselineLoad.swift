import CSQLiteBaseline
import ChipChart
import Foundation

/// The store's bulk load through SQLite's C API: the same statements in one transaction. New
/// records are inserted without a lookup first (the unique index of ids refuses one stored
/// already), the chain head is read once, and the audit rows go in 32 a statement, the rest one
/// by one at the end.
final class BaselineLoad {
    let baseline: Baseline
    /// Audit rows not inserted yet: sequence, record, patient.
    private var pending: [(sequence: Int64, record: UUID, patient: UUID)] = []
    /// The last sequence of the chain, once read.
    private var sequence: Int64?
    static let auditRowsPerInsert = 32

    init(_ baseline: Baseline) { self.baseline = baseline }

    /// Drops the indexes the store's load builds after its rows, inside the open transaction,
    /// and returns the SQL that builds them again.
    func dropLoadIndexes() throws -> [String] {
        var definitions: [String] = []
        for name in ["identifier_active", "identifier_by_value", "patient_by_name"] {
            let query = try baseline.statement("SELECT sql FROM sqlite_master WHERE type = 'index' AND name = ?1")
            baseline.bind(query, 1, name)
            if sqlite3_step(query) == SQLITE_ROW, let text = sqlite3_column_text(query, 0) {
                definitions.append(String(cString: text))
            }
            sqlite3_reset(query)
            try baseline.exec("DROP INDEX \(name)")
        }
        return definitions
    }

    /// Registers person `index` (patient, identifier, coverage, visit, three audit rows) inside
    /// the caller's transaction, as the store's load does.
    func register(_ index: Int, personalID: String, nameKey: String, birthYear: Int) throws {
        let patient = Workload.uuid(index, kind: 1)
        let coverage = Workload.uuid(index, kind: 2)
        let visit = Workload.uuid(index, kind: 3)
        let insertPatient = try baseline.statement(
            """
            INSERT INTO patient (uuid, version, name_key, birth_year, identifiers_key, body)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6)
            """
        )
        baseline.bind(insertPatient, 1, patient)
        sqlite3_bind_int64(insertPatient, 2, 1)
        baseline.bind(insertPatient, 3, nameKey)
        sqlite3_bind_int64(insertPatient, 4, Int64(birthYear))
        baseline.bind(insertPatient, 5, "personalID\u{1F}" + personalID + "\u{1F}active\u{1E}")
        baseline.bind(insertPatient, 6, baseline.patientBody)
        try baseline.done(insertPatient)
        let pk = sqlite3_last_insert_rowid(baseline.db)
        let insertIdentifier = try baseline.statement(
            "INSERT INTO identifier (patient, position, kind, value, status) VALUES (?1, ?2, ?3, ?4, ?5)"
        )
        sqlite3_bind_int64(insertIdentifier, 1, pk)
        sqlite3_bind_int64(insertIdentifier, 2, 0)
        baseline.bind(insertIdentifier, 3, "personalID")
        baseline.bind(insertIdentifier, 4, personalID)
        baseline.bind(insertIdentifier, 5, "active")
        try baseline.done(insertIdentifier)
        let insertCoverage = try baseline.statement(
            "INSERT INTO coverage (uuid, patient, version, body) VALUES (?1, ?2, ?3, ?4)"
        )
        baseline.bind(insertCoverage, 1, coverage)
        sqlite3_bind_int64(insertCoverage, 2, pk)
        sqlite3_bind_int64(insertCoverage, 3, 1)
        baseline.bind(insertCoverage, 4, baseline.coverageBody)
        try baseline.done(insertCoverage)
        let insertVisit = try baseline.statement(
            "INSERT INTO visit (uuid, patient, admitted_at, version, body) VALUES (?1, ?2, ?3, ?4, ?5)"
        )
        baseline.bind(insertVisit, 1, visit)
        sqlite3_bind_int64(insertVisit, 2, pk)
        sqlite3_bind_int64(insertVisit, 3, 1_772_409_600_000 + Int64(index))
        sqlite3_bind_int64(insertVisit, 4, 1)
        baseline.bind(insertVisit, 5, baseline.visitBody)
        try baseline.done(insertVisit)
        try audit(patient: patient, records: [patient, coverage, visit])
    }

    /// Queues the records' audit rows; inserts them once a statement's worth waits.
    private func audit(patient: UUID, records: [UUID]) throws {
        var last = try sequence ?? storedLastSequence()
        for record in records {
            last += 1
            pending.append((last, record, patient))
        }
        sequence = last
        if pending.count >= Self.auditRowsPerInsert { try flush(all: false) }
    }

    /// Inserts the queued audit rows: whole statements of ``auditRowsPerInsert``, and with `all`
    /// the rest one by one (the end of the load).
    func flush(all: Bool) throws {
        let many = try baseline.statement(Baseline.insertManyAuditSQL)
        var start = 0
        while pending.count - start >= Self.auditRowsPerInsert {
            sqlite3_reset(many)
            for row in 0..<Self.auditRowsPerInsert {
                let event = pending[start + row]
                baseline.bindAudit(
                    many,
                    row: Int32(row),
                    sequence: event.sequence,
                    record: event.record,
                    patient: event.patient
                )
            }
            try baseline.done(many)
            start += Self.auditRowsPerInsert
        }
        if all {
            let one = try baseline.statement(Baseline.insertOneAuditSQL)
            for event in pending[start...] {
                sqlite3_reset(one)
                baseline.bindAudit(one, row: 0, sequence: event.sequence, record: event.record, patient: event.patient)
                try baseline.done(one)
            }
            start = pending.count
        }
        pending.removeFirst(start)
    }

    private func storedLastSequence() throws -> Int64 {
        baseline.firstInteger(
            try baseline.statement("SELECT sequence, hash FROM audit_event ORDER BY sequence DESC LIMIT 1")
        ) ?? 0
    }
}
