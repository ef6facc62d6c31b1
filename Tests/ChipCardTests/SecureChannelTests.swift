import Testing

@testable import ChipCard

/// A card that speaks correct secure messaging but serves whatever a test scripts for READ BINARY.
actor LyingCard: APDUTransport {
    private var session: SecureMessaging
    private let answer: (_ offset: Int, _ length: Int) -> [UInt8]
    private(set) var reads = 0

    init(session: SecureMessaging, answer: @escaping @Sendable (_ offset: Int, _ length: Int) -> [UInt8]) {
        self.session = session
        self.answer = answer
    }

    func transmit(_ apdu: [UInt8]) async throws -> [UInt8] {
        let command = try session.openCommand(apdu)
        var data: [UInt8] = []
        if command.instruction == 0xB0 {
            reads += 1
            data = answer(Int(command.parameter1) << 8 | Int(command.parameter2), command.expectedLength ?? 0)
        }
        return try session.sealReply(data: data, statusWord: 0x9000)
    }
}

@Suite("Secure channel against a lying card")
struct SecureChannelTests {
    static let session = SecureMessaging(keys: SessionKeys(seed: Array(0..<16)), sendSequenceCounter: 42)

    func read(answer: @escaping @Sendable (Int, Int) -> [UInt8]) async throws -> ([UInt8], LyingCard) {
        let card = LyingCard(session: Self.session, answer: answer)
        var channel = SecureChannel(transport: card, session: Self.session)
        return (try await channel.readFile(.dg13), card)
    }

    @Test func honestCardIsReadInChunks() async throws {
        let file = DataGroup13.encode([(2, .text(String(repeating: "Nguyễn Văn A ", count: 40)))])
        let (contents, card) = try await read { offset, length in Array(file[offset..<min(file.count, offset + length)])
        }
        #expect(contents == file)
        #expect(await card.reads == 1 + (file.count - 4 + SecureChannel.chunkSize - 1) / SecureChannel.chunkSize)
    }

    @Test func hugeClaimedLengthIsRefusedBeforeReading() async throws {
        let card = LyingCard(session: Self.session) { _, _ in [0x6D, 0x82, 0xFF, 0xFF] }
        var channel = SecureChannel(transport: card, session: Self.session)
        let error = await #expect(throws: ChipCardError.self) { _ = try await channel.readFile(.dg13) }
        #expect(error?.code == .malformedData)
        #expect(error?.message.contains("claims") == true)
        #expect(await card.reads == 1)
    }

    @Test func moreBytesThanAskedIsRefused() async throws {
        let error = await #expect(throws: ChipCardError.self) {
            _ = try await read { offset, length in
                offset == 0 ? [0x6D, 0x81, 0xF0, 0x30] : Array(repeating: 0, count: length + 1)
            }
        }
        #expect(error?.code == .malformedResponse)
    }

    @Test func emptyChunkEndsTheReadInsteadOfLooping() async throws {
        let error = await #expect(throws: ChipCardError.self) {
            _ = try await read { offset, _ in offset == 0 ? [0x6D, 0x81, 0xF0, 0x30] : [] }
        }
        #expect(error?.code == .malformedResponse)
    }
}
