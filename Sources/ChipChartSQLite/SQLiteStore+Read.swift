public import ChipChart
import Foundation

extension SQLiteStore {
    /// The patient with this id, audited as a read.
    public func patient(_ id: PatientID, for access: Access) async throws -> Patient? {
        try record(.patient, id.uuid, access) { $0.id }
    }

    /// The holder of an identifier: the active holder first, else the latest patient to have
    /// held it (superseded or merged), audited.
    public func patient(identifiedBy key: PatientIdentifier.Key, for access: Access) async throws -> Patient? {
        try audited("looking a patient up", access) { connection, coder in
            let sql = """
                SELECT p.version, p.body FROM identifier i JOIN patient p ON p.pk = i.patient
                WHERE i.kind = ?1 AND i.value = ?2
                ORDER BY i.status = 'active' DESC, i.patient DESC LIMIT 1
                """
            let found = try Self.fetchAll(Patient.self, connection, coder, sql) {
                try $0.bind(key.kind.rawValue, at: 1)
                try $0.bind(key.value, at: 2)
            }.first
            return (found, found.map { ($0.id.uuid, $0.id) }, .patient, key.description)
        }
    }

    /// Patients whose folded name starts with the folded prefix, optionally born in a year,
    /// by folded name: a range scan of the name index. Audited as one search.
    public func patients(
        namePrefix: String,
        bornIn birthYear: Int?,
        limit: Int,
        for access: Access
    ) async throws
        -> [Patient]
    {
        let prefix = PersonName.fold(namePrefix)
        return try audited("searching patients", access, searching: true) { connection, coder in
            let sql = """
                SELECT version, body FROM patient
                WHERE name_key >= ?1 AND name_key < ?2 AND (?3 IS NULL OR birth_year = ?3)
                ORDER BY name_key, uuid LIMIT ?4
                """
            let found = try Self.fetchAll(Patient.self, connection, coder, sql) {
                try $0.bind(prefix, at: 1)
                try $0.bind(prefix + "\u{10FFFF}", at: 2)
                if let birthYear { try $0.bind(birthYear, at: 3) } else { try $0.bindNull(at: 3) }
                try $0.bind(max(0, limit), at: 4)
            }
            return (found, nil, .patient, "\(found.count) found")
        }
    }

    /// A patient's coverages in the order they were first stored, audited.
    public func coverages(ofPatient id: PatientID, for access: Access) async throws -> [Coverage] {
        try records(.coverage, ofPatient: id, access, orderedBy: "r.pk")
    }

    /// The visit with this id, audited.
    public func visit(_ id: VisitID, for access: Access) async throws -> Visit? {
        try record(.visit, id.uuid, access) { $0.patientID }
    }

    /// A patient's visits by admission time, audited.
    public func visits(ofPatient id: PatientID, for access: Access) async throws -> [Visit] {
        try records(.visit, ofPatient: id, access, orderedBy: "r.admitted_at, r.pk")
    }

    // MARK: - Helpers

    /// What a read returns and how it is audited: the result, the record and patient read
    /// (`nil` when nothing was found: a `lookupMissed` event), the kind and a masked detail.
    typealias AuditedRead<T> = (
        result: T, subject: (record: UUID?, patient: PatientID)?, kind: AuditEvent.RecordKind, detail: String?
    )

    /// The record of `kind` whose uuid is `uuid` (its table is named after the kind), audited
    /// as a read of it and its patient, or as a missed lookup when there is none.
    private func record<Record: EvolvableRecord & VersionedRecord>(
        _ kind: AuditEvent.RecordKind,
        _ uuid: UUID,
        _ access: Access,
        patient: (Record) -> PatientID
    ) throws(StoreError) -> Record? {
        try audited("reading a \(kind.rawValue)", access) { connection, coder in
            let sql = "SELECT version, body FROM \(kind.rawValue) WHERE uuid = ?1"
            let found = try Self.fetchAll(Record.self, connection, coder, sql) { try $0.bind(uuid, at: 1) }.first
            return (found, found.map { (uuid, patient($0)) }, kind, nil)
        }
    }

    /// A patient's records of `kind` (rows `r` of the table named after the kind) in `order`,
    /// audited as one read with how many were found.
    private func records<Record: EvolvableRecord & VersionedRecord>(
        _ kind: AuditEvent.RecordKind,
        ofPatient id: PatientID,
        _ access: Access,
        orderedBy order: String
    ) throws(StoreError) -> [Record] {
        let plural = "\(kind.rawValue)s"
        return try audited("reading \(plural)", access) { connection, coder in
            let sql = """
                SELECT r.version, r.body FROM patient p JOIN \(kind.rawValue) r ON r.patient = p.pk
                WHERE p.uuid = ?1 ORDER BY \(order)
                """
            let found = try Self.fetchAll(Record.self, connection, coder, sql) { try $0.bind(id.uuid, at: 1) }
            return (found, (nil, id), kind, "\(found.count) \(plural)")
        }
    }

    /// Every row's record (columns: version, body).
    static func fetchAll<Record: EvolvableRecord & VersionedRecord>(
        _ type: Record.Type,
        _ connection: SQLiteConnection,
        _ coder: RecordCoder,
        _ sql: String,
        bind: (SQLiteStatement) throws -> Void
    ) throws -> [Record] {
        try connection.withStatement(sql) { statement in
            try bind(statement)
            var records: [Record] = []
            while try statement.step() { records.append(try record(type, statement, coder)) }
            return records
        }
    }

    private static func record<Record: EvolvableRecord & VersionedRecord>(
        _ type: Record.Type,
        _ statement: SQLiteStatement,
        _ coder: RecordCoder
    ) throws -> Record {
        var record = try statement.withBlob(1) { try coder.decode(type, from: $0) }
        record.version = statement.int(0)
        return record
    }
}

/// A record with an optimistic version the store sets from its row.
protocol VersionedRecord {
    var version: Int { get set }
}

extension Patient: VersionedRecord {}
extension Coverage: VersionedRecord {}
extension Visit: VersionedRecord {}
