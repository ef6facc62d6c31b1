public import ChipChart
import Foundation

extension SQLiteStore {
    /// The patient with this id, audited as a read.
    public func patient(_ id: PatientID, for access: Access) async throws -> Patient? {
        try audited("reading a patient", access) { connection, coder in
            let found = try Self.fetchOne(
                Patient.self,
                connection,
                coder,
                "SELECT version, body FROM patient WHERE uuid = ?1"
            ) {
                try $0.bind(id.uuid, at: 1)
            }
            return (found, found.map { ($0.id.uuid, $0.id) }, .patient, nil)
        }
    }

    /// The holder of an identifier: the active holder first, else the latest patient to have
    /// held it (superseded or merged), audited.
    public func patient(identifiedBy key: PatientIdentifier.Key, for access: Access) async throws -> Patient? {
        try audited("looking a patient up", access) { connection, coder in
            let found = try Self.fetchOne(
                Patient.self,
                connection,
                coder,
                """
                SELECT p.version, p.body FROM identifier i JOIN patient p ON p.pk = i.patient
                WHERE i.kind = ?1 AND i.value = ?2
                ORDER BY i.status = 'active' DESC, i.patient DESC LIMIT 1
                """
            ) {
                try $0.bind(key.kind.rawValue, at: 1)
                try $0.bind(key.value, at: 2)
            }
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
            let found = try Self.fetchAll(
                Patient.self,
                connection,
                coder,
                """
                SELECT version, body FROM patient
                WHERE name_key >= ?1 AND name_key < ?2 AND (?3 IS NULL OR birth_year = ?3)
                ORDER BY name_key, uuid LIMIT ?4
                """
            ) {
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
        try audited("reading coverages", access) { connection, coder in
            let found = try Self.fetchAll(
                Coverage.self,
                connection,
                coder,
                """
                SELECT c.version, c.body FROM patient p JOIN coverage c ON c.patient = p.pk
                WHERE p.uuid = ?1 ORDER BY c.pk
                """
            ) { try $0.bind(id.uuid, at: 1) }
            return (found, (nil, id), .coverage, "\(found.count) coverages")
        }
    }

    /// The visit with this id, audited.
    public func visit(_ id: VisitID, for access: Access) async throws -> Visit? {
        try audited("reading a visit", access) { connection, coder in
            let found = try Self.fetchOne(
                Visit.self,
                connection,
                coder,
                "SELECT version, body FROM visit WHERE uuid = ?1"
            ) {
                try $0.bind(id.uuid, at: 1)
            }
            return (found, found.map { ($0.id.uuid, $0.patientID) }, .visit, nil)
        }
    }

    /// A patient's visits by admission time, audited.
    public func visits(ofPatient id: PatientID, for access: Access) async throws -> [Visit] {
        try audited("reading visits", access) { connection, coder in
            let found = try Self.fetchAll(
                Visit.self,
                connection,
                coder,
                """
                SELECT v.version, v.body FROM patient p JOIN visit v ON v.patient = p.pk
                WHERE p.uuid = ?1 ORDER BY v.admitted_at, v.pk
                """
            ) { try $0.bind(id.uuid, at: 1) }
            return (found, (nil, id), .visit, "\(found.count) visits")
        }
    }

    // MARK: - Helpers

    /// What a read returns and how it is audited: the result, the record and patient read
    /// (`nil` when nothing was found: a `lookupMissed` event), the kind and a masked detail.
    typealias AuditedRead<T> = (
        result: T, subject: (record: UUID?, patient: PatientID)?, kind: AuditEvent.RecordKind, detail: String?
    )

    static func fetchOne<Record: EvolvableRecord & VersionedRecord>(
        _ type: Record.Type,
        _ connection: SQLiteConnection,
        _ coder: RecordCoder,
        _ sql: String,
        bind: (SQLiteStatement) throws -> Void
    ) throws -> Record? {
        try connection.withStatement(sql) { statement in
            try bind(statement)
            guard try statement.step() else { return nil }
            return try record(type, statement, coder)
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
