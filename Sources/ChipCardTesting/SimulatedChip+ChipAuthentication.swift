internal import ChipCard

extension SimulatedChip.Misbehaviour {
    /// A copy of a genuine chip: every file is the original's, DG14 included, but the copy cannot
    /// hold the original's chip-authentication private key, so it agrees keys with another and
    /// the reads after chip authentication fail their MACs.
    public static let clonedChipAuthenticationKey = SimulatedChip.Misbehaviour(kind: .clonedChipAuthenticationKey)
}

extension SimulatedChip {
    /// The cipher of the session chip authentication starts: it names the protocol DG14 lists
    /// (`id-CA-ECDH-3DES-CBC-CBC`, keys sent with MSE:Set KAT, or `id-CA-ECDH-AES-CBC-CMAC-128`,
    /// keys sent with MSE:Set AT and GENERAL AUTHENTICATE).
    public enum ChipAuthenticationCipher: Hashable, Sendable, CaseIterable {
        /// 2-key 3DES.
        case tripleDES
        /// AES-128.
        case aes128

        var algorithm: SymmetricAlgorithm { self == .tripleDES ? .tripleDES : .aes128 }
    }
}

/// The simulated chip's chip-authentication key: a static NIST P-256 key published in DG14 and
/// the private key the chip agrees keys with.
struct SimulatedChipAuthenticationKey: Sendable {
    /// DG14's file contents.
    let dataGroup14: [UInt8]
    /// The private key the chip uses: DG14's, or another for a cloned chip.
    let privateKey: [UInt8]
    /// The curve.
    let curve: PACECurve
    /// The protocol DG14 lists.
    let info: ChipAuthenticationInfo

    /// A fresh key pair; `cloned` makes the chip use a key other than the one DG14 publishes.
    init(cipher: SimulatedChip.ChipAuthenticationCipher, cloned: Bool) throws(ChipCardError) {
        guard let curve = PACECurve(parameterID: 12) else {
            throw ChipCardError(.cryptography, "NIST P-256 is not available")
        }
        let published = try curve.randomPrivateKey()
        let key = ChipAuthenticationPublicKeyInfo(curve: curve, publicPoint: try curve.multiply(published))
        self.info = ChipAuthenticationInfo(cipher: cipher.algorithm)
        self.dataGroup14 = SecurityInfos.encodeDataGroup14([info.encoded, key.encoded])
        self.privateKey = cloned ? try curve.randomPrivateKey() : published
        self.curve = curve
    }
}

extension SimulatedChip {
    /// Answers the commands of chip authentication (ICAO Doc 9303 part 11 §6.2), or `nil` for
    /// another command: MSE:Set KAT (tag `91`), or MSE:Set AT naming the protocol then GENERAL
    /// AUTHENTICATE (tag `80`). The session the terminal's ephemeral key and the chip's private key
    /// agree takes effect after the reply; `6D00` when the chip has no chip-authentication key.
    func chipAuthenticationCommand(
        _ command: CommandAPDU
    ) -> (reply: [UInt8], session: SecureMessaging?, statusWord: UInt16)? {
        let point: [UInt8]?
        switch (command.instruction, command.parameter1, command.parameter2) {
        case (0x22, 0x41, 0xA6):
            point = (try? BERTLV.sequence(parsing: command.data))?.first { $0.tag == 0x91 }?.value
        case (0x22, 0x41, 0xA4):
            let objects = try? BERTLV.sequence(parsing: command.data)
            chipAuthenticationSelected =
                objects?.first { $0.tag == 0x80 }?.value == chipAuthenticationKey?.info.protocolIdentifier.encoded
            return ([], nil, chipAuthenticationSelected ? 0x9000 : 0x6A80)
        case (0x86, 0x00, 0x00) where chipAuthenticationSelected:
            chipAuthenticationSelected = false
            point = try? GeneralAuthenticate.value(of: 0x80, in: command.data)
        default:
            return nil
        }
        guard let key = chipAuthenticationKey else { return ([], nil, 0x6D00) }
        guard let point, let secret = try? key.curve.sharedSecret(key.privateKey, point) else {
            return ([], nil, 0x6A80)
        }
        let reply = command.instruction == 0x86 ? [0x7C, 0x00] : [UInt8]()
        return (reply, SecureMessaging(cipher: key.info.cipher.cipher(sharedSecret: secret)), 0x9000)
    }
}
