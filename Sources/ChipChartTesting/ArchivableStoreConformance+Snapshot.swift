import ChipChart
import Foundation

// The snapshot an export lists from: still while desks commit.
extension ArchivableStoreConformance {
    /// A paged listing inside ``ChipChart/ArchivableStore/withSnapshot(_:)``, with a desk
    /// committing a new patient (with a coverage and a visit) and correcting a listed one after
    /// every page, lists exactly the store as it was when the snapshot began: self-consistent,
    /// every coverage and visit with its patient, the audit trail whole. The commits land.
    static func snapshotHoldsStillWhileDesksCommit(_ makeStore: StoreFactory, _ check: ConformanceCheck) async throws {
        let store = try await makeStore()
        let population = try await populate(store, patients: 4)
        let before = try await records(of: store, pageSize: 100)
        var desk = 0
        let listed = try await store.withSnapshot { listing in
            try await records(of: listing, pageSize: 2) {
                // Bounded, so that a listing that sees the commits still ends.
                guard desk < 12 else { return }
                desk += 1
                try await commitWhileListing(store, desk: desk, correcting: population.patients[desk % 4])
            }
        }
        try check.expect(desk > 4, "the desk committed between the pages (\(desk) times)")
        try check.expect(listed == before, "the snapshot lists the store as it was when it began, nothing later")
        let after = try await records(of: store, pageSize: 100)
        let patients = after.filter { if case .patient = $0 { true } else { false } }
        try check.expect(patients.count == 4 + desk, "the desk's commits were written meanwhile")
        try check.expect(try await store.verifyAuditTrail().isIntact, "the chain stays intact")
    }

    /// One desk's commit: a new patient with a coverage and a visit, and a correction of `id`.
    private static func commitWhileListing(_ store: any ArchivableStore, desk: Int, correcting id: UUID) async throws {
        let patient = try RecordStoreConformance.samplePatient("0010991" + String(10_000 + desk).suffix(5))
        let coverage = try RecordStoreConformance.sampleCoverage(for: patient)
        let visit = try RecordStoreConformance.sampleVisit(for: patient, coverage: coverage, key: "01001-DESK-\(desk)")
        let access = try RecordStoreConformance.access("check-in")
        var changes = ChangeSet(access)
        changes.save(patient)
        changes.save(coverage)
        changes.save(visit)
        if var listed = try await store.patient(PatientID(id), for: access) {
            listed.demographics.phone = "09876543" + String(10 + desk % 90)
            changes.save(listed)
        }
        try await store.commit(changes)
    }
}
