public import Foundation

extension InMemoryStore: ArchivableStore {
    /// Patients after an id, in id order; not audited.
    public func allPatients(after id: PatientID?, limit: Int) -> [Patient] {
        listing.allPatients(after: id, limit: limit)
    }

    /// Coverages by patient id, then in the order first stored; not audited.
    public func allCoverages(after id: CoverageID?, limit: Int) -> [Coverage] {
        listing.allCoverages(after: id, limit: limit)
    }

    /// Visits after an id, in id order; not audited.
    public func allVisits(after id: VisitID?, limit: Int) -> [Visit] {
        listing.allVisits(after: id, limit: limit)
    }

    /// Lends a copy of the records and the trail as they are now: commits made while `body`
    /// runs change the store, not the copy (the dictionaries are copied on write).
    public nonisolated func withSnapshot<Result>(
        _ body: (any ArchiveListing) async throws -> Result
    ) async throws -> Result {
        try await body(await listing)
    }

    /// The records and trail as they are now, to list.
    private var listing: InMemoryListing {
        InMemoryListing(
            patients: patients,
            coverages: coverages,
            visits: visits,
            coveragesByPatient: coveragesByPatient,
            trail: trail
        )
    }

    /// Visits admitted in `[start, end)` after an id, in id order; not audited.
    public func visits(admittedFrom start: Date, until end: Date, after id: VisitID?, limit: Int) -> [Visit] {
        let inRange = visits.values.filter { $0.admittedAt >= start && $0.admittedAt < end }
        return InMemoryListing.page(inRange.map { ($0.id.uuid, $0) }, after: id?.uuid, limit: limit)
    }

    /// Appends one `export` audit event.
    public func recordExport(by access: Access, detail: String?) {
        _ = append([.export(at: now(), by: access, detail: detail)])
    }

    /// Reads and checks every record from `next`, then installs them at once: an error anywhere
    /// leaves the store as it was.
    @discardableResult
    public nonisolated func restore(from next: () throws -> ArchiveRecord?) async throws -> ArchiveRecord.Counts {
        var check = RestoreCheck()
        var records: [ArchiveRecord] = []
        while let record = try next() {
            try check.consume(record)
            records.append(record)
        }
        try await install(records)
        return check.counts
    }

    private func install(_ records: [ArchiveRecord]) throws(StoreError) {
        guard patients.isEmpty, coverages.isEmpty, visits.isEmpty, trail.isEmpty else {
            throw StoreError(.notEmpty, "a store can only be restored when it is empty")
        }
        try Self.checkReferences(records)
        for record in records {
            switch record {
            case .patient(let patient):
                patients[patient.id] = patient
                for identifier in patient.identifiers {
                    if identifier.status == .active { activeHolders[identifier.key] = patient.id }
                    anyHolders[identifier.key, default: []].append(patient.id)
                }
            case .coverage(let coverage):
                coverages[coverage.id] = coverage
                coveragesByPatient[coverage.patientID, default: []].append(coverage.id)
            case .visit(let visit):
                visits[visit.id] = visit
                visitsByPatient[visit.patientID, default: []].append(visit.id)
            case .auditEvent(let event):
                trail.append(event)
            }
        }
    }

    /// Every reference resolves and no active identifier is held twice, checked before anything
    /// is installed.
    private static func checkReferences(_ records: [ArchiveRecord]) throws(StoreError) {
        var patientIDs: Set<PatientID> = []
        var coverageIDs: Set<CoverageID> = []
        let patients = records.compactMap { record -> Patient? in
            if case .patient(let patient) = record { patient } else { nil }
        }
        for patient in patients {
            guard patientIDs.insert(patient.id).inserted else {
                throw StoreError(.invalidChangeSet, "a patient to restore appears twice", recordKind: .patient)
            }
        }
        try patients.checkNoIdentifierActiveTwice(
            .duplicateIdentifier,
            "two patients to restore hold the same active identifier"
        )
        for case .coverage(let coverage) in records { coverageIDs.insert(coverage.id) }
        for record in records {
            let resolved: Bool
            switch record {
            case .patient(let patient): resolved = patient.mergedInto.map(patientIDs.contains) ?? true
            case .coverage(let coverage):
                resolved =
                    patientIDs.contains(coverage.patientID)
                    && [coverage.replaces, coverage.replacedBy].compactMap { $0 }.allSatisfy(coverageIDs.contains)
            case .visit(let visit):
                resolved =
                    patientIDs.contains(visit.patientID)
                    && visit.appliedCoverages.allSatisfy { coverageIDs.contains($0.coverageID) }
            case .auditEvent: resolved = true
            }
            guard resolved else {
                throw StoreError(.missingRecord, "a record to restore refers to a record that is not restored")
            }
        }
    }
}
