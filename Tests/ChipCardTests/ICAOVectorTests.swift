import Testing

@testable import ChipCard

/// ICAO 9303-11 Appendix D, reproduced byte for byte (docs/VIETNAM-RULES.md §6).
@Suite("ICAO 9303-11 Appendix D")
struct ICAOVectorTests {
    let key: BACKey
    let chipRandom = hex("4608F91988702212")
    let terminalRandom = hex("781723860C06C226")
    let terminalKey = hex("0B795240CB7049B01C19B33E32804F0B")
    let chipAnswer = hex("46B9342A41396CD7386BF5803104D7CEDC122B9132139BAF2EEDC94EE178534F" + "2F2D235D074D7449")

    init() throws {
        key = try BACKey(documentNumber: "L898902C", dateOfBirth: "690806", dateOfExpiry: "940623")
    }

    @Test func keyDerivation() {
        #expect(key.mrzInformation == "L898902C<369080619406236")
        #expect(Hex.string(key.keySeed) == "239AB9CB282DAF66231DC5A4DF6BFBAE")
        #expect(Hex.string(key.keys.encryption) == "AB94FDECF2674FDFB9B391F85D7F76F2")
        #expect(Hex.string(key.keys.mac) == "7962D9ECE03D1ACD4C76089DCE131543")
    }

    @Test func externalAuthenticateCommand() throws {
        let control = BasicAccessControl(key: key)
        let data = try control.externalAuthenticateData(
            chipRandom: chipRandom,
            terminalRandom: terminalRandom,
            terminalKey: terminalKey
        )
        #expect(Hex.string(data.prefix(32)) == "72C29C2371CC9BDB65B779B8E8D37B29ECC154AA56A8799FAE2F498F76ED92F2")
        #expect(Hex.string(data.suffix(8)) == "5F1448EEA8AD90A7")
    }

    @Test func sessionKeysAndCounter() throws {
        let session = try BasicAccessControl(key: key)
            .completeAuthentication(
                reply: chipAnswer,
                chipRandom: chipRandom,
                terminalRandom: terminalRandom,
                terminalKey: terminalKey
            )
        let keys = try #require(session.cipher as? TripleDESCipher).keys
        #expect(Hex.string(keys.encryption) == "979EC13B1CBFE9DCD01AB0FED307EAE5")
        #expect(Hex.string(keys.mac) == "F1CB1F1FB5ADF208806B89DC579DC1F8")
        #expect(Hex.string(session.counterBytes) == "887022120C06C226")
        let plain = try TripleDES.decryptCBC(key: key.keys.encryption, Array(chipAnswer.prefix(32)))
        #expect(Hex.string(plain.suffix(16)) == "0B4F80323EB3191CB04970CB4052790B")
    }

    @Test func answerWithWrongMACIsRejected() throws {
        var tampered = chipAnswer
        tampered[39] ^= 0x01
        #expect(throws: ChipCardError.self) {
            try BasicAccessControl(key: key)
                .completeAuthentication(
                    reply: tampered,
                    chipRandom: chipRandom,
                    terminalRandom: terminalRandom,
                    terminalKey: terminalKey
                )
        }
    }

    @Test func protectedAPDUsAndReplies() throws {
        var session = try BasicAccessControl(key: key)
            .completeAuthentication(
                reply: chipAnswer,
                chipRandom: chipRandom,
                terminalRandom: terminalRandom,
                terminalKey: terminalKey
            )

        let select = try session.protect(.selectFile(0x011E))
        #expect(Hex.string(select) == "0CA4020C158709016375432908C044F68E08BF8B92D635FF24F800")
        let selected = try session.unprotect(hex("990290008E08FA855A5D4C50A8ED9000"))
        #expect(selected.statusWord == 0x9000)
        #expect(selected.data.isEmpty)

        let readHeader = try session.protect(.readBinary(offset: 0, length: 4))
        #expect(Hex.string(readHeader) == "0CB000000D9701048E08ED6705417E96BA5500")
        let header = try session.unprotect(hex("8709019FF0EC34F9922651990290008E08AD55CC17140B2DED9000"))
        #expect(Hex.string(header.data) == "60145F01")

        let readRest = try session.protect(.readBinary(offset: 4, length: 0x12))
        #expect(Hex.string(readRest) == "0CB000040D9701128E082EA28A70F3C7B53500")
        let rest = try session.unprotect(
            hex("871901FB9235F4E4037F2327DCC8964F1F9B8C30F42C8E2FFF224A990290008E08C8B2787EAEA07D749000")
        )
        #expect(Hex.string(rest.data) == "04303130365F36063034303030305C026175")
    }

    @Test func replyWithWrongMACIsASecureMessagingError() throws {
        var session = try BasicAccessControl(key: key)
            .completeAuthentication(
                reply: chipAnswer,
                chipRandom: chipRandom,
                terminalRandom: terminalRandom,
                terminalKey: terminalKey
            )
        _ = try session.protect(.selectFile(0x011E))
        let error = #expect(throws: ChipCardError.self) {
            try session.unprotect(hex("990290008E08FA855A5D4C50A8EE9000"))
        }
        #expect(error?.code == .secureMessaging)
    }

    @Test func fullExchangeOverATransport() async throws {
        let transport = ScriptedTransport(replies: [
            [0x90, 0x00],
            chipRandom + [0x90, 0x00],
            chipAnswer + [0x90, 0x00],
        ])
        let session = try await BasicAccessControl(key: key)
            .authenticate(over: transport, terminalRandom: terminalRandom, terminalKey: terminalKey)
        #expect(Hex.string(session.counterBytes) == "887022120C06C226")
        let sent = await transport.sent
        #expect(Hex.string(sent[1]) == "0084000008")
        #expect(Hex.string(sent[2]).hasPrefix("0082000028" + "72C29C23"))
        #expect(Hex.string(sent[2]).hasSuffix("5F1448EEA8AD90A728"))
    }

    @Test func desKnownAnswer() throws {
        let cipher = try TripleDES.encryptSingleDES(key: hex("133457799BBCDFF1"), hex("0123456789ABCDEF"))
        #expect(Hex.string(cipher) == "85E813540F0AB405")
    }

    @Test func syntheticVietnameseMRZKeys() throws {
        let mrz = try MRZ(lines: [
            "IDVNM0990123459001099012345<<0",
            "9901018M3901016VNM<<<<<<<<<<<0",
            "NGUYEN<<VAN<A<<<<<<<<<<<<<<<<<",
        ])
        let key = try BACKey(mrz: mrz)
        #expect(key.mrzInformation == "099012345999010183901016")
        #expect(Hex.string(key.keySeed) == "F2A47194A645E21BE092A4D83758F12B")
        #expect(Hex.string(key.keys.encryption) == "DAC1641F4F083BBA3273040E7F8AC7D0")
        #expect(Hex.string(key.keys.mac) == "618F7619194A102CEA92A789A880237F")
    }

    @Test func paddingRoundTrips() {
        #expect(RetailMAC.pad([]) == [0x80, 0, 0, 0, 0, 0, 0, 0])
        #expect(RetailMAC.pad([1, 2, 3, 4, 5, 6, 7, 8]).count == 16)
        #expect(RetailMAC.unpad(RetailMAC.pad([1, 0, 0x80])) == [1, 0, 0x80])
        #expect(RetailMAC.unpad([1, 2, 3, 4, 5, 6, 7, 8]) == nil)
    }
}
