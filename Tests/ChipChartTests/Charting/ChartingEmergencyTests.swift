import ChipChart
import ChipChartTesting
import Foundation
import Testing

/// Break-the-glass through the charting service: what the policy refuses a clinician goes
/// through with a stated emergency, audited as an emergency access and flagged for review.
@Suite("Charting in an emergency")
struct ChartingEmergencyTests {
    let fixture: ChartFixture

    init() async throws { fixture = try await ChartFixture() }

    static let reason = "doctor in theatre, ambulance waiting"

    @Test("a nurse, refused the discharge, discharges in an emergency; the event is flagged")
    func nurseDischargesInEmergency() async throws {
        let visit = try await fixture.examined()
        let discharge = try Discharge(outcome: .improved)
        await #expect(throws: AccessDenied.self) {
            try await fixture.charting.discharge(discharge, on: visit, by: fixture.nurse, at: fixture.at(9))
        }
        #expect(try await fixture.store.eventsForReview().isEmpty)

        let closed = try await fixture.charting.inEmergency(reason: Self.reason)
            .discharge(discharge, on: visit, by: fixture.nurse, at: fixture.at(9))
        #expect(closed.status == .closed)
        #expect(closed.chart.discharge?.author == fixture.nurse)
        let flagged = try await fixture.store.eventsForReview()
        #expect(flagged.count == 1)
        #expect(flagged.first?.staff == fixture.nurse)
        #expect(flagged.first?.detail == "nurse write discharge: \(Self.reason)")
    }

    @Test("an emergency read shows a section the policy hides, flagged for review")
    func emergencyRead() async throws {
        let visit = try await fixture.examined()
        var policy = DefaultAccessPolicy()
        policy.grants[.nurse]?.read.remove(.orders)
        let charting = Charting(store: fixture.store, catalogue: fixture.charting.catalogue, policy: policy)
        let hidden = try #require(try await charting.visit(visit.id, by: fixture.nurse))
        #expect(hidden.chart.orders.isEmpty)
        #expect(try await fixture.store.eventsForReview().isEmpty)

        let shown = try #require(try await charting.inEmergency(reason: Self.reason).visit(visit.id, by: fixture.nurse))
        #expect(shown.chart.orders.map(\.content.code) == ["02.1896"])
        let flagged = try await fixture.store.eventsForReview()
        #expect(flagged.count == 1)
        #expect(flagged.first?.detail?.hasSuffix(Self.reason) == true)
    }

    @Test("a role that may not break the glass is refused even with a reason")
    func receptionistRefused() async throws {
        var receptionist = try RecordSamples.staff()
        receptionist.role = .receptionist
        let charting = try fixture.charting.inEmergency(reason: Self.reason)
        await #expect(throws: AccessDenied.self) {
            try await charting.record(try ClinicalNote(.progress, "Đỡ sốt"), on: fixture.visit, by: receptionist)
        }
        #expect(try await fixture.store.eventsForReview().isEmpty)
    }

    @Test("an emergency needs its reason stated", arguments: ["", "  \n"])
    func blankReason(_ reason: String) {
        #expect {
            _ = try fixture.charting.inEmergency(reason: reason)
        } throws: { error in
            (error as? ValidationError)?.field == "emergencyReason"
        }
    }
}
