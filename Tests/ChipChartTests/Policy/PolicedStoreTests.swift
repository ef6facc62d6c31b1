import ChipChart
import ChipChartTesting
import Foundation
import Testing

/// The policy enforced on reads and writes, whatever the backend, with every refusal audited.
@Suite("A store behind the access policy")
struct PolicedStoreTests {
    let fixture: ChartFixture
    let policed: PolicedStore

    init() async throws {
        fixture = try await ChartFixture()
        policed = PolicedStore(wrapping: fixture.store)
    }

    func staff(_ role: Staff.Role) throws -> Staff {
        var staff = try RecordSamples.staff()
        staff.role = role
        return staff
    }

    func denials() async -> [AuditEvent] {
        await fixture.store.auditEvents(after: 0, limit: 1000).filter { $0.action == .accessDenied }
    }

    /// The fixture's visit with a result recorded by the doctor.
    func visitWithResult() async throws -> Visit {
        let result = try ParaclinicalResult(
            serviceCode: "22.0121.1370",
            name: "Bạch cầu (WBC)",
            value: "15.2",
            unit: "G/L",
            referenceRange: "4.0–10.0",
            performer: fixture.nurse,
            performedAt: fixture.at(8, 10),
            reportedAt: fixture.at(8, 30)
        )
        return try await fixture.charting.record(result, on: try await fixture.examined(), by: fixture.doctor)
    }

    @Test("a nurse cannot write a discharge: refused by name, audited, nothing written")
    func nurseCannotDischarge() async throws {
        let visit = try await fixture.examined()
        let error = await #expect(throws: AccessDenied.self) {
            _ = try await fixture.charting.discharge(try Discharge(outcome: .improved), on: visit, by: fixture.nurse)
        }
        #expect(error?.role == .nurse)
        #expect(error?.action == .write)
        #expect(error?.resource == .discharge)
        let denied = await denials()
        #expect(denied.count == 1)
        #expect(denied.first?.staff == fixture.nurse)
        #expect(denied.first?.recordID == visit.id.uuid)
        #expect(denied.first?.detail == "nurse write discharge: a nurse may not write discharge")
        let stored = await fixture.store.visit(visit.id, for: Access(by: fixture.doctor, purpose: "test"))
        #expect(stored == visit)
        #expect(try await fixture.store.verifyAuditTrail().firstBrokenLink == nil)
    }

    @Test("a receptionist reads a visit without its results and notes, audited; writing it back keeps them")
    func receptionistCannotReadResults() async throws {
        let visit = try await visitWithResult()
        let receptionist = try RecordSamples.staff()
        let access = Access(by: receptionist, purpose: "check-in")
        let seen = try #require(try await policed.visit(visit.id, for: access))
        #expect(seen.chart.results.isEmpty)
        #expect(seen.chart.diagnoses.isEmpty)
        #expect(seen.chart.orders.isEmpty)
        let denied = await denials()
        #expect(
            Set(denied.compactMap(\.detail)).contains("receptionist read results: a receptionist may not read results")
        )
        #expect(denied.allSatisfy { $0.staff == receptionist && $0.recordID == visit.id.uuid })

        var changed = seen
        changed.reason = "Sốt cao, ho, đau họng"
        var changes = ChangeSet(access)
        changes.save(changed)
        let receipt = try await policed.commit(changes)
        #expect(receipt.visits[0].chart.results.isEmpty, "the receipt shows what the writer may read")
        let stored = try #require(await fixture.store.visit(visit.id, for: Access(by: fixture.doctor, purpose: "test")))
        #expect(stored.reason == "Sốt cao, ho, đau họng")
        #expect(stored.chart.results == visit.chart.results)
        #expect(stored.chart.diagnoses == visit.chart.diagnoses)
    }

    @Test("a claims officer reads what claims need and writes nothing clinical")
    func claimsOfficer() async throws {
        let visit = try await visitWithResult()
        let officer = try staff(.claimsOfficer)
        let access = Access(by: officer, purpose: "claims export")
        let seen = try await policed.visit(visit.id, for: access)
        #expect(seen == visit)
        _ = try await policed.coverages(ofPatient: visit.patientID, for: access)
        try await policed.require(.read, .claims, for: access)
        #expect(await denials().isEmpty)
        await #expect(throws: AccessDenied.self) {
            _ = try await fixture.charting.record(try ClinicalNote(.progress, "Đỡ sốt"), on: visit, by: officer)
        }
        await #expect(throws: AccessDenied.self) {
            var changes = ChangeSet(access)
            var closed = visit
            closed.reason = "changed"
            changes.save(closed)
            try await policed.commit(changes)
        }
        #expect(await denials().count == 2)
    }

    @Test("break-the-glass: a nurse stating an emergency discharges, the event flagged for review")
    func breakTheGlass() async throws {
        let visit = try await fixture.examined()
        var discharged = visit
        discharged.chart.discharge = ChartEntry(try Discharge(outcome: .improved), by: fixture.nurse, at: fixture.at(9))
        let emergency = Access(
            by: fixture.nurse,
            purpose: "transfer",
            emergencyReason: "doctor in theatre, ambulance waiting"
        )
        var changes = ChangeSet(emergency)
        changes.save(discharged)
        let receipt = try await policed.commit(changes)
        #expect(receipt.auditEvents.map(\.action) == [.update, .emergencyAccess])
        let flagged = try await fixture.store.eventsForReview()
        #expect(flagged.count == 1)
        #expect(flagged.first?.staff == fixture.nurse)
        #expect(flagged.first?.detail == "nurse write discharge: doctor in theatre, ambulance waiting")
        #expect(await denials().isEmpty)

        var again = ChangeSet(Access(by: fixture.nurse, purpose: "transfer"))
        var redischarged = receipt.visits[0]
        redischarged.chart.discharge?.at = fixture.at(10)
        again.save(redischarged)
        await #expect(throws: AccessDenied.self) { try await policed.commit(again) }
    }

    @Test("a visit handed on without the sections its reader could not see keeps them when written")
    func redactedVisitHandedOn() async throws {
        let visit = try await visitWithResult()
        let seen = try #require(
            try await policed.visit(visit.id, for: Access(by: try RecordSamples.staff(), purpose: "desk"))
        )
        let later = try await fixture.charting.record(
            try ClinicalNote(.progress, "Đỡ sốt"),
            on: seen,
            by: fixture.doctor
        )
        #expect(later.chart.results == visit.chart.results)
        #expect(later.chart.orders == visit.chart.orders)
        #expect(later.chart.diagnoses == visit.chart.diagnoses)
        #expect(later.chart.notes.count == visit.chart.notes.count + 1)
    }

    @Test("a role the policy does not know reads nothing")
    func unknownRole() async throws {
        let access = Access(by: try staff(Staff.Role("pharmacist")), purpose: "dispensing")
        await #expect(throws: AccessDenied.self) {
            _ = try await policed.visits(ofPatient: fixture.visit.patientID, for: access)
        }
        #expect(await denials().first?.detail == "pharmacist read visit: the role pharmacist has no access")
    }
}

@Suite("A store behind the access policy keeps the RecordStore contract")
struct PolicedStoreConformanceTests {
    @Test(arguments: RecordStoreConformance.cases)
    func conformance(_ check: RecordStoreConformance.Case) async throws {
        try await check.run { PolicedStore(wrapping: InMemoryStore()) }
    }
}
