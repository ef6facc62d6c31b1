#if PostgreSQL
    import ChipChart
    import Foundation

    /// The rows a commit writes, as JSON arrays that `jsonb_to_recordset` turns into rows: one
    /// parameter per statement, whatever the number of records, with nulls where a value is absent.
    struct CommitRows: Sendable {
        /// The own columns of `patients`.
        struct PatientColumns: Encodable {
            let mergedInto: UUID?
            let nameKey: String
            let birthYear: Int

            enum CodingKeys: String, CodingKey {
                case mergedInto = "merged_into"
                case nameKey = "name_key"
                case birthYear = "birth_year"
            }

            init(_ patient: Patient) {
                mergedInto = patient.mergedInto?.uuid
                nameKey = patient.demographics.name.searchKey
                birthYear = patient.demographics.dateOfBirth.year
            }
        }

        /// A row of `patients`.
        typealias PatientRow = RecordRow<Patient, PatientColumns>

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

        /// The own columns of `coverages`.
        struct CoverageColumns: Encodable {
            let patientID: UUID
            let replaces: UUID?
            let replacedBy: UUID?
            let socialInsuranceNumber: String

            enum CodingKeys: String, CodingKey {
                case replaces
                case patientID = "patient_id"
                case replacedBy = "replaced_by"
                case socialInsuranceNumber = "social_insurance_number"
            }

            init(_ coverage: Coverage) {
                patientID = coverage.patientID.uuid
                replaces = coverage.replaces?.uuid
                replacedBy = coverage.replacedBy?.uuid
                socialInsuranceNumber = coverage.cardCode.socialInsuranceNumber.digits
            }
        }

        /// A row of `coverages`.
        typealias CoverageRow = RecordRow<Coverage, CoverageColumns>

        /// The own columns of `visits`.
        struct VisitColumns: Encodable {
            let patientID: UUID
            let visitKey: String
            let admittedAt: Double
            let openSlot: String?

            enum CodingKeys: String, CodingKey {
                case patientID = "patient_id"
                case visitKey = "visit_key"
                case admittedAt = "admitted_at"
                case openSlot = "open_slot"
            }

            /// A restore may store an open visit without its slot (`holdsSlot` false).
            init(_ visit: Visit, holdsSlot: Bool) {
                patientID = visit.patientID.uuid
                visitKey = visit.key
                admittedAt = visit.admittedAt.timeIntervalSince1970
                openSlot = holdsSlot ? visit.openSlot : nil
            }
        }

        /// A row of `visits`.
        typealias VisitRow = RecordRow<Visit, VisitColumns>

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
            func batches<Document, Columns>(
                _ rows: [RecordRow<Document, Columns>]
            ) throws -> (new: Batch, updated: Batch) {
                let sorted = rows.sorted { $0.id < $1.id }
                return (
                    try batch(sorted.filter { $0.expectedVersion == 0 }),
                    try batch(sorted.filter { $0.expectedVersion > 0 })
                )
            }
            let patients = zip(changes.patients, stored.patients).map { PatientRow($1, expectedVersion: $0.version) }
            (newPatients, updatedPatients) = try batches(patients)
            identifiers = try batch(Self.identifierRows(stored.patients))
            let coverages = zip(changes.coverages, stored.coverages).map {
                CoverageRow($1, expectedVersion: $0.version)
            }
            (newCoverages, updatedCoverages) = try batches(coverages)
            (newVisits, updatedVisits) = try batches(
                zip(changes.visits, stored.visits).map { VisitRow($1, expectedVersion: $0.version) }
            )
            visitCoverages = try batch(Self.visitCoverageRows(stored.visits))
        }

        /// One row per coverage a visit applied, each pair once, in a fixed order (`ordered`
        /// false: in the order of the visits, for a restore, which needs none).
        static func visitCoverageRows(_ visits: [Visit], ordered: Bool = true) -> [VisitCoverageRow] {
            var rows: [VisitCoverageRow] = []
            for visit in visits {
                // Rows of two visits never coincide: each visit's own are made unique.
                let first = rows.count
                for applied in visit.appliedCoverages {
                    let row = VisitCoverageRow(visitID: visit.id.uuid, coverageID: applied.coverageID.uuid)
                    if !rows[first...].contains(row) { rows.append(row) }
                }
            }
            guard ordered else { return rows }
            return rows.sorted { ($0.visitID, $0.coverageID) < ($1.visitID, $1.coverageID) }
        }

        /// One row per identifier and patient (an active entry wins over a repeated inactive one),
        /// ordered by kind and value so that concurrent commits take index locks in the same order
        /// (`ordered` false: in the order of the patients, for a restore, which takes no such
        /// locks).
        static func identifierRows(_ patients: [Patient], ordered: Bool = true) -> [IdentifierRow] {
            var rows: [IdentifierRow] = []
            for patient in patients {
                // Rows of two patients never coincide: each patient's own are made unique.
                let first = rows.count
                for identifier in patient.identifiers {
                    let row = IdentifierRow(
                        patientID: patient.id.uuid,
                        kind: identifier.kind.rawValue,
                        value: identifier.value,
                        status: identifier.status.rawValue
                    )
                    guard let same = rows[first...].firstIndex(where: { $0.kind == row.kind && $0.value == row.value })
                    else {
                        rows.append(row)
                        continue
                    }
                    if rows[same].status != PatientIdentifier.Status.active.rawValue { rows[same] = row }
                }
            }
            guard ordered else { return rows }
            return rows.sorted {
                ($0.kind, $0.value, $0.patientID) < ($1.kind, $1.value, $1.patientID)
            }
        }
    }

    /// A row of a record table as a commit or a restore writes it: the record's id, its version as
    /// stored and the version it is written over (0: new), the table's own columns, and the record
    /// itself as the JSON document.
    struct RecordRow<Document: Encodable & VersionedRecord, Columns: Encodable>: Encodable {
        /// The columns every record table has.
        struct Common: Encodable {
            let id: UUID
            let version: Int
            let expectedVersion: Int
            let document: Document

            enum CodingKeys: String, CodingKey {
                case id, version, document
                case expectedVersion = "expected_version"
            }
        }

        let common: Common
        let columns: Columns

        var id: UUID { common.id }
        var version: Int { common.version }
        var expectedVersion: Int { common.expectedVersion }
        var document: Document { common.document }

        init(id: UUID, _ document: Document, expectedVersion: Int, columns: Columns) {
            common = Common(id: id, version: document.version, expectedVersion: expectedVersion, document: document)
            self.columns = columns
        }

        /// The common columns and the table's own, side by side in one JSON object.
        func encode(to encoder: any Encoder) throws {
            try common.encode(to: encoder)
            try columns.encode(to: encoder)
        }
    }

    extension RecordRow where Document == Patient, Columns == CommitRows.PatientColumns {
        /// The row of `patient` as stored, written over the row at `expectedVersion` (0: new).
        init(_ patient: Patient, expectedVersion: Int) {
            self.init(id: patient.id.uuid, patient, expectedVersion: expectedVersion, columns: .init(patient))
        }
    }

    extension RecordRow where Document == Coverage, Columns == CommitRows.CoverageColumns {
        /// The row of `coverage` as stored, written over the row at `expectedVersion` (0: new).
        init(_ coverage: Coverage, expectedVersion: Int) {
            self.init(id: coverage.id.uuid, coverage, expectedVersion: expectedVersion, columns: .init(coverage))
        }
    }

    extension RecordRow where Document == Visit, Columns == CommitRows.VisitColumns {
        /// The row of `visit` as stored, written over the row at `expectedVersion` (0: new); a
        /// restore may store an open visit without its slot (`holdsSlot` false).
        init(_ visit: Visit, expectedVersion: Int, holdsSlot: Bool = true) {
            let columns = CommitRows.VisitColumns(visit, holdsSlot: holdsSlot)
            self.init(id: visit.id.uuid, visit, expectedVersion: expectedVersion, columns: columns)
        }
    }

    /// Decodes the JSON documents the store keeps.
    enum Documents {
        static func decode<Record: Decodable>(_ type: Record.Type, from text: String) throws -> Record {
            try JSONDecoder().decode(type, from: Data(text.utf8))
        }
    }
#endif
