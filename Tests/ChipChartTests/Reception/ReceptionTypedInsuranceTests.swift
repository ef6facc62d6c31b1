import ChipChart
import ChipChartTesting
import Foundation
import Testing

/// Check-ins by a typed insurance card: the card's social insurance number finds the patient next
/// time, whether or not the insurer could confirm it.
@Suite("Reception: typed insurance cards make one patient")
struct ReceptionTypedInsuranceTests {
    enum Insurer: String, CaseIterable, Sendable {
        case offline, cardUnknown, online
    }

    @Test(
        "three check-ins by one typed card make one patient holding its insurance number",
        arguments: Insurer.allCases
    )
    func typedCardMakesOnePatient(_ insurer: Insurer) async throws {
        let desk = try ReceptionFixture()
        let card = try InsuranceCardCode("DN4010123456789")
        let reading = try ReceptionFixture.reading(legacy: nil)
        switch insurer {
        case .offline: desk.portal.apply(.goOffline)
        case .cardUnknown: break
        case .online: try desk.enrol(reading, card: card.value)
        }
        var patients: Set<PatientID> = []
        for day in 0..<3 {
            let receipt = try await desk.reception.checkIn(
                typed: .insurance(.cardCode(card), name: reading.name, dateOfBirth: reading.dateOfBirth, sex: .male),
                for: VisitRequest(),
                by: desk.staff
            )
            patients.insert(receipt.patient.id)
            #expect(receipt.match == (day == 0 ? .registered : .socialInsuranceNumber), "day \(day)")
            #expect(
                receipt.patient.activeIdentifiers(of: .socialInsuranceNumber).map(\.value) == [
                    card.socialInsuranceNumber.digits
                ]
            )
            if insurer == .offline {
                let messages = receipt.warnings.map(\.message)
                #expect(!messages.contains { $0.contains("last verified card applies") }, "\(messages)")
                #expect(messages.contains { $0.contains("no verified card is on record") } || day > 0, "\(messages)")
            }
            desk.clock.advance(by: 86_400)
        }
        #expect(patients.count == 1)
    }

    @Test("the same typed card with another name and birth date is another person")
    func typedCardWithAnotherPerson() async throws {
        let desk = try ReceptionFixture()
        desk.portal.apply(.goOffline)
        let card = try InsuranceCardCode("DN4010123456789")
        let first = try await desk.reception.checkIn(
            typed: .insurance(
                .cardCode(card),
                name: try PersonName("Nguyễn Văn A"),
                dateOfBirth: .year(1999),
                sex: .male
            ),
            for: VisitRequest(),
            by: desk.staff
        )
        let second = try await desk.reception.checkIn(
            typed: .insurance(
                .cardCode(card),
                name: try PersonName("Lê Thị Hoa"),
                dateOfBirth: .year(1970),
                sex: .female
            ),
            for: VisitRequest(),
            by: desk.staff
        )
        #expect(second.patient.id != first.patient.id && second.match == .registered)
        #expect(second.warnings.map(\.code).filter { $0 == .possibleDuplicate }.count == 1, "\(second.warnings)")
        #expect(second.patient.activeIdentifiers(of: .socialInsuranceNumber).isEmpty, "the number stays with the first")
        let holder = try await desk.store.patient(
            identifiedBy: .socialInsuranceNumber(card.socialInsuranceNumber),
            for: desk.access
        )
        #expect(holder?.id == first.patient.id && holder?.demographics.name.text == "Nguyễn Văn A")
    }

    @Test("a typed personal ID finds the record a typed card registered, by the number the insurer names")
    func typedPersonalIDFindsTheRecordOfTheInsuranceNumber() async throws {
        let desk = try ReceptionFixture()
        let card = try InsuranceCardCode("DN4010123456789")
        let reading = try ReceptionFixture.reading(legacy: nil)
        try desk.enrol(reading, card: card.value)
        let first = try await desk.reception.checkIn(
            typed: .insurance(.cardCode(card), name: reading.name, dateOfBirth: reading.dateOfBirth, sex: .male),
            for: VisitRequest(),
            by: desk.staff
        )
        #expect(first.patient.personalID == nil)
        desk.clock.advance(by: 86_400)

        let second = try await desk.reception.checkIn(
            typed: .insurance(
                .personalID(reading.personalID!),
                name: reading.name,
                dateOfBirth: reading.dateOfBirth,
                sex: .male
            ),
            for: VisitRequest(),
            by: desk.staff
        )
        #expect(second.patient.id == first.patient.id && second.match == .socialInsuranceNumber)
        #expect(second.patient.personalID == reading.personalID, "the typed personal ID is recorded")
        #expect(second.coverageOutcome == .confirmed)
        #expect(try await desk.patient(reading.personalID!.digits)?.id == first.patient.id)
    }
}
