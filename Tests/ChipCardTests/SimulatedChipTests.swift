import ChipChart
import Testing

@testable import ChipCard
@testable import ChipCardTesting

@Suite("Simulated chip")
struct SimulatedChipTests {
    static let pki: SimulatedPKI? = try? SimulatedPKI()

    func makePKI() throws -> SimulatedPKI {
        guard let pki = Self.pki else { throw ChipCardError(.cryptography, "the test PKI could not be made") }
        return pki
    }

    @Test func fullReadWithPassiveAuthentication() async throws {
        let pki = try makePKI()
        let chip = try SimulatedChip(card: try SimulatedCard.sample, pki: pki)
        let reader = ChipCardReader(transport: chip, key: chip.accessKey, trustAnchors: try pki.trustAnchors)
        let reading = try await reader.read()
        #expect(reading.source == .chip)
        #expect(reading.personalID?.digits == "001099012345")
        #expect(reading.name.text == "Nguyễn Văn A")
        #expect(reading.legacyID?.digits == "012345678")
        #expect(reading.address == "Số 1 Phố Huế, Hai Bà Trưng, Hà Nội")
        #expect(reading.issueDate == (try CalendarDate(year: 2021, month: 4, day: 15)))
        #expect(reading.expiryDate == (try CalendarDate(year: 2039, month: 1, day: 1)))
        #expect(reading.documentNumber == "099012345")
        #expect(reading.chipExtras?.ethnicity == "Kinh")
        #expect(reading.chipExtras?.motherName == "Trần Thị C")
        #expect(
            reading.authentication
                == CardReading.ChipAuthentication(
                    dataGroupHashesMatch: true,
                    signatureVerified: true,
                    chainsToTrustedCSCA: true
                )
        )
    }

    @Test func withoutTrustAnchorsTheChainIsNotEstablished() async throws {
        let chip = try SimulatedChip(card: try SimulatedCard.sample, pki: try makePKI())
        let reading = try await ChipCardReader(transport: chip, key: chip.accessKey).read()
        #expect(reading.authentication?.dataGroupHashesMatch == true)
        #expect(reading.authentication?.signatureVerified == true)
        #expect(reading.authentication?.chainsToTrustedCSCA == false)
    }

    @Test func anotherCSCAIsNotTrusted() async throws {
        let chip = try SimulatedChip(card: try SimulatedCard.sample, pki: try makePKI())
        let stranger = try SimulatedPKI()
        let reading = try await ChipCardReader(
            transport: chip,
            key: chip.accessKey,
            trustAnchors: try stranger.trustAnchors
        ).read()
        #expect(reading.authentication?.signatureVerified == true)
        #expect(reading.authentication?.chainsToTrustedCSCA == false)
    }

    @Test func dataGroupsAreRefusedBeforeAuthentication() async throws {
        let chip = try SimulatedChip(card: try SimulatedCard.sample, pki: try makePKI())
        _ = try await chip.transmit(CommandAPDU.selectApplication(BasicAccessControl.applicationIdentifier).bytes)
        #expect(try await chip.transmit(CommandAPDU.selectFile(0x0101).bytes) == [0x69, 0x82])
        #expect(try await chip.transmit(CommandAPDU.readBinary(offset: 0, length: 4).bytes) == [0x69, 0x82])
    }

    @Test(arguments: [
        (SimulatedChip.Misbehaviour.wrongAccessKey, ChipCardError.Code.accessControlFailed),
        (.brokenMAC, .secureMessaging),
        (.truncatedResponse, .malformedResponse),
        (.tamperedDataGroup(13), .dataGroupHashMismatch),
        (.tamperedDataGroup(1), .dataGroupHashMismatch),
    ])
    func misbehaviourGivesTypedError(misbehaviour: SimulatedChip.Misbehaviour, code: ChipCardError.Code) async throws {
        let pki = try makePKI()
        let chip = try SimulatedChip(card: try SimulatedCard.sample, pki: pki, misbehaviour: misbehaviour)
        let reader = ChipCardReader(transport: chip, key: chip.accessKey, trustAnchors: try pki.trustAnchors)
        let error = await #expect(throws: ChipCardError.self) { try await reader.read() }
        #expect(error?.code == code)
    }

    @Test func tamperedDataGroupIsReportedWhenIntegrityIsNotRequired() async throws {
        let pki = try makePKI()
        let chip = try SimulatedChip(card: try SimulatedCard.sample, pki: pki, misbehaviour: .tamperedDataGroup(2))
        let reader = ChipCardReader(
            transport: chip,
            key: chip.accessKey,
            trustAnchors: try pki.trustAnchors,
            requiresIntegrity: false
        )
        let reading = try await reader.read()
        // DG2 is not read by default, so the tampered face does not touch the hashes checked.
        #expect(reading.authentication?.dataGroupHashesMatch == true)
        let sod = try SecurityObject(bytes: chip.files[LDSFile.sod.identifier] ?? [])
        let result = PassiveAuthentication.verify(
            sod,
            dataGroups: [2: chip.files[LDSFile.dg2.identifier] ?? []],
            trustAnchors: try pki.trustAnchors
        )
        #expect(result.mismatchedDataGroups == [2])
        #expect(result.outcome.dataGroupHashesMatch == false)
        #expect(result.outcome.signatureVerified == true)
    }

    @Test func securityObjectListsEveryDataGroup() throws {
        let chip = try SimulatedChip(card: try SimulatedCard.sample, pki: try makePKI())
        let sod = try SecurityObject(bytes: chip.files[LDSFile.sod.identifier] ?? [])
        #expect(sod.hashAlgorithm == .sha256)
        #expect(sod.dataGroupHashes.keys.sorted() == [1, 2, 13])
    }

    @Test func cardWithoutExpiry() async throws {
        let pki = try makePKI()
        var card = try SimulatedCard.sample
        card.expiryDate = nil
        card.spouseName = "Lê Thị E"
        let chip = try SimulatedChip(card: card, pki: pki)
        let reading = try await ChipCardReader(transport: chip, key: chip.accessKey, trustAnchors: try pki.trustAnchors)
            .read()
        #expect(reading.hasNoExpiry)
        #expect(reading.expiryDate == nil)
        #expect(reading.chipExtras?.spouseName == "Lê Thị E")
    }
}
