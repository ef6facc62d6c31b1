import ChipChart
import ChipChartTesting
import Foundation
import Testing

@Suite("Reception: what the insurer says about the card")
struct ReceptionCoverageTests {
    static let number = "0123456789"

    /// A card of the simulated insurer, valid from `start` to the end of 2026.
    static func card(
        _ code: String,
        from start: CalendarDate,
        facility: FacilityCode
    ) throws
        -> SimulatedInsurancePortal.Card
    {
        SimulatedInsurancePortal.Card(
            code: try InsuranceCardCode(code),
            validity: try DatePeriod(start: start, end: try CalendarDate(year: 2026, month: 12, day: 31)),
            registeredFacility: facility
        )
    }

    /// A first-time patient, enrolled with the insurer, checked in while the insurer is down; the
    /// insurer is back afterwards.
    func firstCheckInWhileTheInsurerIsDown() async throws -> (ReceptionFixture, CheckInReceipt) {
        let desk = try ReceptionFixture()
        let reading = try ReceptionFixture.reading()
        try desk.enrol(reading)
        desk.portal.apply(.goOffline)
        let offline = try await desk.reception.checkIn(reading, for: VisitRequest(), by: desk.staff)
        desk.portal.apply(.comeOnline)
        return (desk, offline)
    }

    @Test func aFirstTimePatientCheckedInWhileTheInsurerIsDownIsVerifiedLater() async throws {
        let (desk, offline) = try await firstCheckInWhileTheInsurerIsDown()
        #expect(offline.match == .registered)
        #expect(offline.coverage == nil && offline.visit.appliedCoverages.isEmpty)
        #expect(offline.visit.needsCoverageReverification, "the visit waits for the insurer")

        var queue = ReverificationQueue()
        try await queue.catchUp(with: desk.store, for: desk.access)
        #expect(queue.count == 1, "the pending visit is found from the store alone")
        let reverifier = CoverageReverifier(store: desk.store, verifier: desk.reception.verifier, staff: desk.staff)
        let results = await reverifier.run(&queue, at: desk.clock.now)
        #expect(results == [.resolved(offline.visit.id, .confirmed)])
        #expect(queue.isEmpty)

        let visit = try #require(try await desk.store.visit(offline.visit.id, for: desk.access))
        #expect(visit.appliedCoverages.map(\.cardCode.value) == ["DN4010123456789"])
        #expect(visit.appliedCoverages.allSatisfy { !$0.unverified })
        #expect(!visit.needsCoverageReverification)
        #expect(visit.version == offline.visit.version + 1, "linked as a new version of the visit")
        let coverages = try await desk.store.coverages(ofPatient: offline.patient.id, for: desk.access)
        #expect(coverages.count == 1)
    }

    @Test func aFirstTimePatientReverifiedHoldsTheInsuranceNumberAtOnce() async throws {
        let (desk, offline) = try await firstCheckInWhileTheInsurerIsDown()
        #expect(offline.patient.activeIdentifiers(of: .socialInsuranceNumber).isEmpty)

        var queue = ReverificationQueue()
        queue.enqueue(offline.visit, at: desk.clock.now)
        let reverifier = CoverageReverifier(store: desk.store, verifier: desk.reception.verifier, staff: desk.staff)
        let results = await reverifier.run(&queue, at: desk.clock.now)
        #expect(results == [.resolved(offline.visit.id, .confirmed)])

        let patient = try #require(try await desk.store.patient(offline.patient.id, for: desk.access))
        #expect(patient.activeIdentifiers(of: .socialInsuranceNumber).map(\.value) == [Self.number])
        #expect(patient.version == offline.patient.version + 1, "recorded as a new version of the patient")
        let found = try await desk.store.patient(
            identifiedBy: .socialInsuranceNumber(try SocialInsuranceNumber(Self.number)),
            for: desk.access
        )
        #expect(found?.id == offline.patient.id, "the number finds the patient before the next check-in")
        let events = try await desk.store.auditEvents(after: 0, limit: 1_000)
        #expect(
            events.contains {
                $0.patientID == offline.patient.id && $0.recordKind == .patient && $0.action == .update
                    && $0.purpose == "insurance re-verification"
            },
            "the change is audited"
        )
    }

    @Test func aNewCardStartingLaterLeavesTheOldCardApplyingAndSaysSo() async throws {
        let desk = try ReceptionFixture()
        let reading = try ReceptionFixture.reading()
        try desk.enrol(reading)
        _ = try await desk.reception.checkIn(reading, for: VisitRequest(), by: desk.staff)

        let later = try CalendarDate(year: 2026, month: 4, day: 1)
        desk.portal.apply(
            .replaceCard(
                try SocialInsuranceNumber(Self.number),
                with: try Self.card("HT3010123456789", from: later, facility: desk.facility),
                reason: .groupChange,
                oldStaysValid: true
            )
        )
        desk.clock.advance(by: 86_400)
        let receipt = try await desk.reception.checkIn(
            reading,
            for: VisitRequest(insuranceCard: try InsuranceCardCode("DN4010123456789")),
            by: desk.staff
        )
        #expect(receipt.coverageOutcome == .replaced(oldStillValid: true))
        #expect(receipt.coverage?.cardCode.value == "DN4010123456789", "the old card applies until the new one starts")
        let summary = try #require(receipt.coverageOutcome?.summary)
        #expect(!summary.contains("The new card applies"), "\(summary)")
    }

    @Test func aReplacementIsSurfacedWhenTheDeskAsksByPersonalID() async throws {
        let desk = try ReceptionFixture()
        let reading = try ReceptionFixture.reading()
        try desk.enrol(reading)
        let first = try await desk.reception.checkIn(reading, for: VisitRequest(), by: desk.staff)
        #expect(first.coverage?.cardCode.value == "DN4010123456789")

        desk.portal.apply(
            .replaceCard(
                try SocialInsuranceNumber(Self.number),
                with: try Self.card(
                    "HT3010123456789",
                    from: try CalendarDate(year: 2026, month: 3, day: 3),
                    facility: desk.facility
                ),
                reason: .groupChange,
                oldStaysValid: false
            )
        )
        desk.clock.advance(by: 86_400)
        let receipt = try await desk.reception.checkIn(reading, for: VisitRequest(), by: desk.staff)
        #expect(receipt.coverage?.cardCode.value == "HT3010123456789")
        #expect(
            receipt.warnings.contains { $0.code == CheckInWarning.Code("insuranceCardReplaced") },
            "\(receipt.warnings)"
        )
        let coverages = try await desk.store.coverages(ofPatient: first.patient.id, for: desk.access)
        #expect(coverages.count == 2 && coverages.contains { $0.replacedBy != nil })
    }

    @Test func anOpenStayIsRecheckedAndCarriesBothCardsOfAReplacement() async throws {
        let desk = try ReceptionFixture()
        let reading = try ReceptionFixture.reading()
        try desk.enrol(reading)
        let admission = try await desk.reception.checkIn(reading, for: VisitRequest(kind: .inpatient), by: desk.staff)
        #expect(admission.coverage?.cardCode.value == "DN4010123456789")

        let newStart = try CalendarDate(year: 2026, month: 3, day: 4)
        desk.portal.apply(
            .replaceCard(
                try SocialInsuranceNumber(Self.number),
                with: try Self.card("HT3010123456789", from: newStart, facility: desk.facility),
                reason: .groupChange,
                oldStaysValid: true
            )
        )
        desk.clock.advance(by: 3 * 86_400)
        let recheck = try await desk.reception.recheckCoverage(of: admission.visit.id, by: desk.staff)
        #expect(recheck.check.outcome == .replaced(oldStillValid: true))
        #expect(recheck.changed)
        #expect(recheck.visit.appliedCoverages.map(\.cardCode.value) == ["DN4010123456789", "HT3010123456789"])
        #expect(recheck.visit.appliedCoverages[0].until == newStart.startInstant)
        #expect(recheck.visit.appliedCoverages[1].from == newStart.startInstant)
        #expect(recheck.visit.version == admission.visit.version + 1)
        let stored = try #require(try await desk.store.visit(admission.visit.id, for: desk.access))
        #expect(stored == recheck.visit)

        // Asked again, by the card the stay now carries: the new card, confirmed; the periods stay.
        let again = try await desk.reception.recheckCoverage(of: admission.visit.id, by: desk.staff)
        #expect(again.check.outcome == .confirmed)
        #expect(again.visit.appliedCoverages.map(\.coverageID) == recheck.visit.appliedCoverages.map(\.coverageID))
    }

    @Test func recheckingAVisitThatIsNotOpenThrows() async throws {
        let desk = try ReceptionFixture()
        await #expect(throws: StoreError.self) {
            try await desk.reception.recheckCoverage(of: VisitID(), by: desk.staff)
        }
    }
}
