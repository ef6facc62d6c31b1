#if PostgreSQL
    import ChipChart
    import Foundation

    /// The rows a commit writes, as JSON arrays that `jsonb_to_recordset` turns into rows: one
    /// parameter per statement, whatever the number of records, with nulls where a value is absent.
    struct CommitRows: Sendable {
        struct PatientRow: Encodable {
            let id: UUID
            let version: Int
            let expectedVersion: Int
            let mergedInto: UUID?
            let nameKey: String
            let birthYear: Int
            let document: Patient

            enum CodingKeys: String, CodingKey {
                case id, version, document
                case expectedVersion = "expected_version"
                case mergedInto = "merged_into"
                case nameKey = "name_key"
                case birthYear = "birth_year"
            }

            /// The row of `patient` as stored, written over the row at `expectedVersion` (0: new).
            init(_ patient: Patient, expectedVersion: Int) {
                id = patient.id.uuid
                version = patient.version
                self.expectedVersion = expectedVersion
                mergedInto = patient.mergedInto?.uuid
                nameKey = patient.demographics.name.searchKey
                birthYear = patient.demographics.dateOfBirth.year
                document = patient
            }
        }

        struct IdentifierRow: Encodable {
            let patientID: UUID
            let kind: String
            let value: String
            let status: String

            enum CodingKeys: String, CodingKey {
                case kind, value, status
                case patientID = "patient_id"
            }
        }

        struct CoverageRow: Encodable {
            let id: UUID
            let version: Int
            let expectedVersion: Int
            let patientID: UUID
            let replaces: UUID?
            let replacedBy: UUID?
            let socialInsuranceNumber: String
            let document: Coverage

            enum CodingKeys: String, CodingKey {
                case id, version, replaces, document
                case expectedVersion = "expected_version"
                case patientID = "patient_id"
                case replacedBy = "replaced_by"
                case socialInsuranceNumber = "social_insurance_number"
            }

            /// The row of `coverage` as stored, written over the row at `expectedVersion` (0: new).
            init(_ coverage: Coverage, expectedVersion: Int) {
                id = coverage.id.uuid
                version = coverage.version
                self.expectedVersion = expectedVersion
                patientID = coverage.patientID.uuid
                replaces = coverage.replaces?.uuid
                replacedBy = coverage.replacedBy?.uuid
                socialInsuranceNumber = coverage.cardCode.socialInsuranceNumber.digits
                document = coverage
            }
        }

        struct VisitRow: Encodable {
            let id: UUID
            let version: Int
            let expectedVersion: Int
            let patientID: UUID
            let visitKey: String
            let admittedAt: Double
            let openSlot: String?
            let document: Visit

            enum CodingKeys: String, CodingKey {
                case id, version, document
                case expectedVersion = "expected_version"
                case patientID = "patient_id"
                case visitKey = "visit_key"
                case admittedAt = "admitted_at"
                case openSlot = "open_slot"
            }

            /// The row of `visit` as stored, written over the row at `expectedVersion` (0: new);
            /// a restore may store an open visit without its slot (`holdsSlot` false).
            init(_ visit: Visit, expectedVersion: Int, holdsSlot: Bool = true) {
                id = visit.id.uuid
                version = visit.version
                self.expectedVersion = expectedVersion
                patientID = visit.patientID.uuid
                visitKey = visit.key
                admittedAt = visit.admittedAt.timeIntervalSince1970
                openSlot = holdsSlot ? visit.openSlot : nil
                document = visit
            }
        }

        struct VisitCoverageRow: Encodable, Hashable {
            let visitID: UUID
            let coverageID: UUID

            enum CodingKeys: String, CodingKey {
                case visitID = "visit_id"
                case coverageID = "coverage_id"
            }
        }

        /// A batch of rows as JSON text, and how many rows it holds.
        struct Batch: Sendable {
            let json: String
            let count: Int
            var isEmpty: Bool { count == 0 }

            /// Throws `error` unless a statement wrote one row for each of the batch's rows.
            func expectWritten(_ written: Int, or error: @autoclosure () -> StoreError) throws(StoreError) {
                guard written == count else { throw error() }
            }

            /// `rows` as one JSON array, in their order.
            init<Row: Encodable>(_ rows: [Row], encoder: JSONEncoder = JSONEncoder()) throws {
                json = String(decoding: try encoder.encode(rows), as: UTF8.self)
                count = rows.count
            }
        }

        let newPatients: Batch
        let updatedPatients: Batch
        let updatedPatientIDs: [UUID]
        let identifiers: Batch
        let newCoverages: Batch
        let updatedCoverages: Batch
        let newVisits: Batch
        let updatedVisits: Batch
        let visitCoverages: Batch

        /// The rows for `changes`, whose records as stored (versions bumped) are in `stored`.
        init(_ changes: ChangeSet, stored: CommitReceipt) throws {
            let encoder = JSONEncoder()
            func batch<Row: Encodable>(_ rows: [Row]) throws -> Batch { try Batch(rows, encoder: encoder) }
            let patients = zip(changes.patients, stored.patients)
                .map { given, saved in PatientRow(saved, expectedVersion: given.version) }
                .sorted { $0.id < $1.id }
            newPatients = try batch(patients.filter { $0.expectedVersion == 0 })
            let updated = patients.filter { $0.expectedVersion > 0 }
            updatedPatients = try batch(updated)
            updatedPatientIDs = updated.map(\.id)
            identifiers = try batch(Self.identifierRows(stored.patients))

            let coverages = zip(changes.coverages, stored.coverages)
                .map { given, saved in CoverageRow(saved, expectedVersion: given.version) }
                .sorted { $0.id < $1.id }
            newCoverages = try batch(coverages.filter { $0.expectedVersion == 0 })
            updatedCoverages = try batch(coverages.filter { $0.expectedVersion > 0 })

            let visits = zip(changes.visits, stored.visits)
                .map { given, saved in VisitRow(saved, expectedVersion: given.version) }
                .sorted { $0.id < $1.id }
            newVisits = try batch(visits.filter { $0.expectedVersion == 0 })
            updatedVisits = try batch(visits.filter { $0.expectedVersion > 0 })
            visitCoverages = try batch(Self.visitCoverageRows(stored.visits))
        }

        /// One row per coverage a visit applied, each pair once, in a fixed order.
        static func visitCoverageRows(_ visits: [Visit]) -> [VisitCoverageRow] {
            let applied = visits.flatMap { visit in
                visit.appliedCoverages.map { VisitCoverageRow(visitID: visit.id.uuid, coverageID: $0.coverageID.uuid) }
            }
            return Array(Set(applied)).sorted {
                ($0.visitID, $0.coverageID) < ($1.visitID, $1.coverageID)
            }
        }

        /// One row per identifier and patient (an active entry wins over a repeated inactive one),
        /// ordered by kind and value so that concurrent commits take index locks in the same order.
        static func identifierRows(_ patients: [Patient]) -> [IdentifierRow] {
            struct Key: Hashable {
                let patientID: UUID
                let kind: String
                let value: String
            }
            var rows: [Key: IdentifierRow] = [:]
            for patient in patients {
                for identifier in patient.identifiers {
                    let key = Key(patientID: patient.id.uuid, kind: identifier.kind.rawValue, value: identifier.value)
                    if rows[key]?.status == PatientIdentifier.Status.active.rawValue { continue }
                    rows[key] = IdentifierRow(
                        patientID: patient.id.uuid,
                        kind: identifier.kind.rawValue,
                        value: identifier.value,
                        status: identifier.status.rawValue
                    )
                }
            }
            return rows.values.sorted {
                ($0.kind, $0.value, $0.patientID) < ($1.kind, $1.value, $1.patientID)
            }
        }
    }

    /// Decodes the JSON documents the store keeps.
    enum Documents {
        static func decode<Record: Decodable>(_ type: Record.Type, from text: String) throws -> Record {
            try JSONDecoder().decode(type, from: Data(text.utf8))
        }
    }
#endif
