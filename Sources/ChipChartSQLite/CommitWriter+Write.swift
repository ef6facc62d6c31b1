import ChipChart
import Foundation

extension CommitWriter {
    /// Writes the patients, then their identifier rows: first every identifier a patient of
    /// the set gives up is released, then the new ones are taken, so the unique index judges
    /// the set's final state.
    func writePatients(_ patients: [Patient]) throws {
        var rewrite: [(pk: Int64, patient: Patient)] = []
        for patient in patients {
            let fingerprint = Self.identifierFingerprint(patient)
            let body = try coder.encode(patient)
            if let row = patientRows[patient.id.uuid] {
                try connection.withStatement(
                    """
                    UPDATE patient SET version = ?2, name_key = ?3, birth_year = ?4, identifiers_key = ?5, body = ?6
                    WHERE pk = ?1
                    """
                ) { statement in
                    try statement.bind(row.pk, at: 1)
                    try bindPatientColumns(patient, fingerprint: fingerprint, body: body, to: statement)
                    try statement.run()
                }
                if row.identifiers != fingerprint {
                    try connection.withStatement("DELETE FROM identifier WHERE patient = ?1") { statement in
                        try statement.bind(row.pk, at: 1)
                        try statement.run()
                    }
                    rewrite.append((row.pk, patient))
                }
            } else {
                let pk = try connection.withStatement(
                    """
                    INSERT INTO patient (uuid, version, name_key, birth_year, identifiers_key, body)
                    VALUES (?1, ?2, ?3, ?4, ?5, ?6)
                    """
                ) { statement in
                    try statement.bind(patient.id.uuid, at: 1)
                    try bindPatientColumns(patient, fingerprint: fingerprint, body: body, to: statement)
                    try runInsert(
                        statement,
                        of: patient.id.uuid,
                        version: patient.version,
                        table: "patient",
                        kind: .patient
                    )
                    return connection.lastInsertedRowID
                }
                patientRows[patient.id.uuid] = (pk, patient.version, fingerprint)
                rewrite.append((pk, patient))
            }
        }
        for (pk, patient) in rewrite { try insertIdentifiers(of: patient, at: pk) }
    }

    private func bindPatientColumns(
        _ patient: Patient,
        fingerprint: String,
        body: [UInt8],
        to statement: SQLiteStatement
    ) throws {
        try statement.bind(patient.version, at: 2)
        try statement.bind(patient.demographics.name.searchKey, at: 3)
        try statement.bind(patient.demographics.dateOfBirth.year, at: 4)
        try statement.bind(fingerprint, at: 5)
        try statement.bind(body, at: 6)
    }

    private func insertIdentifiers(of patient: Patient, at pk: Int64) throws {
        try connection.withStatement(
            "INSERT INTO identifier (patient, position, kind, value, status) VALUES (?1, ?2, ?3, ?4, ?5)"
        ) { statement in
            for (position, identifier) in patient.identifiers.enumerated() {
                try statement.bind(pk, at: 1)
                try statement.bind(position, at: 2)
                try statement.bind(identifier.kind.rawValue, at: 3)
                try statement.bind(identifier.value, at: 4)
                try statement.bind(identifier.status.rawValue, at: 5)
                do {
                    try statement.run()
                } catch let error as SQLiteError where error.code == .constraint {
                    throw StoreError(
                        .duplicateIdentifier,
                        "another patient already holds this active identifier",
                        recordKind: .patient,
                        identifier: identifier.key,
                        underlying: "SQLite error \(error.extendedCode.rawValue)"
                    )
                }
                statement.reset()
            }
        }
    }

    /// The identifier rows as one string: unchanged identifiers are not rewritten.
    static func identifierFingerprint(_ patient: Patient) -> String {
        var text = ""
        for identifier in patient.identifiers {
            text += identifier.kind.rawValue
            text += "\u{1F}"
            text += identifier.value
            text += "\u{1F}"
            text += identifier.status.rawValue
            text += "\u{1E}"
        }
        return text
    }

    func writeCoverages(_ coverages: [Coverage]) throws {
        for coverage in coverages {
            let patient = try requirePatientKey(coverage.patientID, for: .coverage)
            let body = try coder.encode(coverage)
            if let row = coverageRows[coverage.id.uuid] {
                try connection.withStatement("UPDATE coverage SET patient = ?2, version = ?3, body = ?4 WHERE pk = ?1")
                {
                    statement in
                    try statement.bind(row.pk, at: 1)
                    try statement.bind(patient, at: 2)
                    try statement.bind(coverage.version, at: 3)
                    try statement.bind(body, at: 4)
                    try statement.run()
                }
            } else {
                try connection.withStatement(
                    "INSERT INTO coverage (uuid, patient, version, body) VALUES (?1, ?2, ?3, ?4)"
                ) { statement in
                    try statement.bind(coverage.id.uuid, at: 1)
                    try statement.bind(patient, at: 2)
                    try statement.bind(coverage.version, at: 3)
                    try statement.bind(body, at: 4)
                    try runInsert(
                        statement,
                        of: coverage.id.uuid,
                        version: coverage.version,
                        table: "coverage",
                        kind: .coverage
                    )
                }
            }
        }
    }

    /// Writes visits: those that give up an open slot first, then those that hold one, so the
    /// unique index judges the set's final state.
    ///
    /// A restore (`keepingEarlierOpenVisits`) stores a visit whose slot an earlier visit of the
    /// archive already holds without a slot: files written before the rule may hold two open
    /// visits of a patient, and a restore keeps them as they were.
    func writeVisits(_ visits: [Visit], keepingEarlierOpenVisits: Bool = false) throws {
        let ordered = visits.filter { $0.openSlot == nil } + visits.filter { $0.openSlot != nil }
        for visit in ordered {
            let patient = try requirePatientKey(visit.patientID, for: .visit)
            let body = try coder.encode(visit)
            do {
                try writeVisit(visit, patient: patient, body: body, slot: visit.openSlot)
            } catch let error as SQLiteError where error.code == .constraint {
                if visitRows[visit.id.uuid] == nil {
                    try refuseStored(visit.id.uuid, given: visit.version - 1, table: "visit", kind: .visit)
                }
                guard keepingEarlierOpenVisits, visitRows[visit.id.uuid] == nil else {
                    throw StoreError(
                        .openVisitExists,
                        "the patient already has an open visit in this slot (facility, kind and, for an outpatient visit, day)",
                        recordKind: .visit,
                        underlying: "SQLite error \(error.extendedCode.rawValue)"
                    )
                }
                try writeVisit(visit, patient: patient, body: body, slot: nil)
            }
        }
    }

    private func writeVisit(_ visit: Visit, patient: Int64, body: [UInt8], slot: String?) throws {
        let admitted = Int64((visit.admittedAt.timeIntervalSince1970 * 1000).rounded(.down))
        let sql =
            visitRows[visit.id.uuid] == nil
            ? """
            INSERT INTO visit (uuid, patient, admitted_at, version, body, open_slot)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6)
            """
            : """
            UPDATE visit SET patient = ?2, admitted_at = ?3, version = ?4, body = ?5, open_slot = ?6
            WHERE uuid = ?1
            """
        try connection.withStatement(sql) { statement in
            try statement.bind(visit.id.uuid, at: 1)
            try statement.bind(patient, at: 2)
            try statement.bind(admitted, at: 3)
            try statement.bind(visit.version, at: 4)
            try statement.bind(body, at: 5)
            try statement.bind(slot, at: 6)
            try statement.run()
        }
    }

    /// Runs the insert of a new record (stored at `version`, one above the version given); a
    /// record of the same id stored already is refused as the version check refuses it.
    private func runInsert(
        _ statement: SQLiteStatement,
        of uuid: UUID,
        version: Int,
        table: String,
        kind: AuditEvent.RecordKind
    ) throws {
        do {
            try statement.run()
        } catch let error where error.code == .constraint {
            try refuseStored(uuid, given: version - 1, table: table, kind: kind)
            throw error
        }
    }

    private func requirePatientKey(_ id: PatientID, for kind: AuditEvent.RecordKind) throws -> Int64 {
        guard let pk = try patientKey(id) else {
            throw StoreError(.missingRecord, "the \(kind.rawValue)'s patient does not exist", recordKind: kind)
        }
        return pk
    }
}
