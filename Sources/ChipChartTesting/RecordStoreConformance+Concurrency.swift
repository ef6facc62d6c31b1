import ChipChart
import Foundation

// Many tasks writing at once lose nothing and register nobody twice.
extension RecordStoreConformance {
    static func concurrentWritersLoseNoUpdate(_ store: any RecordStore, _ check: ConformanceCheck) async throws {
        let patient = try samplePatient()
        var visit = try sampleVisit(for: patient, coverage: nil)
        visit.lineItems = []
        visit.status = .open
        try await commit([patient], [], [visit], to: store)
        let visitID = visit.id
        let writers = 16
        let conflicts = try await withThrowingTaskGroup(of: Int.self) { group in
            for writer in 0..<writers {
                group.addTask {
                    var conflicts = 0
                    while true {
                        guard var current = try await store.visit(visitID, for: access("order")) else {
                            return conflicts
                        }
                        current.lineItems.append(
                            try LineItem(
                                kind: .service,
                                code: "SV\(writer)",
                                name: "service \(writer)",
                                quantity: 1,
                                unitPrice: Money(dong: 1000),
                                insurancePrice: Money(dong: 1000)
                            )
                        )
                        var write = ChangeSet(try access("order"))
                        write.save(current)
                        do {
                            try await store.commit(write)
                            return conflicts
                        } catch let error as StoreError where error.code == .versionConflict {
                            conflicts += 1
                        }
                    }
                }
            }
            return try await group.reduce(0, +)
        }
        let final = try check.unwrap(try await store.visit(visit.id, for: access()), "the visit reads back")
        try check.expect(
            final.lineItems.count == writers,
            "every writer's line is kept: \(final.lineItems.count) of \(writers)"
        )
        try check.expect(Set(final.lineItems.map(\.code)).count == writers, "no line is lost or doubled")
        try check.expect(final.version == writers + 1, "each successful write bumps the version once")
        _ = conflicts
        let verification = try await store.verifyAuditTrail()
        try check.expect(verification.isIntact, "the chain survives concurrent writers: \(verification)")
    }

    static func concurrentRegistrationsMakeOnePatient(_ store: any RecordStore, _ check: ConformanceCheck) async throws
    {
        let attempts = 12
        let successes = try await concurrentCommits(attempts, to: store, rejectedWith: .duplicateIdentifier) { _ in
            var changes = ChangeSet(try access("check-in"))
            changes.save(try samplePatient())
            return changes
        }
        try check.expect(
            successes == 1,
            "exactly one of \(attempts) concurrent registrations of one ID succeeds, got \(successes)"
        )
        let found = try await store.patient(identifiedBy: .personalID(try PersonalID("001099012345")), for: access())
        try check.expect(found != nil, "the registered patient is found")
    }

    /// Commits `attempts` change sets at once, each made by `changes` from its number, and counts
    /// the commits that succeed. A commit the store rejects with `rejection` does not count; any
    /// other error fails the case.
    static func concurrentCommits(
        _ attempts: Int,
        to store: any RecordStore,
        rejectedWith rejection: StoreError.Code,
        _ changes: @escaping @Sendable (Int) throws -> ChangeSet
    ) async throws -> Int {
        try await withThrowingTaskGroup(of: Int.self) { group in
            for attempt in 0..<attempts {
                group.addTask {
                    do {
                        try await store.commit(try changes(attempt))
                        return 1
                    } catch let error as StoreError where error.code == rejection {
                        return 0
                    }
                }
            }
            return try await group.reduce(0, +)
        }
    }
}
