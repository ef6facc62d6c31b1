import ChipChart
import Foundation

// One open visit per patient and slot (`Visit.openSlot`), enforced by the store.
extension RecordStoreConformance {
    static func oneOpenVisitPerSlot(_ store: any RecordStore, _ check: ConformanceCheck) async throws {
        let patient = try await register(try samplePatient(), in: store)
        let first = try await open(try outpatientVisit(for: patient, key: "slot-1"), in: store)

        var second = ChangeSet(try access("check-in"))
        second.save(try outpatientVisit(for: patient, key: "slot-2"))
        try await check.expectStoreError(.openVisitExists) { try await store.commit(second) }
        try check.expect(
            try await store.visits(ofPatient: patient.id, for: access()).map(\.key) == ["slot-1"],
            "a refused second open visit is not written"
        )

        // Another kind, another facility, another day, a cancelled visit: none takes the first's slot.
        var inpatient = try outpatientVisit(for: patient, key: "slot-3")
        inpatient.kind = .inpatient
        try await open(inpatient, in: store)
        var elsewhere = try outpatientVisit(for: patient, key: "slot-4")
        elsewhere.facility = try FacilityCode("79001")
        try await open(elsewhere, in: store)
        var nextDay = try outpatientVisit(for: patient, key: "slot-8")
        nextDay.admittedAt = nextDay.admittedAt.addingTimeInterval(86_400)
        try await open(nextDay, in: store)
        var cancelled = try outpatientVisit(for: patient, key: "slot-5")
        cancelled.status = .cancelled
        try await open(cancelled, in: store)

        // Closing the open visit and opening the next in one set judges the final state.
        var closed = first
        closed.status = .closed
        closed.dischargedAt = closed.admittedAt.addingTimeInterval(3_600)
        var next = ChangeSet(try access("check-in"))
        next.save(try outpatientVisit(for: patient, key: "slot-6"))
        next.save(closed)
        try await store.commit(next)

        // A visit moved from another patient cannot bring a second open visit with it.
        let other = try await register(try samplePatient("079201000009"), in: store)
        var moving = try await open(try outpatientVisit(for: other, key: "slot-7"), in: store)
        moving.patientID = patient.id
        var move = ChangeSet(try access("merge"))
        move.save(moving)
        try await check.expectStoreError(.openVisitExists) { try await store.commit(move) }
        let open = try await store.visits(ofPatient: patient.id, for: access()).filter { $0.status == .open }
        try check.expect(
            open.map(\.key).sorted() == ["slot-3", "slot-4", "slot-6", "slot-8"],
            "one open visit per facility and kind, got \(open.map(\.key).sorted())"
        )
    }

    static func concurrentVisitOpeningsMakeOneVisit(
        _ store: any RecordStore,
        _ check: ConformanceCheck
    )
        async throws
    {
        let patient = try await register(try samplePatient(), in: store)
        let attempts = 12
        let successes = try await concurrentCommits(attempts, to: store, rejectedWith: .openVisitExists) { attempt in
            var changes = ChangeSet(try access("check-in"))
            changes.save(try outpatientVisit(for: patient, key: "desk-\(attempt)"))
            return changes
        }
        try check.expect(
            successes == 1,
            "exactly one of \(attempts) concurrent openings of a visit for one patient succeeds, got \(successes)"
        )
        let visits = try await store.visits(ofPatient: patient.id, for: access())
        try check.expect(visits.count == 1, "one visit is stored, got \(visits.count)")
    }

    private static func outpatientVisit(for patient: Patient, key: String) throws -> Visit {
        var visit = try sampleVisit(for: patient, coverage: nil, key: key)
        visit.kind = .outpatient
        visit.dischargedAt = nil
        visit.status = .open
        return visit
    }

    @discardableResult
    private static func open(_ visit: Visit, in store: any RecordStore) async throws -> Visit {
        var changes = ChangeSet(try access("check-in"))
        changes.save(visit)
        let receipt = try await store.commit(changes)
        return receipt.visits.first { $0.id == visit.id } ?? visit
    }
}
