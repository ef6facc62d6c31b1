#if PostgreSQL
    import ChipChart
    import ChipChartTesting
    import Foundation
    import Logging
    import PostgresNIO

    /// The store's check-in statements sent directly through PostgresNIO, as pgbench would send
    /// them: one transaction holding the lookup, the inserts and the audit rows, with documents
    /// encoded once up front and placeholder hashes. The audit rows take their numbers from a
    /// PostgreSQL sequence, so no transaction waits for another (pgbench's `history` insert): the
    /// throughput a hash chain can at best approach. What the store adds on top of this is the
    /// library's own cost and the cost of its chain.
    struct BaselineCheckIn: Sendable {
        let schema: String
        let patientDocument: String
        let coverageDocument: String
        let visitDocument: String
        let staffName: String
        let staffPersonalID: String
        let logger = Logger(label: "postgres-benchmark")

        init(schema: String, sample person: SyntheticPopulation.Person, staff: Staff) throws {
            self.schema = "\"\(schema)\""
            let patient = Patient(
                identifiers: [.personalID(person.personalID)],
                demographics: Demographics(
                    name: person.reading.name,
                    dateOfBirth: person.reading.dateOfBirth,
                    sex: person.reading.sex,
                    address: person.reading.address
                ),
                version: 1
            )
            let coverage = Coverage(
                patientID: patient.id,
                cardCode: try InsuranceCardCode("GD4010123456789"),
                validity: person.cardValidity
            )
            let visit = try Visit(
                key: "01001-0",
                patientID: patient.id,
                facility: try FacilityCode("01001"),
                admittedAt: Date(),
                appliedCoverages: [Visit.AppliedCoverage(coverage, from: Date())]
            )
            let encoder = JSONEncoder()
            patientDocument = String(decoding: try encoder.encode(patient), as: UTF8.self)
            coverageDocument = String(decoding: try encoder.encode(coverage), as: UTF8.self)
            visitDocument = String(decoding: try encoder.encode(visit), as: UTF8.self)
            staffName = staff.name.text
            staffPersonalID = staff.personalID.digits
        }

        func checkIn(_ person: SyntheticPopulation.Person, client: PostgresClient) async throws {
            let digits = person.personalID.digits
            let patientID = UUID()
            let coverageID = UUID()
            let visitID = UUID()
            try await transaction(client) { connection in
                let found = try await connection.query(
                    """
                    SELECT p.version, p.document::text
                    FROM \(unescaped: schema).patient_identifiers AS i
                    JOIN \(unescaped: schema).patients AS p ON p.id = i.patient_id
                    WHERE i.kind = 'personalID' AND i.value = \(digits)
                    ORDER BY (i.status = 'active') DESC, i.acquired DESC LIMIT 1
                    """,
                    logger: logger
                )
                for try await _ in found {}
                try await connection.query(
                    """
                    INSERT INTO \(unescaped: schema).patients (id, version, merged_into, name_key, birth_year, document)
                    SELECT id, version, merged_into, name_key, birth_year, document
                    FROM jsonb_to_recordset(\(rows(patientID, "\"name_key\":\"nguyen\",\"birth_year\":1990", patientDocument))::jsonb)
                        AS r(id uuid, version integer, merged_into uuid, name_key text, birth_year integer, document jsonb)
                    ON CONFLICT (id) DO NOTHING RETURNING id
                    """,
                    logger: logger
                )
                try await connection.query(
                    """
                    INSERT INTO \(unescaped: schema).patient_identifiers (patient_id, kind, value, status)
                    SELECT patient_id, kind, value, status
                    FROM jsonb_to_recordset(\("[{\"patient_id\":\"\(patientID)\",\"kind\":\"personalID\",\"value\":\"\(digits)\",\"status\":\"active\"}]")::jsonb)
                        AS r(patient_id uuid, kind text, value text, status text)
                    ON CONFLICT (patient_id, kind, value) DO UPDATE SET status = excluded.status
                    """,
                    logger: logger
                )
                try await connection.query(
                    """
                    INSERT INTO \(unescaped: schema).coverages
                        (id, version, patient_id, replaces, replaced_by, social_insurance_number, document)
                    SELECT id, version, patient_id, replaces, replaced_by, social_insurance_number, document
                    FROM jsonb_to_recordset(\(rows(coverageID, "\"patient_id\":\"\(patientID)\",\"social_insurance_number\":\"0123456789\"", coverageDocument))::jsonb)
                        AS r(id uuid, version integer, patient_id uuid, replaces uuid, replaced_by uuid,
                             social_insurance_number text, document jsonb)
                    ON CONFLICT (id) DO NOTHING RETURNING id
                    """,
                    logger: logger
                )
                try await connection.query(
                    """
                    INSERT INTO \(unescaped: schema).visits (id, version, patient_id, visit_key, admitted_at, document)
                    SELECT id, version, patient_id, visit_key, to_timestamp(admitted_at), document
                    FROM jsonb_to_recordset(\(rows(visitID, "\"patient_id\":\"\(patientID)\",\"visit_key\":\"01001-\(person.index)\",\"admitted_at\":\(Date().timeIntervalSince1970)", visitDocument))::jsonb)
                        AS r(id uuid, version integer, patient_id uuid, visit_key text, admitted_at double precision,
                             document jsonb)
                    ON CONFLICT (id) DO NOTHING RETURNING id
                    """,
                    logger: logger
                )
                try await connection.query(
                    """
                    INSERT INTO \(unescaped: schema).visit_coverages (visit_id, coverage_id)
                    SELECT visit_id, coverage_id
                    FROM jsonb_to_recordset(\("[{\"visit_id\":\"\(visitID)\",\"coverage_id\":\"\(coverageID)\"}]")::jsonb)
                        AS r(visit_id uuid, coverage_id uuid)
                    ON CONFLICT DO NOTHING
                    """,
                    logger: logger
                )
                try await appendAudit(count: 4, on: connection)
            }
        }

        private func rows(_ id: UUID, _ columns: String, _ document: String) -> String {
            "[{\"id\":\"\(id)\",\"version\":1,\(columns),\"document\":\(document)}]"
        }

        /// The sequence the audit rows take their numbers from; created once per run.
        static func createSequence(schema: String, client: PostgresClient) async throws {
            try await client.query(
                "CREATE SEQUENCE \(unescaped: "\"\(schema)\"").baseline_audit_sequence",
                logger: Logger(label: "postgres-benchmark")
            )
        }

        private func appendAudit(count: Int, on connection: PostgresConnection) async throws {
            let hash = String(repeating: "a", count: 64)
            let events = (1...count).map { _ in
                "{\"at_epoch_ms\":\(Int64(Date().timeIntervalSince1970 * 1000)),"
                    + "\"staff_name\":\"\(staffName)\",\"staff_personal_id\":\"\(staffPersonalID)\","
                    + "\"staff_role\":\"receptionist\",\"action\":\"create\",\"record_kind\":\"patient\","
                    + "\"purpose\":\"check-in\",\"detail\":\"version 1\",\"previous_hash\":\"\(hash)\",\"hash\":\"\(hash)\"}"
            }
            let json = "[" + events.joined(separator: ",") + "]"
            try await connection.query(
                """
                INSERT INTO \(unescaped: schema).audit_events
                    (sequence, at_epoch_ms, staff_name, staff_personal_id, staff_role, action, record_kind,
                     record_id, patient_id, purpose, detail, previous_hash, hash)
                SELECT nextval('\(unescaped: schema).baseline_audit_sequence'), at_epoch_ms, staff_name,
                    staff_personal_id, staff_role, action, record_kind, record_id, patient_id, purpose, detail,
                    previous_hash, hash
                FROM jsonb_to_recordset(\(json)::jsonb)
                    AS r(at_epoch_ms bigint, staff_name text, staff_personal_id text, staff_role text, action text,
                         record_kind text, record_id uuid, patient_id uuid, purpose text, detail text,
                         previous_hash text, hash text)
                """,
                logger: logger
            )
        }

        private func transaction(
            _ client: PostgresClient,
            _ body: @Sendable (PostgresConnection) async throws -> Void
        ) async throws {
            try await client.withConnection { connection in
                try await connection.query("BEGIN", logger: logger)
                do {
                    try await body(connection)
                    try await connection.query("COMMIT", logger: logger)
                } catch {
                    _ = try? await connection.query("ROLLBACK", logger: logger)
                    throw error
                }
            }
        }
    }
#endif
