import ChipChart
import ChipChartTesting
import Foundation
import Testing

@Suite("Reception: check-in by ID card")
struct ReceptionTests {
    @Test func aNewInsuredPatientIsRegisteredAndTheVisitOpened() async throws {
        let desk = try ReceptionFixture()
        let reading = try ReceptionFixture.reading()
        try desk.enrol(reading)
        let receipt = try await desk.reception.checkIn(reading, for: VisitRequest(reason: "Sốt"), by: desk.staff)
        #expect(receipt.match == .registered)
        #expect(receipt.coverageOutcome == .confirmed)
        #expect(receipt.benefitSharePercent == 80)
        #expect(receipt.visit.status == .open && receipt.visit.appliedCoverages.count == 1)
        #expect(receipt.visit.appliedCoverages.first?.cardCode.value == "DN4010123456789")
        #expect(receipt.patient.personalID == reading.personalID)
        #expect(receipt.patient.holds(.socialInsuranceNumber(try SocialInsuranceNumber("0123456789"))))
        #expect(receipt.warnings.isEmpty, "\(receipt.warnings)")
        let trail = try await desk.store.verifyAuditTrail()
        #expect(trail.isIntact)
    }

    @Test func aSecondVisitFindsTheSamePatient() async throws {
        let desk = try ReceptionFixture()
        let reading = try ReceptionFixture.reading()
        try desk.enrol(reading)
        let first = try await desk.reception.checkIn(reading, for: VisitRequest(), by: desk.staff)
        desk.clock.advance(by: 86_400)
        let second = try await desk.reception.checkIn(reading, for: VisitRequest(), by: desk.staff)
        #expect(second.match == .personalID && second.patient.id == first.patient.id)
        #expect(second.visit.id != first.visit.id && !second.isRepeatScan)
        let visits = try await desk.store.visits(ofPatient: first.patient.id, for: desk.access)
        #expect(visits.count == 2)
    }

    @Test func aDoubleScanReturnsTheVisitAlreadyOpen() async throws {
        let desk = try ReceptionFixture(repeatScanWindow: .seconds(300))
        let reading = try ReceptionFixture.reading()
        try desk.enrol(reading)
        let first = try await desk.reception.checkIn(reading, for: VisitRequest(), by: desk.staff)
        desk.clock.advance(by: 20)
        let again = try await desk.reception.checkIn(reading, for: VisitRequest(), by: desk.staff)
        #expect(again.isRepeatScan && again.visit.id == first.visit.id)
        desk.clock.advance(by: 600)
        let later = try await desk.reception.checkIn(reading, for: VisitRequest(), by: desk.staff)
        #expect(later.isRepeatScan && later.visit.id == first.visit.id, "the day's outpatient visit is still open")
        #expect(later.warnings.map(\.code) == [.visitStillOpen])
        let inpatient = try await desk.reception.checkIn(reading, for: VisitRequest(kind: .inpatient), by: desk.staff)
        #expect(!inpatient.isRepeatScan && inpatient.visit.id != first.visit.id, "another kind is another slot")
        desk.clock.advance(by: 86_400)
        let tomorrow = try await desk.reception.checkIn(reading, for: VisitRequest(), by: desk.staff)
        #expect(!tomorrow.isRepeatScan && tomorrow.visit.id != first.visit.id, "an outpatient visit is one day's")
    }

    @Test func aPatientRegisteredYearsAgoByCMNDIsFoundAndGainsThePersonalID() async throws {
        let desk = try ReceptionFixture()
        var old = Patient(
            identifiers: [.legacyID(try LegacyIDNumber("012345678"), status: .active)],
            demographics: Demographics(name: try PersonName("Nguyễn Văn A"), dateOfBirth: .year(1999), sex: .male)
        )
        old.addIdentifier(try PatientIdentifier(kind: .facilityRecordNumber, value: "BN-1998-0042"))
        var changes = ChangeSet(desk.access)
        changes.save(old)
        try await desk.store.commit(changes)

        let reading = try ReceptionFixture.reading()
        try desk.enrol(reading)
        let receipt = try await desk.reception.checkIn(reading, for: VisitRequest(), by: desk.staff)
        #expect(receipt.match == .legacyID && receipt.patient.id == old.id)
        #expect(receipt.patient.personalID == reading.personalID)
        #expect(receipt.patient.demographics.dateOfBirth == reading.dateOfBirth, "the card completes the birth date")
        let byID = try await desk.patient("001099012345")
        #expect(byID?.id == old.id, "the personal ID now finds the old record: no duplicate")
    }

    @Test func aRenewedIDCardAddsACardRecordToTheSamePatient() async throws {
        let desk = try ReceptionFixture()
        let reading = try ReceptionFixture.reading()
        try desk.enrol(reading)
        _ = try await desk.reception.checkIn(reading, for: VisitRequest(), by: desk.staff)
        desk.clock.advance(by: 86_400)
        let renewed = try ReceptionFixture.reading(issued: "01032026")
        let receipt = try await desk.reception.checkIn(renewed, for: VisitRequest(), by: desk.staff)
        #expect(receipt.patient.idCards.count == 2)
        #expect(receipt.patient.identifiers.filter { $0.kind == .personalID }.count == 1)
    }

    @Test func aPatientKnownOnlyByInsuranceNumberIsFoundThroughTheInsurer() async throws {
        let desk = try ReceptionFixture()
        let reading = try ReceptionFixture.reading(legacy: nil)
        try desk.enrol(reading)
        let typed = try await desk.reception.checkIn(
            typed: .insurance(
                .socialInsuranceNumber(try SocialInsuranceNumber("0123456789")),
                name: reading.name,
                dateOfBirth: reading.dateOfBirth,
                sex: .male
            ),
            for: VisitRequest(),
            by: desk.staff
        )
        #expect(typed.match == .registered && typed.patient.personalID == nil)
        desk.clock.advance(by: 86_400)
        let receipt = try await desk.reception.checkIn(reading, for: VisitRequest(), by: desk.staff)
        #expect(receipt.match == .socialInsuranceNumber && receipt.patient.id == typed.patient.id)
        #expect(receipt.patient.personalID == reading.personalID)
    }

    @Test func anInsuranceProblemStillOpensASelfPayVisit() async throws {
        let desk = try ReceptionFixture()
        let reading = try ReceptionFixture.reading()
        try desk.enrol(reading)
        desk.portal.apply(.answerWrongName(try SocialInsuranceNumber("0123456789")))
        let receipt = try await desk.reception.checkIn(reading, for: VisitRequest(), by: desk.staff)
        #expect(receipt.coverageOutcome == .identityMismatch(.name))
        #expect(receipt.coverage == nil && receipt.visit.appliedCoverages.isEmpty)
        #expect(receipt.warnings.contains { $0.code == .insuranceProblem })
    }

    @Test func warningsTellTheDeskWhatToNotice() async throws {
        let desk = try ReceptionFixture()
        desk.clock.set(VietnamTime.instant(try CalendarDate(year: 2026, month: 12, day: 26), hour: 8))
        let reading = try ReceptionFixture.reading()
        try desk.enrol(reading, facility: "79001")
        let receipt = try await desk.reception.checkIn(reading, for: VisitRequest(), by: desk.staff)
        let codes = Set(receipt.warnings.map(\.code))
        #expect(codes.contains(.insuranceCardExpiresSoon))
        #expect(codes.contains(.registeredElsewhere))
        #expect(receipt.warnings.contains { $0.message == "The insurance card expires in 5 days." })
    }

    @Test func theCheckInIsOneAuditedChangeSet() async throws {
        let desk = try ReceptionFixture()
        let reading = try ReceptionFixture.reading()
        try desk.enrol(reading)
        _ = try await desk.reception.checkIn(reading, for: VisitRequest(), by: desk.staff)
        let events = try await desk.store.auditEvents(after: 0, limit: 100)
        let writes = events.filter { $0.action == .create || $0.action == .update }
        #expect(Set(writes.compactMap(\.recordKind)) == [.patient, .coverage, .visit])
        #expect(writes.allSatisfy { $0.purpose == "check-in" && $0.staff == desk.staff })
        #expect(Set(writes.map(\.at)).count == 1, "one commit, one instant")
    }

    @Test func aReadingThatContradictsItselfWritesNothing() async throws {
        let desk = try ReceptionFixture()
        let reading = try ReceptionFixture.reading(born: "01012005")
        await #expect(throws: ValidationError.self) {
            _ = try await desk.reception.checkIn(reading, for: VisitRequest(), by: desk.staff)
        }
        let events = try await desk.store.auditEvents(after: 0, limit: 10)
        #expect(events.isEmpty)
    }

    @Test func concurrentDesksCheckingInOnePersonMakeOnePatientAndOneVisit() async throws {
        let desk = try ReceptionFixture()
        let reading = try ReceptionFixture.reading()
        try desk.enrol(reading)
        let receipts = try await withThrowingTaskGroup(of: CheckInReceipt.self) { group in
            for _ in 0..<6 {
                group.addTask { try await desk.reception.checkIn(reading, for: VisitRequest(), by: desk.staff) }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(Set(receipts.map(\.patient.id)).count == 1)
        #expect(Set(receipts.map(\.visit.id)).count == 1)
        #expect(receipts.filter { !$0.isRepeatScan }.count == 1)
        let coverages = try await desk.store.coverages(ofPatient: receipts[0].patient.id, for: desk.access)
        #expect(coverages.count == 1)
    }
}

@Suite("Reception: insurer outage")
struct ReceptionOutageTests {
    @Test func anOutageOpensTheVisitUnverifiedAndReverificationFollowsAReplacement() async throws {
        let desk = try ReceptionFixture()
        let reading = try ReceptionFixture.reading()
        try desk.enrol(reading)
        _ = try await desk.reception.checkIn(reading, for: VisitRequest(), by: desk.staff)

        desk.clock.advance(by: 86_400)
        desk.portal.apply(.goOffline)
        let offline = try await desk.reception.checkIn(reading, for: VisitRequest(), by: desk.staff)
        #expect(offline.coverageUnverified)
        #expect(offline.visit.appliedCoverages.first?.cardCode.value == "DN4010123456789")
        #expect(offline.warnings.contains { $0.code == .coverageUnverified })

        desk.portal.apply(.comeOnline)
        let newCard = SimulatedInsurancePortal.Card(
            code: try InsuranceCardCode("HT3010123456789"),
            validity: try DatePeriod(
                start: try CalendarDate(year: 2026, month: 3, day: 1),
                end: try CalendarDate(year: 2026, month: 12, day: 31)
            ),
            registeredFacility: desk.facility
        )
        desk.portal.apply(
            .replaceCard(
                try SocialInsuranceNumber("0123456789"),
                with: newCard,
                reason: .groupChange,
                oldStaysValid: true
            )
        )
        var queue = ReverificationQueue()
        try await queue.catchUp(with: desk.store, for: desk.access)
        #expect(queue.count == 1, "the unverified visit is found from the store alone")
        let reverifier = CoverageReverifier(store: desk.store, verifier: desk.reception.verifier, staff: desk.staff)
        let results = await reverifier.run(&queue, at: desk.clock.now)
        #expect(results.count == 1 && queue.isEmpty, "\(results)")
        let visit = try #require(try await desk.store.visit(offline.visit.id, for: desk.access))
        #expect(visit.appliedCoverages.last?.cardCode.value == "HT3010123456789")
        #expect(!visit.needsCoverageReverification)
        let coverages = try await desk.store.coverages(ofPatient: offline.patient.id, for: desk.access)
        #expect(coverages.count == 2 && coverages.contains { $0.replacedBy != nil })
    }
}
