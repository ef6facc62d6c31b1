public import ChipChart
import Foundation

extension SQLiteStore {
    /// Writes a change set and its audit events in one durable transaction.
    ///
    /// Versions and references are checked inside the transaction, before anything is
    /// written; unique active identifiers are enforced by the database's own index, judged on
    /// the set's final state (identifiers a patient gives up are released before any is taken).
    ///
    /// - Throws: ``ChipChart/StoreError`` (`versionConflict`, `duplicateIdentifier`,
    ///   `missingRecord`, `invalidChangeSet`, `storageFailure`, `readOnly`); nothing is written then.
    @discardableResult
    public func commit(_ changes: ChangeSet) async throws -> CommitReceipt {
        try changes.checkInternalConsistency()
        let instant = now()
        return try await withTransaction("committing a change set", synchronous: configuration.synchronous) {
            connection,
            coder in
            try Self.write(changes, at: instant, connection: connection, coder: coder)
        }
    }

    /// Checks and writes one change set with its audit events, inside the caller's transaction.
    static func write(
        _ changes: ChangeSet,
        at instant: Date,
        connection: SQLiteConnection,
        coder: RecordCoder
    ) throws -> CommitReceipt {
        var tail = AuditTail()
        return try write(changes, at: instant, connection: connection, coder: coder, tail: &tail)
    }

    /// Checks and writes one change set, appending its audit events at `tail`: a transaction that
    /// writes many sets passes the same tail to each.
    static func write(
        _ changes: ChangeSet,
        at instant: Date,
        connection: SQLiteConnection,
        coder: RecordCoder,
        tail: inout AuditTail
    ) throws -> CommitReceipt {
        let stored = try writeRecords(changes, connection: connection, coder: coder)
        let events = try tail.append(changes.auditDrafts(at: instant), on: connection)
        return CommitReceipt(
            patients: stored.patients,
            coverages: stored.coverages,
            visits: stored.visits,
            auditEvents: events
        )
    }
}

extension SQLiteStore {
    /// Checks and writes one change set's records, without their audit events, inside the
    /// caller's transaction; returns them as stored (versions bumped).
    ///
    /// A load passes `lookingUpNewRecords: false`: see ``CommitWriter/looksUpNewRecords``.
    static func writeRecords(
        _ changes: ChangeSet,
        connection: SQLiteConnection,
        coder: RecordCoder,
        lookingUpNewRecords: Bool = true
    ) throws -> CommitReceipt {
        let stored = changes.receipt(with: [])
        let writer = CommitWriter(connection: connection, coder: coder)
        writer.looksUpNewRecords = lookingUpNewRecords
        try writer.checkVersions(changes)
        try writer.checkReferences(changes)
        try writer.writePatients(stored.patients)
        try writer.writeCoverages(stored.coverages)
        try writer.writeVisits(stored.visits)
        return stored
    }
}

/// The steps of one commit, inside its transaction: checks first, then writes.
final class CommitWriter {
    let connection: SQLiteConnection
    let coder: RecordCoder
    /// Stored patients met so far: row key, version and identifier fingerprint.
    var patientRows: [UUID: (pk: Int64, version: Int, identifiers: String)] = [:]
    var coverageRows: [UUID: (pk: Int64, version: Int)] = [:]
    var visitRows: [UUID: (pk: Int64, version: Int)] = [:]
    /// False during a load: a new record (version 0) is inserted without being looked up first,
    /// and the unique index of ids refuses one whose id is stored already, which is then
    /// reported as the version check would have (``refuseStored(_:given:table:kind:)``). Records
    /// at a later version are looked up as always.
    var looksUpNewRecords = true

    init(connection: SQLiteConnection, coder: RecordCoder) {
        self.connection = connection
        self.coder = coder
    }

    // MARK: - Checks

    func checkVersions(_ changes: ChangeSet) throws {
        for patient in changes.patients where looksUpNewRecords || patient.version != 0 {
            let row = try connection.withStatement(
                "SELECT pk, version, identifiers_key FROM patient WHERE uuid = ?1"
            ) { statement -> (pk: Int64, version: Int, identifiers: String)? in
                try statement.bind(patient.id.uuid, at: 1)
                guard try statement.step() else { return nil }
                return (statement.int64(0), statement.int(1), statement.string(2))
            }
            if let row { patientRows[patient.id.uuid] = row }
            try StoreError.checkVersion(patient.version, stored: row?.version, kind: .patient)
        }
        for coverage in changes.coverages where looksUpNewRecords || coverage.version != 0 {
            let row = try storedRow("SELECT pk, version FROM coverage WHERE uuid = ?1", coverage.id.uuid)
            if let row { coverageRows[coverage.id.uuid] = row }
            try StoreError.checkVersion(coverage.version, stored: row?.version, kind: .coverage)
        }
        for visit in changes.visits where looksUpNewRecords || visit.version != 0 {
            let row = try storedRow("SELECT pk, version FROM visit WHERE uuid = ?1", visit.id.uuid)
            if let row { visitRows[visit.id.uuid] = row }
            try StoreError.checkVersion(visit.version, stored: row?.version, kind: .visit)
        }
    }

    /// Throws the version check's error when a record of `uuid` is stored in `table`: called
    /// when the insert of a new record fails on a constraint, the record having been inserted
    /// without a lookup (``looksUpNewRecords``). Returns when no such record is stored (the
    /// constraint was another).
    func refuseStored(_ uuid: UUID, given: Int, table: String, kind: AuditEvent.RecordKind) throws {
        guard let row = try storedRow("SELECT pk, version FROM \(table) WHERE uuid = ?1", uuid) else { return }
        try StoreError.checkVersion(given, stored: row.version, kind: kind)
    }

    func storedRow(_ sql: String, _ uuid: UUID) throws -> (pk: Int64, version: Int)? {
        try connection.withStatement(sql) { statement in
            try statement.bind(uuid, at: 1)
            guard try statement.step() else { return nil }
            return (statement.int64(0), statement.int(1))
        }
    }

    func checkReferences(_ changes: ChangeSet) throws {
        let patientsInSet = Set(changes.patients.map(\.id.uuid))
        let coveragesInSet = Set(changes.coverages.map(\.id.uuid))
        func patientExists(_ id: PatientID) throws -> Bool {
            try patientsInSet.contains(id.uuid) || patientRows[id.uuid] != nil || patientKey(id) != nil
        }
        func coverageExists(_ id: CoverageID) throws -> Bool {
            if coveragesInSet.contains(id.uuid) || coverageRows[id.uuid] != nil { return true }
            return try storedRow("SELECT pk, version FROM coverage WHERE uuid = ?1", id.uuid) != nil
        }
        for patient in changes.patients {
            if let survivor = patient.mergedInto, try !patientExists(survivor) {
                throw StoreError(.missingRecord, "the patient it was merged into does not exist", recordKind: .patient)
            }
        }
        for coverage in changes.coverages {
            guard try patientExists(coverage.patientID) else {
                throw StoreError(.missingRecord, "the coverage's patient does not exist", recordKind: .coverage)
            }
            for linked in [coverage.replaces, coverage.replacedBy].compactMap({ $0 }) where try !coverageExists(linked)
            {
                throw StoreError(.missingRecord, "a coverage it is linked to does not exist", recordKind: .coverage)
            }
        }
        for visit in changes.visits {
            guard try patientExists(visit.patientID) else {
                throw StoreError(.missingRecord, "the visit's patient does not exist", recordKind: .visit)
            }
            for applied in visit.appliedCoverages where try !coverageExists(applied.coverageID) {
                throw StoreError(.missingRecord, "a coverage applied to the visit does not exist", recordKind: .visit)
            }
        }
    }

    /// The row key of a stored patient, remembered for the rest of the commit.
    func patientKey(_ id: PatientID) throws -> Int64? {
        if let row = patientRows[id.uuid] { return row.pk }
        let row = try connection.withStatement(
            "SELECT pk, version, identifiers_key FROM patient WHERE uuid = ?1"
        ) { statement -> (pk: Int64, version: Int, identifiers: String)? in
            try statement.bind(id.uuid, at: 1)
            guard try statement.step() else { return nil }
            return (statement.int64(0), statement.int(1), statement.string(2))
        }
        if let row { patientRows[id.uuid] = row }
        return row?.pk
    }
}
