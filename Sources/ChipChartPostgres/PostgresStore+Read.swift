#if PostgreSQL
    public import ChipChart
    import Foundation
    import Logging
    import PostgresNIO

    extension PostgresStore {
        /// The patient with this id, audited as a read (or a missed lookup).
        public func patient(_ id: PatientID, for access: Access) async throws -> Patient? {
            let found = try await readRecords(
                Patient.self,
                "SELECT version, document::text FROM \(unescaped: tables.patients) WHERE id = \(id.uuid)",
                access: access
            ) { patients, at in
                let patient = patients.first
                return [Self.readDraft(at, access, patient.map { ($0.id.uuid, $0.id) }, kind: .patient, detail: nil)]
            }
            return found.first
        }

        /// The patient holding an identifier: the active holder first, else the latest patient to
        /// have held it (superseded, merged or released). Audited with the masked identifier.
        public func patient(identifiedBy key: PatientIdentifier.Key, for access: Access) async throws -> Patient? {
            let found = try await readRecords(
                Patient.self,
                """
                SELECT p.version, p.document::text
                FROM \(unescaped: tables.identifiers) AS i JOIN \(unescaped: tables.patients) AS p ON p.id = i.patient_id
                WHERE i.kind = \(key.kind.rawValue) AND i.value = \(key.value)
                ORDER BY (i.status = 'active') DESC, i.acquired DESC
                LIMIT 1
                """,
                access: access
            ) { patients, at in
                let patient = patients.first
                return [
                    Self.readDraft(
                        at,
                        access,
                        patient.map { ($0.id.uuid, $0.id) },
                        kind: .patient,
                        detail: key.description
                    )
                ]
            }
            return found.first
        }

        /// Patients whose folded name starts with the folded `namePrefix`, optionally born in
        /// `birthYear`, ordered by folded name: a range scan of the `(name_key, birth_year)` index.
        /// Audited as one search that records how many were found, never the name.
        public func patients(
            namePrefix: String,
            bornIn birthYear: Int?,
            limit: Int,
            for access: Access
        ) async throws
            -> [Patient]
        {
            try await readRecords(
                Patient.self,
                Self.nameSearch(in: tables, namePrefix: namePrefix, bornIn: birthYear, limit: limit),
                access: access
            ) { patients, at in
                [
                    AuditEvent.Draft(
                        at: at,
                        staff: access.staff,
                        action: .search,
                        recordKind: .patient,
                        purpose: access.purpose,
                        detail: "\(patients.count) found"
                    )
                ]
            }
        }

        /// A patient's coverages in the order they were first stored, audited.
        public func coverages(ofPatient id: PatientID, for access: Access) async throws -> [Coverage] {
            try await readRecords(
                Coverage.self,
                """
                SELECT version, document::text FROM \(unescaped: tables.coverages)
                WHERE patient_id = \(id.uuid) ORDER BY stored_order
                """,
                access: access
            ) { coverages, at in
                [Self.readDraft(at, access, (nil, id), kind: .coverage, detail: "\(coverages.count) coverages")]
            }
        }

        /// The visit with this id, audited.
        public func visit(_ id: VisitID, for access: Access) async throws -> Visit? {
            let found = try await readRecords(
                Visit.self,
                "SELECT version, document::text FROM \(unescaped: tables.visits) WHERE id = \(id.uuid)",
                access: access
            ) { visits, at in
                let visit = visits.first
                return [Self.readDraft(at, access, visit.map { ($0.id.uuid, $0.patientID) }, kind: .visit, detail: nil)]
            }
            return found.first
        }

        /// A patient's visits by admission time, audited.
        public func visits(ofPatient id: PatientID, for access: Access) async throws -> [Visit] {
            try await readRecords(
                Visit.self,
                """
                SELECT version, document::text FROM \(unescaped: tables.visits)
                WHERE patient_id = \(id.uuid) ORDER BY admitted_at, stored_order
                """,
                access: access
            ) { visits, at in
                [Self.readDraft(at, access, (nil, id), kind: .visit, detail: "\(visits.count) visits")]
            }
        }

        /// The name search: a range of the `(name_key, birth_year)` index, from the folded prefix
        /// to the prefix followed by the last code point (the column sorts in the C collation).
        static func nameSearch(
            in tables: Tables,
            namePrefix: String,
            bornIn birthYear: Int?,
            limit: Int
        )
            -> PostgresQuery
        {
            let prefix = PersonName.fold(namePrefix)
            let upperBound = prefix + "\u{10FFFF}"
            return """
                SELECT version, document::text FROM \(unescaped: tables.patients)
                WHERE name_key >= \(prefix) AND name_key < \(upperBound) AND starts_with(name_key, \(prefix))
                    AND (\(birthYear)::bigint IS NULL OR birth_year = \(birthYear))
                ORDER BY name_key, id
                LIMIT \(max(0, limit))
                """
        }

        // MARK: - Reading, with an audit event for the next write

        /// Runs `query` (rows of `version, document`) and keeps the events `audit` makes of its
        /// result for the next write: the next commit's transaction, or a flush within
        /// ``readEventWindow``. The read itself takes no transaction and no lock of the audit chain.
        private func readRecords<Record: Decodable & Sendable & VersionedRecord>(
            _ recordType: Record.Type,
            _ query: PostgresQuery,
            access: Access,
            audit: @escaping @Sendable ([Record], Date) -> [AuditEvent.Draft]
        ) async throws(StoreError) -> [Record] {
            let logger = self.logger
            let records: [Record]
            do {
                records = try await withConnection { connection in
                    try await Self.records(Record.self, from: connection.query(query, logger: logger))
                }
            } catch {
                throw TransactionFailure(error).storeError
            }
            if pendingReads.append(audit(records, now())) {
                let store = self
                Task {
                    try? await Task.sleep(for: Self.readEventWindow)
                    store.pendingReads.flushed()
                    try? await store.writePendingReads()
                }
            }
            return records
        }

        /// Writes the read events waiting in memory, if any, in one transaction of their own.
        ///
        /// The store does this by itself within ``readEventWindow`` of a read, and before the trail
        /// is read; call it before the process ends to write the last reads' events at once.
        public func writePendingReads() async throws(StoreError) {
            let pending = pendingReads
            let tables = self.tables
            let logger = self.logger
            let store = self
            do {
                // In order with the commits: a commit that follows finds these events in the trail,
                // sealed or pending, ahead of its own. Sealing them needs no such order.
                let appended = try await pending.inOrder { () async throws -> AuditAppend in
                    let drafts = pending.take()
                    guard !drafts.isEmpty else { return .sealed([]) }
                    do {
                        return try await store.writers.write { alone in
                            try await store.inTransaction("writing the audit events of reads") { connection in
                                try await Self.appendAudit(
                                    drafts,
                                    alone: alone,
                                    to: tables,
                                    on: connection,
                                    logger: logger
                                )
                            }
                        }
                    } catch {
                        pending.giveBack(drafts)
                        throw error
                    }
                }
                _ = try await sealed(appended, committing: "the audit events of reads")
            } catch let error as StoreError {
                throw error
            } catch {
                throw StoreError(
                    .storageFailure,
                    "the audit events of reads could not be written",
                    underlying: "\(error)"
                )
            }
        }

        /// The records of rows of `version, document`, each with its stored version.
        ///
        /// - Throws: ``ChipChart/StoreError`` `corruptStorage` when a document does not parse, or
        ///   the error reading the rows.
        static func records<Record: Decodable & VersionedRecord>(
            _ recordType: Record.Type,
            from rows: PostgresRowSequence
        ) async throws -> [Record] {
            var records: [Record] = []
            for try await (version, document) in rows.decode((Int, String).self) {
                var record: Record
                do {
                    record = try Documents.decode(Record.self, from: document)
                } catch {
                    throw StoreError(
                        .corruptStorage,
                        "a stored record does not parse",
                        underlying: "\(type(of: error))"
                    )
                }
                record.version = version
                records.append(record)
            }
            return records
        }

        static func readDraft(
            _ at: Date,
            _ access: Access,
            _ subject: (record: UUID?, patient: PatientID)?,
            kind: AuditEvent.RecordKind,
            detail: String?
        ) -> AuditEvent.Draft {
            .read(at: at, by: access, found: subject, kind: kind, detail: detail)
        }
    }

    /// A record with an optimistic version, kept beside its document.
    protocol VersionedRecord {
        var version: Int { get set }
    }

    extension Patient: VersionedRecord {}
    extension Coverage: VersionedRecord {}
    extension Visit: VersionedRecord {}
#endif
