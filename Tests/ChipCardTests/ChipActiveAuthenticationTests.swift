import ChipCardTesting
import ChipChart
import Testing

@testable import ChipCard

@Suite("Active authentication by the chip reader")
struct ChipActiveAuthenticationTests {
    static func read(
        _ kind: SimulatedActiveAuthenticationKey.Kind?,
        misbehaviour: SimulatedChip.Misbehaviour? = nil,
        requiresIntegrity: Bool = true
    ) async throws -> CardReading {
        try await readSimulatedChip(
            chipAuthentication: nil,
            activeAuthentication: kind,
            misbehaviour: misbehaviour,
            requiresIntegrity: requiresIntegrity
        )
    }

    @Test(arguments: ActiveAuthenticationTests.kinds)
    func genuineChipPasses(kind: SimulatedActiveAuthenticationKey.Kind) async throws {
        let reading = try await Self.read(kind)
        #expect(reading.activeAuthentication == .passed)
        #expect(reading.authentication?.dataGroupHashesMatch == true)
    }

    @Test(arguments: ActiveAuthenticationTests.kinds)
    func clonedChipIsRefused(kind: SimulatedActiveAuthenticationKey.Kind) async throws {
        let error = await #expect(throws: ChipCardError.self) {
            try await Self.read(kind, misbehaviour: .clonedActiveAuthenticationKey)
        }
        #expect(error?.code == .signatureInvalid)
    }

    @Test func clonedChipIsReportedWithoutIntegrityRequired() async throws {
        let reading = try await Self.read(.p256, misbehaviour: .clonedActiveAuthenticationKey, requiresIntegrity: false)
        #expect(reading.activeAuthentication == .failed)
        #expect(reading.authentication?.signatureVerified == true)
    }

    @Test func chipWithoutDG15IsNotOffered() async throws {
        let reading = try await Self.read(nil)
        #expect(reading.activeAuthentication == .notOffered)
    }
}
