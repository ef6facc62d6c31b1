import ChipChart
import ChipChartTesting
import Testing

/// Check-in by the reading of a passport or a foreign identity card.
@Suite("Reception by travel document")
struct ReceptionTravelDocumentTests {
    /// The reading of the ICAO specimen passport's MRZ, or of another document of its holder.
    static func passportReading(
        number: String = "L898902C3",
        state: String = "UTO",
        documentType: CardReading.DocumentType = .passport,
        personalID: PersonalID? = nil,
        name: String = "ERIKSSON ANNA MARIA",
        born: CalendarDate? = nil,
        sex: Sex = .female
    ) throws -> CardReading {
        CardReading(
            source: .mrz,
            personalID: personalID,
            documentType: documentType,
            issuingState: state,
            nationality: state,
            name: try PersonName(name),
            dateOfBirth: .full(try born ?? CalendarDate(year: 1974, month: 8, day: 12)),
            sex: sex,
            expiryDate: try CalendarDate(year: 2030, month: 4, day: 15),
            documentNumber: number
        )
    }

    @Test func aForeignPassportReadingChecksIn() async throws {
        let desk = try ReceptionFixture()
        let receipt = try await desk.reception.checkIn(
            try Self.passportReading(),
            for: VisitRequest(),
            by: desk.staff
        )
        #expect(receipt.match == .registered && receipt.coverageOutcome == nil)
        #expect(desk.portal.lookupCount == 0)
        #expect(receipt.patient.personalID == nil)
        #expect(receipt.patient.holds(.passport(try PassportNumber("L898902C3"))))
        #expect(receipt.patient.demographics.nationality == "UTO")
        #expect(receipt.patient.idCards.isEmpty, "a passport is not an ID card")
    }

    @Test(arguments: [(CardReading.DocumentType.passport, "L898902C3"), (.idCard, "L898902C3")])
    func aSecondReadingOfTheDocumentFindsThePatient(type: CardReading.DocumentType, number: String) async throws {
        let desk = try ReceptionFixture()
        let document = try Self.passportReading(number: number, documentType: type)
        let first = try await desk.reception.checkIn(document, for: VisitRequest(), by: desk.staff)
        #expect(first.match == .registered)
        desk.clock.advance(by: 86_400)
        let second = try await desk.reception.checkIn(document, for: VisitRequest(), by: desk.staff)
        #expect(second.match == .passport && second.patient.id == first.patient.id)
        desk.clock.advance(by: 86_400)
        let typed = try await desk.reception.checkIn(
            typed: .passport(
                try PassportNumber("L898902C3"),
                name: try PersonName("Anna Maria Eriksson"),
                dateOfBirth: try DateOfBirth(parsing: "1974"),
                sex: .female,
                nationality: "UTO"
            ),
            for: VisitRequest(),
            by: desk.staff
        )
        #expect(typed.match == .passport && typed.patient.id == first.patient.id, "typing the number finds them too")
    }

    @Test func aVietnamesePassportWithThePersonalIDFindsTheCitizen() async throws {
        let desk = try ReceptionFixture()
        let card = try ReceptionFixture.reading()
        let citizen = try await desk.reception.checkIn(card, for: VisitRequest(), by: desk.staff)
        desk.clock.advance(by: 86_400)
        let passport = try Self.passportReading(
            number: "C1234567",
            state: "VNM",
            personalID: card.personalID,
            name: "NGUYEN VAN A",
            born: try CalendarDate(year: 1999, month: 1, day: 1),
            sex: .male
        )
        let receipt = try await desk.reception.checkIn(passport, for: VisitRequest(), by: desk.staff)
        #expect(receipt.match == .personalID && receipt.patient.id == citizen.patient.id)
        #expect(receipt.patient.holds(.passport(try PassportNumber("C1234567"))))
        #expect(receipt.patient.idCards.count == 1, "a passport is not recorded as an ID card")
        #expect(receipt.patient.demographics.name == card.name, "the MRZ's ASCII name does not replace the card's")
    }

    @Test func anEmergencyPatientIdentifiedByAKnownPassportJoinsTheirRecord() async throws {
        let desk = try ReceptionFixture()
        let known = try await desk.reception.checkIn(try Self.passportReading(), for: VisitRequest(), by: desk.staff)
        desk.clock.advance(by: 86_400)
        let emergency = try await desk.reception.registerUnidentified(
            UnidentifiedPatient(sex: .female, estimatedBirthYear: 1975, note: "arrived by ambulance"),
            for: VisitRequest(kind: .inpatient),
            by: desk.staff
        )
        let identified = try await desk.reception.identify(
            emergency.patient.id,
            as: try Self.passportReading(),
            by: desk.staff
        )
        #expect(identified.patient.id == known.patient.id, "found by the passport, not registered twice")
        #expect(identified.merge != nil)
    }

    @Test(arguments: [
        (CardReading.DocumentType.idCard, "VNM", "L898902C3", "personalID"),
        (.passport, "", "L898902C3", "issuingState"),
        (.passport, "UTO", "L8", "documentNumber"),
    ])
    func aReadingWithoutAPersonalIDMustIdentifyItsHolder(
        type: CardReading.DocumentType,
        state: String,
        number: String,
        field: String
    ) async throws {
        let desk = try ReceptionFixture()
        let reading = try Self.passportReading(number: number, state: state, documentType: type)
        let error = await #expect(throws: ValidationError.self) {
            try await desk.reception.checkIn(reading, for: VisitRequest(), by: desk.staff)
        }
        #expect(error?.field == field)
    }
}
