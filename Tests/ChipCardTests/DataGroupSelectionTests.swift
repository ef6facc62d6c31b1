import ChipCardTesting
import ChipChart
import Testing

@testable import ChipCard

@Suite("The chip reader selects only the data groups EF.SOD lists")
struct DataGroupSelectionTests {
    static let accessControls: [SimulatedChip.AccessControl] = [.pace(), .bacOnly]

    @Test(arguments: accessControls)
    func chipWithoutDG14OrDG15IsNotAskedForThem(accessControl: SimulatedChip.AccessControl) async throws {
        let pki = try SimulatedPKI()
        let chip = try SimulatedChip(card: try SimulatedCard.sample, pki: pki, accessControl: accessControl)
        let (reading, _) = try await read(chip, pki: pki)
        #expect(await chip.selectedFiles == [LDSFile.sod, .dg1, .dg13].map(\.identifier))
        #expect(reading.chipAuthentication == .notOffered)
        #expect(reading.activeAuthentication == .notOffered)
        #expect(reading.authentication?.dataGroupHashesMatch == true)
    }

    @Test(arguments: accessControls)
    func chipWithDG14AndDG15ReadsAndVerifiesThem(accessControl: SimulatedChip.AccessControl) async throws {
        let pki = try SimulatedPKI()
        let chip = try SimulatedChip(
            card: try SimulatedCard.sample,
            pki: pki,
            accessControl: accessControl,
            activeAuthentication: .p256,
            chipAuthentication: .aes128
        )
        let (reading, _) = try await read(chip, pki: pki)
        #expect(await chip.selectedFiles == [LDSFile.sod, .dg14, .dg1, .dg13, .dg15].map(\.identifier))
        #expect(reading.chipAuthentication == .passed)
        #expect(reading.activeAuthentication == .passed)
        #expect(reading.authentication?.dataGroupHashesMatch == true)
    }

    /// A group EF.SOD lists but the chip lacks is still asked for, and reported not offered.
    @Test(arguments: [LDSFile.dg14, .dg15])
    func listedButMissingGroupIsSelectedAndNotOffered(missing: LDSFile) async throws {
        let pki = try SimulatedPKI()
        let chip = try SimulatedChip(
            card: try SimulatedCard.sample,
            pki: pki,
            misbehaviour: .missingDataGroup(missing.dataGroup),
            activeAuthentication: .p256,
            chipAuthentication: .aes128
        )
        let (reading, _) = try await read(chip, pki: pki)
        #expect(await chip.selectedFiles.contains(missing.identifier))
        let outcomes = [LDSFile.dg14: reading.chipAuthentication, .dg15: reading.activeAuthentication]
        #expect(outcomes[missing] == .notOffered)
        #expect(outcomes.filter { $0.key != missing }.values.allSatisfy { $0 == .passed })
    }

    @Test(
        arguments: [
            (nil, nil), (SimulatedChip.ChipAuthenticationCipher.aes128, nil), (nil, .p256),
            (.tripleDES, .rsa(bits: 1024)),
        ] as [(SimulatedChip.ChipAuthenticationCipher?, SimulatedActiveAuthenticationKey.Kind?)]
    )
    func simulatedEFCOMListsTheGroupsTheChipHolds(
        chipAuthentication: SimulatedChip.ChipAuthenticationCipher?,
        activeAuthentication: SimulatedActiveAuthenticationKey.Kind?
    ) throws {
        let chip = try SimulatedChip(
            card: try SimulatedCard.sample,
            pki: try SimulatedPKI(),
            activeAuthentication: activeAuthentication,
            chipAuthentication: chipAuthentication
        )
        let com = try BERTLV(parsing: try #require(chip.files[LDSFile.com.identifier]))
        let tags = try com.child(tag: 0x5C).value
        let held = [LDSFile.dg1, .dg2, .dg13, .dg14, .dg15].filter { chip.files[$0.identifier] != nil }.map(\.tag)
        #expect(tags == held)
    }
}
