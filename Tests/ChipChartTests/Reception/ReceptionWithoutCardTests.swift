import ChipChart
import ChipChartTesting
import Foundation
import Testing

@Suite("Reception: without a card, emergencies, merges, search")
struct ReceptionWithoutCardTests {
    @Test func aChildUnderSixIsCheckedInByTypedPersonalID() async throws {
        let desk = try ReceptionFixture()
        let child = try ReceptionFixture.reading(
            id: "001223000123",
            legacy: nil,
            name: "Lê Minh Khôi",
            born: "10052023"
        )
        try desk.enrol(child, card: "TE1010987654321")
        let receipt = try await desk.reception.checkIn(
            typed: .personalID(child.personalID!, name: child.name, dateOfBirth: child.dateOfBirth),
            for: VisitRequest(),
            by: desk.staff
        )
        #expect(receipt.coverageOutcome == .confirmed && receipt.benefitSharePercent == 100)
        #expect(receipt.patient.idCards.isEmpty, "no ID card was shown")
        await #expect(throws: ValidationError.self) {
            _ = try await desk.reception.checkIn(
                typed: .personalID(try PersonalID("001223000999"), name: nil, dateOfBirth: nil),
                for: VisitRequest(),
                by: desk.staff
            )
        }
    }

    @Test func aForeignerIsCheckedInByPassportWithoutAnInsuranceCheck() async throws {
        let desk = try ReceptionFixture()
        let passport = try PassportNumber("X98765432")
        let typed = TypedIdentification.passport(
            passport,
            name: try PersonName("John Smith"),
            dateOfBirth: try DateOfBirth(parsing: "1980"),
            sex: .male,
            nationality: "GBR"
        )
        let first = try await desk.reception.checkIn(typed: typed, for: VisitRequest(), by: desk.staff)
        #expect(first.match == .registered && first.coverageOutcome == nil)
        #expect(desk.portal.lookupCount == 0)
        desk.clock.advance(by: 86_400)
        let second = try await desk.reception.checkIn(typed: typed, for: VisitRequest(), by: desk.staff)
        #expect(second.match == .passport && second.patient.id == first.patient.id)
    }

    @Test func anEmergencyPatientIsIdentifiedLaterAndMergedIntoTheirRecord() async throws {
        let desk = try ReceptionFixture()
        let reading = try ReceptionFixture.reading()
        try desk.enrol(reading)
        let known = try await desk.reception.checkIn(reading, for: VisitRequest(), by: desk.staff)
        desk.clock.advance(by: 86_400)
        let emergency = try await desk.reception.registerUnidentified(
            UnidentifiedPatient(sex: .male, estimatedBirthYear: 1995, note: "found at the market"),
            for: VisitRequest(kind: .inpatient),
            by: desk.staff
        )
        #expect(emergency.visit.route == .emergency)
        #expect(emergency.patient.activeIdentifiers(of: .temporary).count == 1)
        let identified = try await desk.reception.identify(emergency.patient.id, as: reading, by: desk.staff)
        #expect(identified.patient.id == known.patient.id)
        #expect(identified.merge != nil)
        let visits = try await desk.store.visits(ofPatient: known.patient.id, for: desk.access)
        #expect(visits.count == 2, "the emergency visit moved to the identified record")
        let temporary = try #require(emergency.patient.identifiers.first)
        let byTemporary = try await desk.store.patient(identifiedBy: temporary.key, for: desk.access)
        #expect(byTemporary?.mergedInto == known.patient.id || byTemporary?.id == known.patient.id)
    }

    @Test func anEmergencyPatientNotYetRegisteredBecomesThem() async throws {
        let desk = try ReceptionFixture()
        let emergency = try await desk.reception.registerUnidentified(
            UnidentifiedPatient(estimatedBirthYear: 1990),
            for: VisitRequest(),
            by: desk.staff
        )
        let reading = try ReceptionFixture.reading()
        let identified = try await desk.reception.identify(emergency.patient.id, as: reading, by: desk.staff)
        #expect(identified.merge == nil && identified.patient.id == emergency.patient.id)
        #expect(identified.patient.personalID == reading.personalID)
        #expect(identified.patient.demographics.name.text == "Nguyễn Văn A")
        #expect(identified.patient.activeIdentifiers(of: .temporary).isEmpty)
        let found = try await desk.patient("001099012345")
        #expect(found?.id == emergency.patient.id)
    }

    @Test func aMergeMovesEverythingAndCanBeUndoneWhileNothingChanged() async throws {
        let desk = try ReceptionFixture()
        let reading = try ReceptionFixture.reading(legacy: nil)
        try desk.enrol(reading)
        let survivor = try await desk.reception.checkIn(reading, for: VisitRequest(), by: desk.staff)
        // The next day, the same person is registered again by passport (two records, one open
        // outpatient visit each day: a merge may bring them together).
        desk.clock.advance(by: 86_400)
        let passport = try PassportNumber("C1234567")
        let duplicate = try await desk.reception.checkIn(
            typed: .passport(
                passport,
                name: reading.name,
                dateOfBirth: reading.dateOfBirth,
                sex: .male,
                nationality: "VNM"
            ),
            for: VisitRequest(),
            by: desk.staff
        )
        let merge = try await desk.reception.merge(duplicate.patient.id, into: survivor.patient.id, by: desk.staff)
        let merged = try await desk.store.visits(ofPatient: survivor.patient.id, for: desk.access)
        #expect(merged.count == 2)
        let kept = try #require(try await desk.store.patient(survivor.patient.id, for: desk.access))
        #expect(kept.activeIdentifiers(of: .passport).count == 1, "the passport now finds the survivor")
        let byPassport = try await desk.reception.checkIn(
            typed: .passport(
                passport,
                name: reading.name,
                dateOfBirth: reading.dateOfBirth,
                sex: .male,
                nationality: "VNM"
            ),
            for: VisitRequest(),
            by: desk.staff
        )
        #expect(byPassport.patient.id == survivor.patient.id && byPassport.isRepeatScan)

        try await desk.reception.undo(merge, by: desk.staff)
        let restored = try await desk.store.visits(ofPatient: duplicate.patient.id, for: desk.access)
        #expect(restored.count == 1)
        let back = try await desk.store.patient(duplicate.patient.id, for: desk.access)
        #expect(back?.mergedInto == nil && back?.activeIdentifiers(of: .passport).count == 1)
        let trail = try await desk.store.verifyAuditTrail()
        #expect(trail.isIntact)
    }

    @Test func aMergeCannotBeUndoneOnceSomethingChanged() async throws {
        let desk = try ReceptionFixture()
        let first = try await desk.reception.checkIn(
            try ReceptionFixture.reading(),
            for: VisitRequest(),
            by: desk.staff
        )
        desk.clock.advance(by: 86_400)
        let second = try await desk.reception.checkIn(
            try ReceptionFixture.reading(id: "001099054321", legacy: nil),
            for: VisitRequest(),
            by: desk.staff
        )
        let merge = try await desk.reception.merge(second.patient.id, into: first.patient.id, by: desk.staff)
        desk.clock.advance(by: 86_400)
        _ = try await desk.reception.checkIn(try ReceptionFixture.reading(), for: VisitRequest(), by: desk.staff)
        await #expect {
            try await desk.reception.undo(merge, by: desk.staff)
        } throws: { ($0 as? StoreError)?.code == .versionConflict }
    }

    @Test func searchByNameIgnoresDiacriticsAndCase() async throws {
        let desk = try ReceptionFixture()
        for (id, name, born) in [
            ("001099012345", "Nguyễn Văn A", "01011999"), ("001099012346", "Nguyễn Văn An", "01011999"),
            ("001098012347", "Nguyễn Văn A", "01011998"),
        ] {
            _ = try await desk.reception.checkIn(
                try ReceptionFixture.reading(id: id, legacy: nil, name: name, born: born),
                for: VisitRequest(),
                by: desk.staff
            )
        }
        let found = try await desk.reception.search("nguyen van a 1999", by: desk.staff)
        #expect(found.map(\.demographics.name.text) == ["Nguyễn Văn A", "Nguyễn Văn An"])
        let exactYear = try await desk.reception.search("NGUYEN VAN A 1998", by: desk.staff)
        #expect(exactYear.count == 1)
        let empty = try await desk.reception.search("1999", by: desk.staff)
        #expect(empty.isEmpty)
    }
}
