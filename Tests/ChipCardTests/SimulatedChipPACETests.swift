import ChipChart
import Testing

@testable import ChipCard
@testable import ChipCardTesting

@Suite("Simulated chip with PACE")
struct SimulatedChipPACETests {
    func makePKI() throws -> SimulatedPKI {
        guard let pki = SimulatedChipTests.pki else {
            throw ChipCardError(.cryptography, "the test PKI could not be made")
        }
        return pki
    }

    @Test(arguments: SimulatedChip.AccessControl.Curve.allCases)
    func paceCANReadsWithoutTheMRZ(curve: SimulatedChip.AccessControl.Curve) async throws {
        let pki = try makePKI()
        let chip = try SimulatedChip(card: try SimulatedCard.sample, pki: pki, accessControl: .pace(curve: curve))
        #expect(chip.cardAccessNumber.digits == "012345")
        let reader = ChipCardReader(
            transport: chip,
            cardAccessNumber: try CardAccessNumber("012345"),
            trustAnchors: try pki.trustAnchors
        )
        let reading = try await reader.read()
        #expect(reading.accessProtocol == .paceCAN)
        #expect(reading.personalID?.digits == "001099012345")
        #expect(reading.chipExtras?.motherName == "Trần Thị C")
        #expect(reading.authentication?.chainsToTrustedCSCA == true)
    }

    @Test func paceMRZWhenOnlyTheMRZIsGiven() async throws {
        let chip = try SimulatedChip(
            card: try SimulatedCard.sample,
            pki: try makePKI(),
            accessControl: .pace(curve: .brainpoolP256r1)
        )
        let reading = try await ChipCardReader(transport: chip, key: chip.accessKey).read()
        #expect(reading.accessProtocol == .paceMRZ)
        #expect(reading.documentNumber == "099012345")
    }

    @Test func aBACOnlyChipIsReadWithBAC() async throws {
        let chip = try SimulatedChip(card: try SimulatedCard.sample, pki: try makePKI(), accessControl: .bacOnly)
        let reader = ChipCardReader(
            transport: chip,
            cardAccessNumber: try CardAccessNumber("012345"),
            key: chip.accessKey
        )
        let reading = try await reader.read()
        #expect(reading.accessProtocol == .bac)
        #expect(reading.authentication?.signatureVerified == true)
    }

    @Test func aBACOnlyChipWithoutTheMRZIsAccessControlFailure() async throws {
        let chip = try SimulatedChip(card: try SimulatedCard.sample, pki: try makePKI(), accessControl: .bacOnly)
        let reader = ChipCardReader(transport: chip, cardAccessNumber: try CardAccessNumber("012345"))
        let error = await #expect(throws: ChipCardError.self) { _ = try await reader.read() }
        #expect(error?.code == .accessControlFailed)
    }

    @Test func aWrongCANIsAccessControlFailure() async throws {
        let chip = try SimulatedChip(card: try SimulatedCard.sample, pki: try makePKI())
        let reader = ChipCardReader(transport: chip, cardAccessNumber: try CardAccessNumber("654321"))
        let error = await #expect(throws: ChipCardError.self) { _ = try await reader.read() }
        #expect(error?.code == .accessControlFailed)
        #expect(error?.statusWord == 0x6300)
    }

    @Test func aConfiguredCANIsTheOneThatOpens() async throws {
        let can = try CardAccessNumber("472913")
        let chip = try SimulatedChip(
            card: try SimulatedCard.sample,
            pki: try makePKI(),
            accessControl: .pace(cardAccessNumber: can)
        )
        let reading = try await ChipCardReader(transport: chip, cardAccessNumber: can).read()
        #expect(reading.accessProtocol == .paceCAN)
    }

    @Test func selectingAnotherFileEndsTheUnprotectedReadOfCardAccess() async throws {
        let chip = try SimulatedChip(card: try SimulatedCard.sample, pki: try makePKI())
        #expect(try await chip.transmit(CommandAPDU.selectFile(SecurityInfos.fileIdentifier).bytes) == [0x90, 0x00])
        _ = try await chip.transmit(CommandAPDU.selectFile(LDSFile.dg1.identifier).bytes)
        let reply = try await chip.transmit(CommandAPDU.readBinary(offset: 0, length: 4).bytes)
        #expect(reply == [0x69, 0x82])
    }

    @Test(arguments: [("12345", "wrongLength"), ("1234567", "wrongLength"), ("12345a", "invalidCharacter")])
    func aMalformedCANIsAValidationError(text: String, reason: String) {
        let error = #expect(throws: ValidationError.self) { try CardAccessNumber(text) }
        #expect(error?.field == "can")
        #expect(error?.reason.name == reason)
    }

    @Test func theCANNeverAppearsInADescription() throws {
        #expect("\(try CardAccessNumber("012345"))" == "••••••")
    }
}
