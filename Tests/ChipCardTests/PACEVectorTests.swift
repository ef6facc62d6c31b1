import Testing

@testable import ChipCard

/// ICAO Doc 9303 part 11 (8th edition), Appendix G.1: PACE with ECDH generic mapping on
/// brainpoolP256r1, AES-128, the MRZ of the worked example as password, reproduced byte for byte
/// with the example's ephemeral keys injected.
@Suite("ICAO 9303-11 Appendix G.1 (PACE, ECDH generic mapping)")
struct PACEVectorTests {
    static let cardAccess = "31143012060A04007F0007020204020202010202010D"
    static let encryptedNonce = "95A3A016522EE98D01E76CB6B98B42C3"
    static let nonce = "3F00C4D39D153F2B2A214A078D899B22"
    static let terminalMappingKey = "7F4EF07B9EA82FD78AD689B38D0BC78CF21F249D953BC46F4C6E19259C010F99"
    static let terminalMappingPoint =
        "047ACF3EFC982EC45565A4B155129EFBC74650DCBFA6362D896FC70262E0C2CC5E"
        + "544552DCB6725218799115B55C9BAA6D9F6BC3A9618E70C25AF71777A9C4922D"
    static let chipMappingPoint =
        "04824FBA91C9CBE26BEF53A0EBE7342A3BF178CEA9F45DE0B70AA601651FBA3F57"
        + "30D8C879AAA9C9F73991E61B58F4D52EB87A0A0C709A49DC63719363CCD13C54"
    static let sharedPoint =
        "0460332EF2450B5D247EF6D3868397D398852ED6E8CAF6FFEEF6BF85CA57057FD5"
        + "0840CA7415BAF3E43BD414D35AA4608B93A2CAF3A4E3EA4E82C9C13D03EB7181"
    static let mappedGenerator =
        "048CED63C91426D4F0EB1435E7CB1D74A46723A0AF21C89634F65A9AE87A9265E2"
        + "8C879506743F8611AC33645C5B985C80B5F09A0B83407C1B6A4D857AE76FE522"
    static let terminalAgreementKey = "A73FB703AC1436A18E0CFA5ABB3F7BEC7A070E7A6788486BEE230C4A22762595"
    static let terminalAgreementPoint =
        "042DB7A64C0355044EC9DF190514C625CBA2CEA48754887122F3A5EF0D5EDD301C"
        + "3556F3B3B186DF10B857B58F6A7EB80F20BA5DC7BE1D43D9BF850149FBB36462"
    static let chipAgreementPoint =
        "049E880F842905B8B3181F7AF7CAA9F0EFB743847F44A306D2D28C1D9EC65DF6DB"
        + "7764B22277A2EDDC3C265A9F018F9CB852E111B768B326904B59A0193776F094"
    static let sharedSecret = "28768D20701247DAE81804C9E780EDE582A9996DB4A315020B2733197DB84925"
    static let encryptionKey = "F5F0E35C0D7161EE6724EE513A0D9A7F"
    static let macKey = "FE251C7858B356B24514B3BD5F4297D1"
    static let terminalToken = "C2B0BD78D94BA866"
    static let chipToken = "3ABB9674BCE93C08"

    let key: BACKey
    let info: PACEInfo
    let curve: PACECurve

    init() throws {
        key = try BACKey(documentNumber: "T22000129", dateOfBirth: "640812", dateOfExpiry: "101031")
        let infos = try SecurityInfos(bytes: hex(Self.cardAccess))
        guard let info = infos.paceInfos.first, let curve = info.curve else {
            throw ChipCardError(.malformedData, "the example's PACEInfo")
        }
        self.info = info
        self.curve = curve
    }

    @Test func cardAccessNamesECDHGenericMappingAES128OnBrainpoolP256r1() throws {
        #expect(info.protocolIdentifier.description == "0.4.0.127.0.7.2.2.4.2.2")
        #expect(info.mapping == .ecdhGeneric)
        #expect(info.cipher == .aes128)
        #expect(info.version == 2)
        #expect(info.parameterID == 13)
        #expect(curve.name == "brainpoolP256r1")
        #expect(Hex.string(BERTLV.encode(tag: 0x31, value: info.encoded)) == Self.cardAccess)
    }

    @Test func passwordKeyAndNonce() throws {
        #expect(key.mrzInformation == "T22000129364081251010318")
        #expect(Hex.string(PACEPassword.mrz(key).secret) == "7E2D2A41C74EA0B38CD36F863939BFA8E9032AAD")
        let passwordKey = PACEPassword.mrz(key).key(for: .aes128)
        #expect(Hex.string(passwordKey) == "89DED1B26624EC1E634C1989302849DD")
        #expect(
            Hex.string(try SymmetricAlgorithm.aes128.decryptNonce(hex(Self.encryptedNonce), key: passwordKey))
                == Self.nonce
        )
        #expect(
            Hex.string(try SymmetricAlgorithm.aes128.encryptNonce(hex(Self.nonce), key: passwordKey))
                == Self.encryptedNonce
        )
    }

    @Test func mappingGivesTheExamplesGenerator() throws {
        #expect(Hex.string(try curve.multiply(hex(Self.terminalMappingKey))) == Self.terminalMappingPoint)
        let shared = try curve.multiply(hex(Self.terminalMappingKey), hex(Self.chipMappingPoint))
        #expect(Hex.string(shared) == Self.sharedPoint)
        #expect(Hex.string(try curve.mapGenerator(nonce: hex(Self.nonce), sharedPoint: shared)) == Self.mappedGenerator)
    }

    @Test func keyAgreementSessionKeysAndTokens() throws {
        let point = try curve.multiply(hex(Self.terminalAgreementKey), hex(Self.mappedGenerator))
        #expect(Hex.string(point) == Self.terminalAgreementPoint)
        let secret = try curve.sharedSecret(hex(Self.terminalAgreementKey), hex(Self.chipAgreementPoint))
        #expect(Hex.string(secret) == Self.sharedSecret)
        #expect(Hex.string(SymmetricAlgorithm.aes128.deriveKey(secret, counter: 1)) == Self.encryptionKey)
        #expect(Hex.string(SymmetricAlgorithm.aes128.deriveKey(secret, counter: 2)) == Self.macKey)
        let session = SymmetricAlgorithm.aes128.cipher(sharedSecret: secret)
        let chipObject = GeneralAuthenticate.publicKeyObject(
            protocol: info.protocolIdentifier,
            point: hex(Self.chipAgreementPoint)
        )
        let terminalObject = GeneralAuthenticate.publicKeyObject(
            protocol: info.protocolIdentifier,
            point: hex(Self.terminalAgreementPoint)
        )
        #expect(Hex.string(try session.authenticationToken(chipObject)) == Self.terminalToken)
        #expect(Hex.string(try session.authenticationToken(terminalObject)) == Self.chipToken)
    }

    /// The example's command and reply APDUs (MSE:Set AT without tag 84, as with one PACEInfo).
    static var transcript: [(command: String, reply: String)] {
        [
            ("0022C1A40F800A04007F00070202040202830101", "9000"),
            ("10860000027C0000", "7C1280" + "10" + encryptedNonce + "9000"),
            ("10860000457C438141" + terminalMappingPoint + "00", "7C438241" + chipMappingPoint + "9000"),
            ("10860000457C438341" + terminalAgreementPoint + "00", "7C438441" + chipAgreementPoint + "9000"),
            ("008600000C7C0A8508" + terminalToken + "00", "7C0A8608" + chipToken + "9000"),
        ]
    }

    var ephemeralKeys: PACE.EphemeralKeys {
        PACE.EphemeralKeys(mapping: hex(Self.terminalMappingKey), agreement: hex(Self.terminalAgreementKey))
    }

    @Test func terminalSendsTheExamplesAPDUs() async throws {
        let transport = ScriptedTransport(replies: Self.transcript.map { hex($0.reply) })
        let session = try await PACE(info: info, password: .mrz(key)).establish(
            over: transport,
            ephemeralKeys: ephemeralKeys
        )
        #expect(await transport.sent.map { Hex.string($0) } == Self.transcript.map(\.command))
        #expect(session.sendSequenceCounter == 0)
        #expect(session.counterBytes == [UInt8](repeating: 0, count: 16))
        let cipher = try #require(session.cipher as? AESCipher)
        #expect(Hex.string(cipher.encryptionKey) == Self.encryptionKey)
        #expect(Hex.string(cipher.macKey) == Self.macKey)
    }

    @Test func aChipTokenThatDoesNotVerifyIsAccessControlFailure() async throws {
        var replies = Self.transcript.map { hex($0.reply) }
        replies[4] = hex("7C0A8608" + "3ABB9674BCE93C09" + "9000")
        let transport = ScriptedTransport(replies: replies)
        let error = await #expect(throws: ChipCardError.self) {
            _ = try await PACE(info: info, password: .mrz(key)).establish(over: transport, ephemeralKeys: ephemeralKeys)
        }
        #expect(error?.code == .accessControlFailed)
    }

    @Test func aRefusedTokenIsAccessControlFailure() async throws {
        var replies = Self.transcript.map { hex($0.reply) }
        replies[4] = hex("6300")
        let error = await #expect(throws: ChipCardError.self) {
            _ = try await PACE(info: info, password: .mrz(key))
                .establish(over: ScriptedTransport(replies: replies), ephemeralKeys: ephemeralKeys)
        }
        #expect(error?.code == .accessControlFailed)
        #expect(error?.statusWord == 0x6300)
    }

    @Test func aPointOffTheCurveIsRefused() async throws {
        var replies = Self.transcript.map { hex($0.reply) }
        replies[2] = hex("7C438241" + "04" + String(repeating: "01", count: 64) + "9000")
        let error = await #expect(throws: ChipCardError.self) {
            _ = try await PACE(info: info, password: .mrz(key))
                .establish(over: ScriptedTransport(replies: replies), ephemeralKeys: ephemeralKeys)
        }
        #expect(error?.code == .accessControlFailed)
    }
}
