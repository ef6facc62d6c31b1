import ChipChart
import ChipChartTesting
import Testing

@testable import ChipCard
@testable import ChipCardTesting

/// A passport's chip (DG1 as a TD3, EF.SOD, no DG13) read with BAC and with PACE, and its
/// reading checking a foreign patient in.
@Suite("Simulated passport chip")
struct SimulatedPassportTests {
    /// The ICAO specimen passport, valid until 2030 so that a desk accepts it.
    static func passport() throws -> SimulatedPassport {
        var passport = try SimulatedPassport.specimen
        passport.expiryDate = try CalendarDate(year: 2030, month: 4, day: 15)
        return passport
    }

    func makePKI() throws -> SimulatedPKI {
        guard let pki = SimulatedChipTests.pki else {
            throw ChipCardError(.cryptography, "the test PKI could not be made")
        }
        return pki
    }

    @Test func theSpecimenGivesTheICAOSpecimenLines() throws {
        #expect(
            try SimulatedPassport.specimen.mrzLines == [
                "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<",
                "L898902C36UTO7408122F1204159ZE184226B<<<<<10",
            ]
        )
    }

    @Test(arguments: ChipAccessProtocol.allCases)
    func aPassportChipReads(access: ChipAccessProtocol) async throws {
        let pki = try makePKI()
        let chip = try SimulatedChip(
            passport: try Self.passport(),
            pki: pki,
            accessControl: access == .bac ? .bacOnly : .pace(curve: .brainpoolP256r1)
        )
        #expect(chip.files[LDSFile.dg13.identifier] == nil, "a passport's chip holds no DG13")
        let key = try BACKey(mrz: MRZ(lines: try Self.passport().mrzLines))
        let anchors = try pki.trustAnchors
        let reader =
            access == .paceCAN
            ? ChipCardReader(transport: chip, cardAccessNumber: try CardAccessNumber("123456"), trustAnchors: anchors)
            : ChipCardReader(transport: chip, key: key, trustAnchors: anchors)
        let reading = try await reader.read()
        #expect(reading.accessProtocol == access)
        #expect(reading.source == .chip && reading.documentType == .passport)
        #expect(reading.personalID == nil && reading.chipExtras == nil)
        #expect(reading.passportNumber == (try PassportNumber("L898902C3")))
        #expect(reading.issuingState == "UTO" && reading.nationality == "UTO")
        #expect(reading.name.text == "ERIKSSON ANNA MARIA")
        #expect(reading.authentication?.dataGroupHashesMatch == true)
        #expect(reading.authentication?.chainsToTrustedCSCA == true)
    }

    @Test func aTamperedPassportDG1IsRefused() async throws {
        let pki = try makePKI()
        let chip = try SimulatedChip(passport: try Self.passport(), pki: pki, misbehaviour: .tamperedDataGroup(1))
        let reader = ChipCardReader(transport: chip, key: chip.accessKey, trustAnchors: try pki.trustAnchors)
        let error = await #expect(throws: ChipCardError.self) { try await reader.read() }
        #expect(error?.code == .dataGroupHashMismatch)
    }

    @Test func aPassportChipReadingChecksAForeignPatientIn() async throws {
        let pki = try makePKI()
        let chip = try SimulatedChip(passport: try Self.passport(), pki: pki)
        let reader = ChipCardReader(transport: chip, cardAccessNumber: chip.cardAccessNumber)
        let clock = SimulatedClock(start: VietnamTime.instant(try CalendarDate(year: 2026, month: 3, day: 2), hour: 7))
        let reception = Reception(
            store: InMemoryStore(now: { clock.now }),
            portal: SimulatedInsurancePortal(clock: clock),
            configuration: Reception.Configuration(facility: try FacilityCode("01001")),
            now: { clock.now }
        )
        let staff = Staff(name: try PersonName("Trần Thị Lễ Tân"), personalID: try PersonalID("001185000001"))
        let first = try await reception.checkIn(try await reader.read(), for: VisitRequest(), by: staff)
        #expect(first.match == .registered && first.coverageOutcome == nil)
        #expect(first.patient.personalID == nil)
        #expect(first.patient.holds(.passport(try PassportNumber("L898902C3"))))
        #expect(first.patient.demographics.nationality == "UTO")
        clock.advance(by: 86_400)
        await chip.reset()
        let second = try await reception.checkIn(try await reader.read(), for: VisitRequest(), by: staff)
        #expect(second.match == .passport && second.patient.id == first.patient.id)
    }
}
