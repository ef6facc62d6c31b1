public import ChipCard
internal import ChipChart
internal import ChipChartTesting

/// The card side of an ICAO 9303 chip, answering APDUs as the Vietnamese ID card does: for tests,
/// benchmarks and the examples.
///
/// It holds EF.COM, DG1, DG2, DG13, DG14 (chip authentication) and DG15 (active authentication)
/// when asked, an EF.SOD signed by a ``SimulatedPKI`` document signer and,
/// unless BAC-only, EF.CardAccess offering PACE; answers SELECT, GET CHALLENGE, EXTERNAL
/// AUTHENTICATE, MSE:Set AT, GENERAL AUTHENTICATE, protected SELECT / READ BINARY, INTERNAL
/// AUTHENTICATE and MSE:Set KAT;
/// refuses files before access control with 6982; and can be told to misbehave.
///
/// ```swift
/// let pki = try SimulatedPKI()
/// let chip = try SimulatedChip(card: .sample, pki: pki)
/// let reader = ChipCardReader(transport: chip, key: chip.accessKey, trustAnchors: try pki.trustAnchors)
/// let reading = try await reader.read()
/// ```
public actor SimulatedChip: APDUTransport {
    /// A way for the chip to misbehave.
    public struct Misbehaviour: Hashable, Sendable {
        enum Kind: Hashable, Sendable {
            case wrongAccessKey
            case tamperedDataGroup(Int)
            case brokenMAC
            case truncatedResponse
            case clonedActiveAuthenticationKey
            case clonedChipAuthenticationKey
            case missingDataGroup(Int)
        }

        let kind: Kind

        /// The chip's key comes from another document: BAC fails.
        public static let wrongAccessKey = Misbehaviour(kind: .wrongAccessKey)
        /// Protected replies carry a wrong MAC.
        public static let brokenMAC = Misbehaviour(kind: .brokenMAC)
        /// READ BINARY replies are cut in half.
        public static let truncatedResponse = Misbehaviour(kind: .truncatedResponse)

        /// One byte of a data group is changed after EF.SOD was signed.
        public static func tamperedDataGroup(_ number: Int) -> Misbehaviour {
            Misbehaviour(kind: .tamperedDataGroup(number))
        }

        /// A data group EF.SOD and EF.COM list is not on the chip: its SELECT answers 6A82.
        public static func missingDataGroup(_ number: Int) -> Misbehaviour {
            Misbehaviour(kind: .missingDataGroup(number))
        }
    }

    /// The files by identifier, as the chip serves them.
    public nonisolated let files: [UInt16: [UInt8]]
    /// The MRZ printed on the simulated card.
    public nonisolated let mrz: MRZ
    /// The key a reader derives from the printed MRZ.
    public nonisolated let accessKey: BACKey
    /// The card access number printed on the card (PACE-CAN).
    public nonisolated let cardAccessNumber: CardAccessNumber
    /// The access control the chip offers.
    public nonisolated let accessControl: AccessControl
    /// The files the protected SELECTs asked for, in order, found or not: what a reader looked for.
    public private(set) var selectedFiles: [UInt16] = []

    let passwordKey: BACKey
    private let chipKeys: SessionKeys
    private let misbehaviour: Misbehaviour?
    var random: SeededRandom
    var applicationSelected = false
    private var chipRandom: [UInt8]?
    var session: SecureMessaging?
    var pace = ChipPACEState()
    private var selectedFile: UInt16?
    /// The key the chip answers INTERNAL AUTHENTICATE with (DG15's, unless cloned).
    let activeAuthenticationSigner: SimulatedActiveAuthenticationKey?
    /// The chip-authentication key (DG14's, unless cloned).
    let chipAuthenticationKey: SimulatedChipAuthenticationKey?
    /// MSE:Set AT chose chip authentication with AES: GENERAL AUTHENTICATE carries the key.
    var chipAuthenticationSelected = false

    /// A chip for a card, its EF.SOD signed by the PKI's document signer, offering PACE on
    /// NIST P-256 with the CAN of the last 6 digits of the personal ID unless told otherwise.
    /// `activeAuthentication` adds DG15 and its key, `chipAuthentication` DG14 with a static
    /// NIST P-256 key and the protocol with that cipher (both files in EF.SOD).
    ///
    /// - Throws: `ValidationError` for a card whose MRZ does not parse; ``ChipCardError`` when
    ///   signing fails.
    public init(
        card: SimulatedCard,
        pki: SimulatedPKI,
        misbehaviour: Misbehaviour? = nil,
        accessControl: AccessControl = .pace(),
        seed: UInt64 = 0x5EED,
        activeAuthentication: SimulatedActiveAuthenticationKey.Kind? = nil,
        chipAuthentication: ChipAuthenticationCipher? = nil
    ) throws {
        let extras = card.dataGroup13
        try self.init(
            mrz: try MRZ(lines: card.mrzLines),
            faceImage: card.faceImage,
            dataGroup13: DataGroup13.encode(
                extras.fields.keys.sorted().reversed().compactMap { key in extras.fields[key].map { (key, $0) } }
            ),
            cardAccessNumber: try accessControl.cardAccessNumber
                ?? CardAccessNumber(String(card.personalID.digits.suffix(6))),
            pki: pki,
            misbehaviour: misbehaviour,
            accessControl: accessControl,
            seed: seed,
            activeAuthentication: activeAuthentication,
            chipAuthentication: chipAuthentication
        )
    }

    /// A chip holding DG1 for `mrz`, DG2 and, when given, DG13 (an ID card; a passport has none)
    /// and an active-authentication key with its DG15, a chip-authentication key with its DG14.
    init(
        mrz: MRZ,
        faceImage: [UInt8],
        dataGroup13 dg13: [UInt8]?,
        cardAccessNumber: CardAccessNumber,
        pki: SimulatedPKI,
        misbehaviour: Misbehaviour?,
        accessControl: AccessControl,
        seed: UInt64,
        activeAuthentication: SimulatedActiveAuthenticationKey.Kind? = nil,
        chipAuthentication: ChipAuthenticationCipher? = nil
    ) throws {
        let dg1 = DataGroup1.encode(mrz)
        let dg2 = SimulatedChip.faceDataGroup(faceImage)
        let aaKeys = try activeAuthentication.map { kind throws(ChipCardError) in
            try SimulatedChip.activeAuthenticationKeys(
                kind,
                cloned: misbehaviour?.kind == .clonedActiveAuthenticationKey
            )
        }
        let dg15 = aaKeys?.published.dataGroup15
        let caKey = try chipAuthentication.map { cipher throws(ChipCardError) in
            try SimulatedChipAuthenticationKey(
                cipher: cipher,
                cloned: misbehaviour?.kind == .clonedChipAuthenticationKey
            )
        }
        let dg14 = caKey?.dataGroup14
        let content = SecurityObject.encodeContent(
            algorithm: .sha256,
            dataGroups: [1: dg1, 2: dg2, 13: dg13, 14: dg14, 15: dg15].compactMapValues { $0 }
        )
        let sod = BERTLV.encode(tag: 0x77, value: try pki.signSecurityObject(content))
        let tags: [(LDSFile, [UInt8]?)] = [(.dg1, dg1), (.dg2, dg2), (.dg13, dg13), (.dg14, dg14), (.dg15, dg15)]
        let com = BERTLV.encode(
            tag: 0x60,
            value: BERTLV.encode(tag: 0x5F01, value: Array("0107".utf8))
                + BERTLV.encode(tag: 0x5F36, value: Array("040000".utf8))
                + BERTLV.encode(tag: 0x5C, value: tags.compactMap { file, bytes in bytes.map { _ in file.tag } })
        )
        var files: [UInt16: [UInt8]] = [
            LDSFile.com.identifier: com, LDSFile.dg1.identifier: dg1, LDSFile.dg2.identifier: dg2,
            LDSFile.sod.identifier: sod,
        ]
        if let dg13 { files[LDSFile.dg13.identifier] = dg13 }
        if let cardAccess = accessControl.cardAccessFile { files[SecurityInfos.fileIdentifier] = cardAccess }
        files[LDSFile.dg14.identifier] = dg14
        files[LDSFile.dg15.identifier] = dg15
        var chipKey = try BACKey(mrz: mrz)
        switch misbehaviour?.kind {
        case .tamperedDataGroup(let number):
            let file = [1: LDSFile.dg1, 2: LDSFile.dg2, 13: LDSFile.dg13][number] ?? LDSFile.dg13
            if var bytes = files[file.identifier], let last = bytes.indices.last {
                bytes[last] ^= 0x01
                files[file.identifier] = bytes
            }
        case .missingDataGroup(let number):
            for file in [LDSFile.dg2, .dg13, .dg14, .dg15] where file.dataGroup == number {
                files[file.identifier] = nil
            }
        case .wrongAccessKey:
            chipKey = try BACKey(
                documentNumber: "000000000",
                dateOfBirth: mrz.birthDateText,
                dateOfExpiry: mrz.expiryDateText
            )
        default:
            break
        }
        self.files = files
        self.mrz = mrz
        self.accessKey = try BACKey(mrz: mrz)
        self.chipKeys = chipKey.keys
        self.passwordKey = chipKey
        self.accessControl = accessControl
        self.cardAccessNumber = cardAccessNumber
        self.misbehaviour = misbehaviour
        self.random = SeededRandom(seed: seed)
        self.activeAuthenticationSigner = aaKeys?.signer
        self.chipAuthenticationKey = caKey
    }

    /// Powers the chip off and on: the session and selections are gone.
    public func reset() {
        applicationSelected = false
        chipRandom = nil
        session = nil
        selectedFile = nil
        chipAuthenticationSelected = false
        pace = ChipPACEState()
    }

    /// Answers one command APDU as the card would.
    public func transmit(_ apdu: [UInt8]) async throws -> [UInt8] {
        guard apdu.count >= 4 else { return Self.status(0x6700) }
        if apdu[0] == 0x0C {
            return protectedCommand(apdu)
        }
        guard apdu[0] == 0x00 || apdu[0] == 0x10 else { return Self.status(0x6E00) }
        let data = apdu.count > 5 ? Array(apdu[5..<min(apdu.count, 5 + Int(apdu[4]))]) : []
        if let reply = paceCommand(apdu, data: data) { return reply }
        switch (apdu[1], apdu[2]) {
        case (0xA4, 0x04):
            reset()
            applicationSelected = data == BasicAccessControl.applicationIdentifier
            return Self.status(applicationSelected ? 0x9000 : 0x6A82)
        case (0x84, _):
            guard applicationSelected else { return Self.status(0x6985) }
            let challenge = random.bytes(8)
            chipRandom = challenge
            return challenge + [0x90, 0x00]
        case (0x82, _):
            return externalAuthenticate(data)
        case (0xA4, _), (0xB0, _):
            return Self.status(0x6982)
        default:
            return Self.status(0x6D00)
        }
    }

    private func externalAuthenticate(_ data: [UInt8]) -> [UInt8] {
        guard let chipRandom, data.count == 40 else { return Self.status(0x6700) }
        self.chipRandom = nil
        let encrypted = Array(data[0..<32])
        guard let mac = try? RetailMAC.mac(key: chipKeys.mac, encrypted), RetailMAC.equal(mac, Array(data[32..<40])),
            let plain = try? TripleDES.decryptCBC(key: chipKeys.encryption, encrypted),
            Array(plain[8..<16]) == chipRandom
        else {
            return Self.status(0x6300)
        }
        let terminalRandom = Array(plain[0..<8])
        let terminalKey = Array(plain[16..<32])
        let chipKey = random.bytes(16)
        guard let answer = try? TripleDES.encryptCBC(key: chipKeys.encryption, chipRandom + terminalRandom + chipKey),
            let answerMAC = try? RetailMAC.mac(key: chipKeys.mac, answer)
        else {
            return Self.status(0x6F00)
        }
        let seed = zip(terminalKey, chipKey).map { $0 ^ $1 }
        session = SecureMessaging(
            keys: SessionKeys(seed: seed),
            sendSequenceCounter: SecureMessaging.counter(chipRandom[4..<8] + terminalRandom[4..<8])
        )
        return answer + answerMAC + [0x90, 0x00]
    }

    private func protectedCommand(_ apdu: [UInt8]) -> [UInt8] {
        guard var current = session else { return Self.status(0x6982) }
        guard let command = try? current.openCommand(apdu) else {
            session = nil
            return Self.status(0x6988)
        }
        let (data, restarted, statusWord) = chipAuthenticationCommand(command) ?? respond(to: command)
        var reply = (try? current.sealReply(data: data, statusWord: statusWord)) ?? Self.status(0x6F00)
        session = restarted ?? current
        if command.instruction == 0xB0, statusWord == 0x9000 {
            switch misbehaviour?.kind {
            case .brokenMAC: reply[reply.count - 3] ^= 0x01
            case .truncatedResponse: reply = Array(reply.prefix(reply.count / 2))
            default: break
            }
        }
        return reply
    }

    private func respond(to command: CommandAPDU) -> ([UInt8], SecureMessaging?, UInt16) {
        let (data, statusWord) = answer(command)
        return (data, nil, statusWord)
    }

    private func answer(_ command: CommandAPDU) -> ([UInt8], UInt16) {
        switch (command.instruction, command.parameter1) {
        case (0xA4, 0x04):
            return ([], command.data == BasicAccessControl.applicationIdentifier ? 0x9000 : 0x6A82)
        case (0xA4, 0x02):
            guard command.data.count == 2 else { return ([], 0x6700) }
            let identifier = UInt16(command.data[0]) << 8 | UInt16(command.data[1])
            selectedFiles.append(identifier)
            guard files[identifier] != nil else { return ([], 0x6A82) }
            selectedFile = identifier
            return ([], 0x9000)
        case (0x88, 0x00):
            return internalAuthenticate(command.data)
        case (0xB0, _):
            guard let selectedFile, let file = files[selectedFile] else { return ([], 0x6986) }
            let offset = Int(command.parameter1 & 0x7F) << 8 | Int(command.parameter2)
            guard offset <= file.count else { return ([], 0x6B00) }
            let length = command.expectedLength.map { $0 == 0 ? 256 : $0 } ?? 256
            return (Array(file[offset..<min(file.count, offset + length)]), 0x9000)
        default:
            return ([], 0x6D00)
        }
    }

    static func status(_ word: UInt16) -> [UInt8] { [UInt8(word >> 8), UInt8(word & 0xFF)] }

    private static func faceDataGroup(_ image: [UInt8]) -> [UInt8] {
        let biometric = BERTLV.encode(tag: 0x7F60, value: BERTLV.encode(tag: 0x5F2E, value: image))
        return BERTLV.encode(
            tag: 0x75,
            value: BERTLV.encode(tag: 0x7F61, value: BERTLV.encode(tag: 0x02, value: [1]) + biometric)
        )
    }
}

extension SeededRandom {
    /// The next `count` random bytes.
    mutating func bytes(_ count: Int) -> [UInt8] { (0..<count).map { _ in UInt8(truncatingIfNeeded: next()) } }
}
