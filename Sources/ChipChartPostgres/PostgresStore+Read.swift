#if PostgreSQL
    public import ChipChart
    import Foundation
    import Logging
    import PostgresNIO

    extension PostgresStore {
        /// The patient with this id, audited as a read (or a missed lookup).
        public func patient(_ id: PatientID, for access: Access) async throws -> Patient? {
            try await record(.patient, id.uuid, in: tables.patients, access) { $0.id }
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
            try await records(.coverage, ofPatient: id, in: tables.coverages, orderedBy: "stored_order", access)
        }

        /// The visit with this id, audited.
        public func visit(_ id: VisitID, for access: Access) async throws -> Visit? {
            try await record(.visit, id.uuid, in: tables.visits, access) { $0.patientID }
        }

        /// A patient's visits by admission time, audited.
        public func visits(ofPatient id: PatientID, for access: Access) async throws -> [Visit] {
            try await records(.visit, ofPatient: id, in: tables.visits, orderedBy: "admitted_at, stored_order", access)
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

        /// The record of `table` whose id is `uuid`, audited as a read of `kind` naming it and its
        /// patient, or as a missed lookup when there is none.
        private func record<Record: Decodable & Sendable & VersionedRecord>(
            _ kind: AuditEvent.RecordKind,
            _ uuid: UUID,
            in table: String,
            _ access: Access,
            patient: @escaping @Sendable (Record) -> PatientID
        ) async throws(StoreError) -> Record? {
            let query: PostgresQuery = "SELECT version, document::text FROM \(unescaped: table) WHERE id = \(uuid)"
            return try await readRecords(Record.self, query, access: access) { found, at in
                [Self.readDraft(at, access, found.first.map { (uuid, patient($0)) }, kind: kind, detail: nil)]
            }.first
        }

        /// A patient's records of `kind` from `table` in `order`, audited as one read with how many
        /// were found.
        private func records<Record: Decodable & Sendable & VersionedRecord>(
            _ kind: AuditEvent.RecordKind,
            ofPatient id: PatientID,
            in table: String,
            orderedBy order: String,
            _ access: Access
        ) async throws(StoreError) -> [Record] {
            let query: PostgresQuery = """
                SELECT version, document::text FROM \(unescaped: table)
                WHERE patient_id = \(id.uuid) ORDER BY \(unescaped: order)
                """
            return try await readRecords(Record.self, query, access: access) { found, at in
                [Self.readDraft(at, access, (nil, id), kind: kind, detail: "\(found.count) \(kind.rawValue)s")]
            }
        }

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
            let store = self
            do {
                // In order with the commits: a commit that follows finds these events in the trail
                // ahead of its own.
                try await pending.inOrder { () async throws -> Void in
                    let drafts = pending.take()
                    guard !drafts.isEmpty else { return }
                    do {
                        _ = try await store.appendingAudit(drafts, "writing the audit events of reads")
                    } catch {
                        pending.giveBack(drafts)
                        throw error
                    }
                }
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
