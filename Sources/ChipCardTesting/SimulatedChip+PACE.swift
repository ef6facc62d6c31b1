public import ChipCard
internal import ChipChart

extension SimulatedChip {
    /// The access control a simulated chip offers: PACE (ECDH generic mapping, AES-128, on a
    /// chosen curve, with the MRZ or the CAN) as well as BAC, or BAC only.
    public struct AccessControl: Hashable, Sendable {
        /// The curves of standardized domain parameters a simulated chip can offer.
        public enum Curve: Int, Hashable, Sendable, CaseIterable {
            /// NIST P-256 (parameter identifier 12).
            case p256 = 12
            /// brainpoolP256r1 (13).
            case brainpoolP256r1 = 13
            /// NIST P-384 (15).
            case p384 = 15
            /// brainpoolP384r1 (16).
            case brainpoolP384r1 = 16
            /// brainpoolP512r1 (17).
            case brainpoolP512r1 = 17
        }

        /// The curve of the PACE offered, `nil` for a BAC-only chip.
        public let curve: Curve?
        /// The card access number, `nil` for the last 6 digits of the personal ID.
        public let cardAccessNumber: CardAccessNumber?

        /// A chip without EF.CardAccess: BAC only.
        public static let bacOnly = AccessControl(curve: nil, cardAccessNumber: nil)

        /// A chip that offers PACE on `curve` (and BAC), with a CAN (by default the last 6 digits
        /// of the personal ID).
        public static func pace(curve: Curve = .p256, cardAccessNumber: CardAccessNumber? = nil) -> AccessControl {
            AccessControl(curve: curve, cardAccessNumber: cardAccessNumber)
        }

        /// The `PACEInfo` EF.CardAccess lists.
        var paceInfo: PACEInfo? { curve.map { PACEInfo.ecdhGeneric(.aes128, parameterID: $0.rawValue) } }

        /// EF.CardAccess: a SET holding the one `PACEInfo`.
        var cardAccessFile: [UInt8]? { paceInfo.map { BERTLV.encode(tag: 0x31, value: $0.encoded) } }
    }

    /// Answers the commands of the unprotected PACE exchange and of reading EF.CardAccess, or
    /// `nil` for another command.
    func paceCommand(_ apdu: [UInt8], data: [UInt8]) -> [UInt8]? {
        switch (apdu[1], apdu[2]) {
        case (0xA4, 0x00):
            return Self.status(0x9000)
        case (0xA4, 0x02) where data == [0x01, 0x1C]:
            pace.selectedCardAccess = files[SecurityInfos.fileIdentifier] != nil
            return Self.status(pace.selectedCardAccess ? 0x9000 : 0x6A82)
        case (0xA4, _):
            pace.selectedCardAccess = false
            return nil
        case (0xB0, _) where pace.selectedCardAccess:
            let file = files[SecurityInfos.fileIdentifier] ?? []
            let offset = Int(apdu[2] & 0x7F) << 8 | Int(apdu[3])
            guard offset <= file.count else { return Self.status(0x6B00) }
            let length = apdu.count > 4 && apdu[4] != 0 ? Int(apdu[4]) : 256
            return Array(file[offset..<min(file.count, offset + length)]) + [0x90, 0x00]
        case (0x22, 0xC1):
            return setAuthenticationTemplate(data)
        case (0x86, _):
            guard let step = try? generalAuthenticate(data) else {
                pace.run = nil
                return Self.status(0x6300)
            }
            return step + [0x90, 0x00]
        default:
            return nil
        }
    }

    private func setAuthenticationTemplate(_ data: [UInt8]) -> [UInt8] {
        pace.run = nil
        guard let info = accessControl.paceInfo, let objects = try? BERTLV.sequence(parsing: data),
            objects.first(where: { $0.tag == 0x80 })?.value == info.protocolIdentifier.encoded,
            let reference = objects.first(where: { $0.tag == 0x83 })?.value
        else { return Self.status(0x6A80) }
        let password: PACEPassword
        switch reference {
        case [1]: password = .mrz(passwordKey)
        case [2]: password = .can(cardAccessNumber)
        default: return Self.status(0x6A80)
        }
        pace.run = ChipPACERun(info: info, passwordKey: password.key(for: .aes128))
        return Self.status(0x9000)
    }

    private func generalAuthenticate(_ data: [UInt8]) throws -> [UInt8] {
        guard var run = pace.run, let curve = run.info.curve, let cipher = run.info.cipher else {
            throw ChipCardError(.accessControlFailed, "no MSE:Set AT")
        }
        let template = try BERTLV(parsing: data)
        let value = try template.children().first?.value ?? []
        let reply: [UInt8]
        switch run.step {
        case 0:
            let nonce = random.bytes(16)
            run.nonce = nonce
            reply = BERTLV.encode(tag: 0x80, value: try cipher.encryptNonce(nonce, key: run.passwordKey))
        case 1:
            let mappingKey = try curve.randomPrivateKey()
            run.generator = try curve.mapGenerator(nonce: run.nonce, sharedPoint: try curve.multiply(mappingKey, value))
            reply = BERTLV.encode(tag: 0x82, value: try curve.multiply(mappingKey))
        case 2:
            let agreementKey = try curve.randomPrivateKey()
            let chipPoint = try curve.multiply(agreementKey, run.generator)
            run.terminalPoint = value
            run.chipPoint = chipPoint
            run.session = cipher.cipher(sharedSecret: try curve.sharedSecret(agreementKey, value))
            reply = BERTLV.encode(tag: 0x84, value: chipPoint)
        default:
            guard let session = run.session,
                RetailMAC.equal(
                    try session.authenticationToken(
                        GeneralAuthenticate.publicKeyObject(protocol: run.info.protocolIdentifier, point: run.chipPoint)
                    ),
                    value
                )
            else { throw ChipCardError(.accessControlFailed, "the terminal's token does not verify") }
            let token = try session.authenticationToken(
                GeneralAuthenticate.publicKeyObject(protocol: run.info.protocolIdentifier, point: run.terminalPoint)
            )
            self.session = SecureMessaging(cipher: session, sendSequenceCounter: 0)
            applicationSelected = true
            pace.run = nil
            return BERTLV.encode(tag: 0x7C, value: BERTLV.encode(tag: 0x86, value: token))
        }
        run.step += 1
        pace.run = run
        return BERTLV.encode(tag: 0x7C, value: reply)
    }
}

/// The chip's PACE state between commands.
struct ChipPACEState: Sendable {
    /// EF.CardAccess is selected (without secure messaging).
    var selectedCardAccess = false
    /// The run in progress after MSE:Set AT.
    var run: ChipPACERun?
}

/// One PACE run on the chip's side.
struct ChipPACERun: Sendable {
    let info: PACEInfo
    let passwordKey: [UInt8]
    var step = 0
    var nonce: [UInt8] = []
    var generator: [UInt8] = []
    var terminalPoint: [UInt8] = []
    var chipPoint: [UInt8] = []
    var session: (any SecureMessagingCipher)?
}
