#if PCSC
    import ChipCard
    import ChipCardTesting
    import ChipCardPCSC
    import ChipChart
    import Foundation
    import Testing

    /// A full read through pcscd: runs only with the trait `PCSC` and `CHIPCARD_PCSC_READER` set to
    /// the reader's name (the `virtual-card` example serving the simulated chip through vpcd, or a
    /// reader holding a card with the synthetic MRZ).
    @Suite("PC/SC transport")
    struct PCSCTransportTests {
        static let readerName = ProcessInfo.processInfo.environment["CHIPCARD_PCSC_READER"]

        @Test(.enabled(if: readerName != nil))
        func fullReadThroughPCSC() async throws {
            // The virtual card may still be connecting to vpcd: give it a few seconds.
            var transport: PCSCTransport?
            for _ in 0..<20 where transport == nil {
                transport = try? PCSCTransport(readerName: Self.readerName)
                if transport == nil { try await Task.sleep(for: .milliseconds(250)) }
            }
            let connected = try #require(transport)
            let key = try BACKey(mrz: MRZ(lines: try SimulatedCard.sample.mrzLines))
            let reading = try await ChipCardReader(transport: connected, key: key).read()
            #expect(reading.personalID?.digits == "001099012345")
            #expect(reading.name.text == "Nguyễn Văn A")
            #expect(reading.authentication?.dataGroupHashesMatch == true)
            #expect(reading.authentication?.signatureVerified == true)
        }

        @Test func missingReaderIsATypedError() {
            #expect(throws: PCSCError.self) { try PCSCTransport(readerName: "no such reader 0") }
        }
    }
#endif
