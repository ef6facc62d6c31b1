import Foundation
import Testing

@testable import ChipChart

/// The check-in's decision from gathered facts alone: no store, no portal.
@Suite("CheckInDecision: one decision from the facts")
struct CheckInDecisionTests {
    let staff: Staff
    let facility: FacilityCode
    let reading: CardReading
    let instant: Date
    let card: PortalAnswer.Card

    init() throws {
        staff = Staff(name: try PersonName("Trần Thị Lễ Tân"), personalID: try PersonalID("001185000001"))
        facility = try FacilityCode("01001")
        reading = try ReceptionFixture.reading()
        instant = VietnamTime.instant(try CalendarDate(year: 2026, month: 3, day: 2), hour: 7)
        card = PortalAnswer.Card(
            code: try InsuranceCardCode("DN4010123456789"),
            registeredFacility: facility,
            validity: try DatePeriod(
                start: try CalendarDate(year: 2026, month: 1, day: 1),
                end: try CalendarDate(year: 2026, month: 12, day: 31)
            )
        )
    }

    var number: SocialInsuranceNumber { card.code.socialInsuranceNumber }

    func facts(
        _ response: PortalResponse,
        found: CheckInDecision.Found? = nil,
        coverages: [Coverage] = [],
        numberHolder: Patient? = nil,
        namesakes: Bool = false,
        presentation: CheckInDecision.Presentation? = nil
    ) -> CheckInDecision.Facts {
        CheckInDecision.Facts(
            presentation: presentation ?? .card(reading, reading.personalID!),
            request: VisitRequest(reason: "Sốt"),
            query: PortalQuery(
                cardNumber: .personalID(reading.personalID!),
                fullName: reading.name,
                dateOfBirth: reading.dateOfBirth,
                staff: staff
            ),
            response: response,
            instant: instant,
            configuration: Reception.Configuration(facility: facility),
            found: found,
            coverages: coverages,
            numberHolder: numberHolder,
            findingWarnings: [],
            hasUnconfirmedNamesakes: namesakes,
            newPatientID: PatientID(),
            visitID: VisitID(),
            visitKey: "01001-V1"
        )
    }

    /// The reading's holder, typed with an insurance number instead of a card read.
    func typed(_ number: PortalQuery.CardNumber) -> CheckInDecision.Presentation {
        .insurance(number, name: reading.name, dateOfBirth: reading.dateOfBirth, sex: .male)
    }

    func stored(name: String = "Nguyễn Văn A", id: String? = nil) throws -> Patient {
        var patient = Patient(
            demographics: Demographics(name: try PersonName(name), dateOfBirth: reading.dateOfBirth, sex: .male)
        )
        if let id { patient.identifiers.append(.personalID(try PersonalID(id), since: nil)) }
        patient.identifiers.append(.socialInsuranceNumber(number))
        patient.version = 1
        return patient
    }

    @Test func aNewInsuredPersonIsRegisteredWithTheNumberAndTheCoverageOnTheVisit() throws {
        let facts = facts(.answered(PortalAnswer(result: .valid, card: card)))
        let decision = try CheckInDecision(facts)
        #expect(decision.match == .registered && decision.storedPatient == nil)
        #expect(decision.patient.id == facts.newPatientID)
        #expect(decision.patient.holds(.socialInsuranceNumber(number)))
        #expect(decision.check.coverage?.patientID == facts.newPatientID, "the answer is applied to the new record")
        #expect(decision.visit.id == facts.visitID && decision.visit.key == "01001-V1")
        #expect(decision.visit.appliedCoverages.map(\.cardCode) == [card.code])
        #expect(decision.warnings.isEmpty, "\(decision.warnings)")
        let changes = decision.changes(for: Access(by: staff, purpose: "test"))
        #expect(changes.patients.count == 1 && changes.coverages.count == 1 && changes.visits.count == 1)
    }

    @Test func aNewPersonWhileTheInsurerIsDownWaitsForVerification() throws {
        let decision = try CheckInDecision(facts(.unavailable(reason: "timeout")))
        #expect(decision.check.coverage == nil)
        #expect(decision.visit.appliedCoverages.isEmpty)
        #expect(decision.visit.awaitsCoverageVerification && decision.visit.needsCoverageReverification)
        #expect(decision.warnings.map(\.code) == [.insuranceProblem])
        #expect(!decision.patient.identifiers.contains { $0.kind == .socialInsuranceNumber })
    }

    @Test func aTypedCardWhileTheInsurerIsDownRegistersThePersonHoldingItsNumber() throws {
        let typed = typed(.cardCode(card.code))
        let decision = try CheckInDecision(facts(.unavailable(reason: "timeout"), presentation: typed))
        #expect(decision.match == .registered && decision.patient.personalID == nil)
        #expect(decision.patient.holds(.socialInsuranceNumber(number)), "the typed number finds them next time")
        #expect(decision.patient.idCards.isEmpty, "no card was read")
        #expect(decision.visit.awaitsCoverageVerification)
        #expect(decision.warnings.map(\.code) == [.insuranceProblem])
    }

    @Test func aTypedPersonalIDIsAddedToTheRecordFoundByTheInsurersNumber() throws {
        let typed = typed(.personalID(reading.personalID!))
        let holder = try stored()
        let decision = try CheckInDecision(
            facts(
                .answered(PortalAnswer(result: .valid, card: card)),
                found: CheckInDecision.Found(patient: holder, match: .socialInsuranceNumber),
                presentation: typed
            )
        )
        #expect(decision.patient.id == holder.id && decision.match == .socialInsuranceNumber)
        #expect(decision.patient.personalID == reading.personalID)
        #expect(decision.patient.demographics == holder.demographics, "typed details never overwrite a record")
        #expect(decision.visit.appliedCoverages.map(\.cardCode) == [card.code])
    }

    @Test func aFoundRecordUnchangedByTheCardIsNotRewritten() throws {
        var patient = Reception.newPatient(from: reading, id: PatientID())
        patient.identifiers.append(.socialInsuranceNumber(number))
        patient.version = 3
        let decision = try CheckInDecision(
            facts(
                .answered(PortalAnswer(result: .valid, card: card)),
                found: CheckInDecision.Found(patient: patient, match: .personalID)
            )
        )
        #expect(decision.match == .personalID && decision.patient == patient)
        #expect(decision.changes(for: Access(by: staff, purpose: "test")).patients.isEmpty)
        #expect(decision.check.coverage?.patientID == patient.id)
    }

    @Test(
        "the insurance number held by another record stays there, with a warning",
        arguments: [
            ("Nguyễn Văn A", CheckInWarning.Code.identityDiffers),
            ("Lê Thị B", CheckInWarning.Code.possibleDuplicate),
        ]
    )
    func numberHeldElsewhere(holderName: String, expected: CheckInWarning.Code) throws {
        let holder = try stored(name: holderName)
        var patient = Reception.newPatient(from: reading, id: PatientID())
        patient.version = 1
        let decision = try CheckInDecision(
            facts(
                .answered(PortalAnswer(result: .valid, card: card)),
                found: CheckInDecision.Found(patient: patient, match: .personalID),
                numberHolder: holder
            )
        )
        #expect(!decision.patient.holds(.socialInsuranceNumber(number)))
        #expect(decision.warnings.map(\.code) == [expected])
    }

    @Test func aNamesakeWithoutPersonalIDIsWarnedOnce() throws {
        let decision = try CheckInDecision(facts(.answered(PortalAnswer(result: .valid, card: card)), namesakes: true))
        #expect(decision.warnings.map(\.code) == [.possibleDuplicate])
    }

    @Test func theSameFactsGiveTheSameDecision() throws {
        let facts = facts(.answered(PortalAnswer(result: .valid, card: card)))
        let first = try CheckInDecision(facts)
        let second = try CheckInDecision(facts)
        #expect(first.patient == second.patient && first.visit == second.visit && first.check == second.check)
        #expect(first.warnings == second.warnings)
    }
}
