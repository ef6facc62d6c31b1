import ChipCardTesting
import ChipChart
import Testing

@testable import ChipCard

@Suite("Active authentication (DG15)")
struct ActiveAuthenticationTests {
    static let kinds: [SimulatedActiveAuthenticationKey.Kind] = [.rsa(bits: 1024), .rsa(bits: 2048), .p256]
    static let challenge: [UInt8] = [0x01, 0x23, 0x45, 0x67, 0x89, 0xAB, 0xCD, 0xEF]

    @Test(arguments: kinds)
    func genuineChipPasses(kind: SimulatedActiveAuthenticationKey.Kind) throws {
        let key = try SimulatedActiveAuthenticationKey(kind)
        let dg15 = try DataGroup15(bytes: key.dataGroup15)
        let signature = try key.sign(challenge: Self.challenge)
        #expect(ActiveAuthentication.verify(signature: signature, challenge: Self.challenge, key: dg15))
    }

    @Test(arguments: kinds)
    func keyTypeAndSize(kind: SimulatedActiveAuthenticationKey.Kind) throws {
        let dg15 = try DataGroup15(bytes: try SimulatedActiveAuthenticationKey(kind).dataGroup15)
        switch kind {
        case .rsa(let bits): #expect(dg15.keyType == .rsa(bits: bits))
        case .p256: #expect(dg15.keyType == .ellipticCurve(bits: 256))
        }
    }

    @Test(arguments: kinds)
    func clonedChipFails(kind: SimulatedActiveAuthenticationKey.Kind) throws {
        let published = try DataGroup15(bytes: try SimulatedActiveAuthenticationKey(kind).dataGroup15)
        let copy = try SimulatedActiveAuthenticationKey(kind)
        let signature = try copy.sign(challenge: Self.challenge)
        #expect(!ActiveAuthentication.verify(signature: signature, challenge: Self.challenge, key: published))
    }

    @Test(arguments: kinds)
    func replayedSignatureFails(kind: SimulatedActiveAuthenticationKey.Kind) throws {
        let key = try SimulatedActiveAuthenticationKey(kind)
        let dg15 = try DataGroup15(bytes: key.dataGroup15)
        var signature = try key.sign(challenge: Self.challenge)
        #expect(
            !ActiveAuthentication.verify(signature: signature, challenge: Array(Self.challenge.reversed()), key: dg15)
        )
        signature[signature.count / 2] ^= 0x01
        #expect(!ActiveAuthentication.verify(signature: signature, challenge: Self.challenge, key: dg15))
        #expect(!ActiveAuthentication.verify(signature: [], challenge: Self.challenge, key: dg15))
        #expect(!ActiveAuthentication.verify(signature: signature + [0], challenge: Self.challenge, key: dg15))
    }

    @Test(arguments: [HashAlgorithm.sha1, .sha256, .sha384, .sha512])
    func iso9796TrailerNamesTheHash(hash: HashAlgorithm) {
        let m1 = [UInt8](repeating: 0x11, count: 40)
        let message = ISO9796Message.encode(m1: m1, challenge: Self.challenge, hash: hash)
        #expect(ISO9796Message.trailer(of: message)?.hash == hash)
        #expect(ISO9796Message.verify(recovered: message, challenge: Self.challenge))
        var wrongHeader = message
        wrongHeader[0] = 0x4B
        #expect(!ISO9796Message.verify(recovered: wrongHeader, challenge: Self.challenge))
        #expect(!ISO9796Message.verify(recovered: Array(message.dropLast()), challenge: Self.challenge))
    }

    @Test(arguments: [
        ("6F00", "empty"), ("6E03020101", "wrong tag"), ("6F03020101", "not a key"),
        ("6F0430020500", "empty sequence"),
    ])
    func malformedDG15IsRejected(hexBytes: String, why: String) {
        #expect(throws: ChipCardError.self, "\(why)") { try DataGroup15(bytes: hex(hexBytes)) }
    }

    @Test func internalAuthenticateCommand() {
        let command = ActiveAuthentication.command(challenge: Self.challenge)
        #expect(command.instruction == 0x88)
        #expect(command.data == Self.challenge)
    }
}
