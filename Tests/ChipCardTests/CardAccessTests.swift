import Testing

@testable import ChipCard

@Suite("EF.CardAccess and AES secure messaging")
struct CardAccessTests {
    /// A terminal-authentication info (0.4.0.127.0.7.2.2.2, version 1) kept raw beside a
    /// chip-authentication info (0.4.0.127.0.7.2.2.3.2.1, version 1) and the Appendix G.1 PACEInfo.
    @Test func unknownInfosAreKept() throws {
        let chipAuthentication = "300F060A04007F00070202030201020101"
        let other = "300D060804007F00070202020201" + "01"
        let pace = "3012060A04007F0007020204020202010202010D"
        let infos = try SecurityInfos(bytes: hex("3134" + chipAuthentication + other + pace))
        #expect(infos.infos.count == 3)
        #expect(infos.paceInfos.count == 1)
        #expect(infos.infos[0] == .chipAuthentication(ChipAuthenticationInfo(cipher: .tripleDES)))
        guard case .other(let identifier, let encoded) = infos.infos[1] else {
            Issue.record("the unknown info is kept raw")
            return
        }
        #expect(identifier.description == "0.4.0.127.0.7.2.2.2")
        #expect(Hex.string(encoded) == other)
    }

    @Test(arguments: [
        ("", "not BER-TLV"),
        ("3000", "not a SET"),
        ("31023100", "not a SEQUENCE"),
        ("310530030201FF", "lacks its protocol"),
        ("3105300306012A", "lacks its protocol"),
        ("3111300F060A04007F00070202040202020180", "version"),
        ("31143012060A04007F000702020402020201020201FF", "parameterId"),
        ("310A300806032A8180020101", "cut short"),
    ])
    func malformedCardAccessIsATypedError(bytes: String, reason: String) throws {
        let error = #expect(throws: ChipCardError.self) { try SecurityInfos(bytes: hex(bytes)) }
        #expect(error?.code == .malformedData)
        #expect(error?.message.contains(reason) == true, "\(error?.message ?? "")")
    }

    @Test(arguments: [12, 13, 15, 16, 17, 18])
    func standardizedDomainParametersAreKnown(parameterID: Int) throws {
        let info = PACEInfo.ecdhGeneric(.aes256, parameterID: parameterID)
        #expect(info.isSupported)
        let parsed = try SecurityInfos(bytes: BERTLV.encode(tag: 0x31, value: info.encoded))
        #expect(parsed.paceInfos == [info])
    }

    @Test func integratedMappingAndUnknownParametersAreNotSupported() {
        let integrated = PACEInfo(
            protocolIdentifier: ASN1ObjectIdentifier(arcs: ASN1ObjectIdentifier.pace.arcs + [4, 2]),
            parameterID: 13
        )
        #expect(!integrated.isSupported)
        #expect(!PACEInfo.ecdhGeneric(.aes128, parameterID: 14).isSupported)
    }

    /// NIST SP 800-38B / RFC 4493 examples of AES-CMAC.
    @Test(arguments: [
        ("", "BB1D6929E95937287FA37D129B756746"),
        ("6BC1BEE22E409F96E93D7E117393172A", "070A16B46B4D4144F79BDD9DD04A287C"),
        (
            "6BC1BEE22E409F96E93D7E117393172AAE2D8A571E03AC9C9EB76FAC45AF8E5130C81C46A35CE411",
            "DFA66747DE9AE63030CA32611497C827"
        ),
    ])
    func cmacMatchesTheStandardsExamples(message: String, mac: String) throws {
        #expect(Hex.string(try AES.cmac(key: hex("2B7E151628AED2A6ABF7158809CF4F3C"), hex(message))) == mac)
    }

    @Test func keyDerivationHashesAndLengths() {
        let secret: [UInt8] = Array(0..<32)
        #expect(SymmetricAlgorithm.aes128.deriveKey(secret, counter: 1).count == 16)
        #expect(SymmetricAlgorithm.aes192.deriveKey(secret, counter: 1).count == 24)
        #expect(SymmetricAlgorithm.aes256.deriveKey(secret, counter: 1).count == 32)
        #expect(
            SymmetricAlgorithm.aes192.deriveKey(secret, counter: 1)
                == Array(SymmetricAlgorithm.aes256.deriveKey(secret, counter: 1).prefix(24))
        )
        #expect(SymmetricAlgorithm.tripleDES.deriveKey(secret, counter: 1) == SessionKeys(seed: secret).encryption)
    }

    @Test(arguments: SymmetricAlgorithm.allCases)
    func protectedCommandsAndRepliesRoundTrip(algorithm: SymmetricAlgorithm) throws {
        let cipher = algorithm.cipher(sharedSecret: Array(0..<32))
        var terminal = SecureMessaging(cipher: cipher, sendSequenceCounter: 0)
        var chip = terminal
        let command = CommandAPDU.selectApplication(BasicAccessControl.applicationIdentifier)
        let opened = try chip.openCommand(try terminal.protect(command))
        #expect(opened.data == command.data)
        let data: [UInt8] = Array(0..<40)
        let reply = try terminal.unprotect(try chip.sealReply(data: data, statusWord: 0x9000))
        #expect(reply == ResponseAPDU(data: data, statusWord: 0x9000))
        #expect(terminal.sendSequenceCounter == 2)
        #expect(terminal.counterBytes.count == cipher.blockSize)
    }

    @Test func aReplySealedUnderAnotherCounterDoesNotVerify() throws {
        let cipher = SymmetricAlgorithm.aes128.cipher(sharedSecret: Array(0..<32))
        var terminal = SecureMessaging(cipher: cipher, sendSequenceCounter: 0)
        var chip = SecureMessaging(cipher: cipher, sendSequenceCounter: 5)
        _ = try terminal.protect(.getChallenge)
        let error = #expect(throws: ChipCardError.self) {
            try terminal.unprotect(try chip.sealReply(data: [1, 2, 3], statusWord: 0x9000))
        }
        #expect(error?.code == .secureMessaging)
    }
}
