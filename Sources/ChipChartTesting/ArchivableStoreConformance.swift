public import ChipChart
import Foundation

/// The whole-store contract (``ChipChart/ArchivableStore``) as runnable cases: listings, the
/// export event and an all-or-nothing restore.
///
/// Each case gets a factory of fresh, empty stores (a restore case needs a source and a target):
///
/// <!-- snippet: mode=declarations -->
/// ```swift
/// @Test(arguments: ArchivableStoreConformance.cases)
/// func archivable(_ check: ArchivableStoreConformance.Case) async throws {
///     try await check.run { InMemoryStore() }
/// }
/// ```
public enum ArchivableStoreConformance {
    /// Makes a fresh, empty store.
    public typealias StoreFactory = @Sendable () async throws -> any ArchivableStore

    /// One contract case, run with a factory of fresh stores.
    public typealias Case = ConformanceCase<StoreFactory>

    /// Every case of the contract.
    public static let cases: [Case] = [
        Case(name: "listingsPageThroughEverything", body: listingsPageThroughEverything),
        Case(name: "visitsAdmittedInRange", body: visitsAdmittedInRange),
        Case(name: "exportIsOneAuditEvent", body: exportIsOneAuditEvent),
        Case(name: "snapshotHoldsStillWhileDesksCommit", body: snapshotHoldsStillWhileDesksCommit),
        Case(name: "restoreReproducesStore", body: restoreReproducesStore),
        Case(name: "restoreRefusesNonEmptyStore", body: restoreRefusesNonEmptyStore),
        Case(name: "restoreRollsBackOnFailure", body: restoreRollsBackOnFailure),
        Case(name: "restoreRefusesBrokenAuditChain", body: restoreRefusesBrokenAuditChain),
    ]

    // MARK: - Cases

    static func listingsPageThroughEverything(_ makeStore: StoreFactory, _ check: ConformanceCheck) async throws {
        let store = try await makeStore()
        let population = try await populate(store, patients: 7)
        let before = try await auditCount(store)
        let listed = try await records(of: store, pageSize: 3)
        try check.expect(try await auditCount(store) == before, "listing a store writes no audit event")
        let patients = listed.compactMap { if case .patient(let p) = $0 { p.id.uuid } else { nil } }
        let visits = listed.compactMap { if case .visit(let v) = $0 { v.id.uuid } else { nil } }
        let coverages = listed.compactMap { if case .coverage(let c) = $0 { c.id } else { nil } }
        try check.expect(patients == population.patients.sorted(by: idOrder), "patients page by id")
        try check.expect(visits == population.visits.sorted(by: idOrder), "visits page by id")
        try check.expect(Set(coverages) == Set(population.coverages), "every coverage is listed once")
        try check.expect(coverages.count == population.coverages.count, "no coverage is listed twice")
        for case .coverage(let coverage) in listed {
            try check.expect(coverage.version == 1, "listed records carry their stored version")
        }
    }

    static func visitsAdmittedInRange(_ makeStore: StoreFactory, _ check: ConformanceCheck) async throws {
        let store = try await makeStore()
        let population = try await populate(store, patients: 5)
        let start = baseInstant.addingTimeInterval(86_400)
        let end = baseInstant.addingTimeInterval(3 * 86_400)
        var found: [UUID] = []
        var last: VisitID?
        while true {
            let page = try await store.visits(admittedFrom: start, until: end, after: last, limit: 1)
            found += page.map(\.id.uuid)
            guard let tail = page.last else { break }
            last = tail.id
        }
        let expected = Array(population.visits[1..<3]).sorted(by: idOrder)
        try check.expect(found == expected, "the visits admitted on days 1 and 2 are listed, by id")
    }

    static func exportIsOneAuditEvent(_ makeStore: StoreFactory, _ check: ConformanceCheck) async throws {
        let store = try await makeStore()
        try await populate(store, patients: 2)
        let before = try await auditCount(store)
        try await store.recordExport(by: RecordStoreConformance.access("archive export"), detail: "2 patients")
        let events = try await store.auditEvents(after: Int64(before), limit: 10)
        try check.expect(events.count == 1, "an export is one audit event, got \(events.count)")
        try check.expect(events.first?.action == .export, "the event's action is export")
        try check.expect(events.first?.purpose == "archive export", "the event keeps the purpose")
        try check.expect(try await store.verifyAuditTrail().isIntact, "the chain stays intact")
    }

    static func restoreReproducesStore(_ makeStore: StoreFactory, _ check: ConformanceCheck) async throws {
        let source = try await makeStore()
        try await populate(source, patients: 6)
        let listed = try await records(of: source, pageSize: 4)
        let target = try await makeStore()
        var iterator = listed.makeIterator()
        let counts = try await target.restore { iterator.next() }
        try check.expect(counts.total == listed.count, "every record is restored")
        let copied = try await records(of: target, pageSize: 5)
        try check.expect(copied == listed, "the restored store lists the same records, field for field")
        let original = try await source.verifyAuditTrail()
        let restored = try await target.verifyAuditTrail()
        try check.expect(restored.isIntact && restored == original, "the restored audit chain is the original's")
        let first = try check.unwrap(listed.first, "the source is not empty")
        guard case .patient(let patient) = first else { throw check.failure("the first record is a patient") }
        let key = try check.unwrap(patient.identifiers.first?.key, "the patient has an identifier")
        let found = try await target.patient(identifiedBy: key, for: RecordStoreConformance.access())
        try check.expect(found == patient, "the restored store finds a patient by identifier")
        let coverages = try await target.coverages(ofPatient: patient.id, for: RecordStoreConformance.access())
        let expected = try await source.coverages(ofPatient: patient.id, for: RecordStoreConformance.access())
        try check.expect(coverages == expected, "a patient's coverages keep their order")
    }

    static func restoreRefusesNonEmptyStore(_ makeStore: StoreFactory, _ check: ConformanceCheck) async throws {
        let source = try await makeStore()
        try await populate(source, patients: 2)
        let listed = try await records(of: source, pageSize: 10)
        let target = try await makeStore()
        try await RecordStoreConformance.register(try RecordStoreConformance.samplePatient("079188000001"), in: target)
        let before = try await records(of: target, pageSize: 10)
        var iterator = listed.makeIterator()
        try await check.expectStoreError(.notEmpty) { try await target.restore { iterator.next() } }
        try check.expect(try await records(of: target, pageSize: 10) == before, "the target is untouched")
    }

    static func restoreRollsBackOnFailure(_ makeStore: StoreFactory, _ check: ConformanceCheck) async throws {
        struct Cut: Error {}
        let source = try await makeStore()
        try await populate(source, patients: 4)
        let listed = try await records(of: source, pageSize: 10)
        let target = try await makeStore()
        var iterator = listed.prefix(listed.count - 2).makeIterator()
        do {
            try await target.restore {
                guard let next = iterator.next() else { throw Cut() }
                return next
            }
            throw check.failure("a source that fails mid-way fails the restore")
        } catch is Cut {}
        try check.expect(try await records(of: target, pageSize: 10).isEmpty, "nothing of a failed restore stays")
        var again = listed.makeIterator()
        try await target.restore { again.next() }
        try check.expect(try await records(of: target, pageSize: 10) == listed, "the target can be restored after")
    }

    static func restoreRefusesBrokenAuditChain(_ makeStore: StoreFactory, _ check: ConformanceCheck) async throws {
        let source = try await makeStore()
        try await populate(source, patients: 2)
        var listed = try await records(of: source, pageSize: 10)
        let index = try check.unwrap(
            listed.lastIndex { if case .auditEvent = $0 { true } else { false } },
            "the source has audit events"
        )
        listed.remove(at: index - 1)
        let target = try await makeStore()
        var iterator = listed.makeIterator()
        try await check.expectStoreError(.invalidChangeSet) { try await target.restore { iterator.next() } }
        try check.expect(try await records(of: target, pageSize: 10).isEmpty, "nothing of a refused restore stays")
    }
}

extension ConformanceCase where Subject == ArchivableStoreConformance.StoreFactory {
    /// Runs the case with stores from `makeStore`.
    ///
    /// - Throws: ``ConformanceFailure`` when the store breaks the contract.
    public func run(_ makeStore: @escaping ArchivableStoreConformance.StoreFactory) async throws {
        try await body(makeStore, ConformanceCheck(caseName: name))
    }
}
