internal import ChipCard

extension SimulatedChip.Misbehaviour {
    /// A copy of a genuine chip: every file is the original's, DG14 included, but the copy cannot
    /// hold the original's chip-authentication private key, so it agrees keys with another and
    /// the reads after chip authentication fail their MACs.
    public static let clonedChipAuthenticationKey = SimulatedChip.Misbehaviour(kind: .clonedChipAuthenticationKey)
}

/// The simulated chip's chip-authentication key: a static NIST P-256 key published in DG14
/// (with `id-CA-ECDH-3DES-CBC-CBC`) and the private key the chip agrees keys with.
struct SimulatedChipAuthenticationKey: Sendable {
    /// DG14's file contents.
    let dataGroup14: [UInt8]
    /// The private key the chip uses: DG14's, or another for a cloned chip.
    let privateKey: [UInt8]
    /// The curve.
    let curve: PACECurve

    /// A fresh key pair; `cloned` makes the chip use a key other than the one DG14 publishes.
    init(cloned: Bool) throws(ChipCardError) {
        guard let curve = PACECurve(parameterID: 12) else {
            throw ChipCardError(.cryptography, "NIST P-256 is not available")
        }
        let published = try curve.randomPrivateKey()
        let key = ChipAuthenticationPublicKeyInfo(curve: curve, publicPoint: try curve.multiply(published))
        self.dataGroup14 = SecurityInfos.encodeDataGroup14([
            ChipAuthenticationInfo(cipher: .tripleDES).encoded, key.encoded,
        ])
        self.privateKey = cloned ? try curve.randomPrivateKey() : published
        self.curve = curve
    }
}

extension SimulatedChip {
    /// MSE:Set KAT (ICAO Doc 9303 part 11 §6.2): the session keys from the terminal's ephemeral
    /// key (tag `91`) and the chip's private key, taking effect after this reply; `6D00` when the
    /// chip has no chip-authentication key.
    func setKeyAgreementTemplate(_ data: [UInt8]) -> (session: SecureMessaging?, statusWord: UInt16) {
        guard let key = chipAuthenticationKey else { return (nil, 0x6D00) }
        guard let objects = try? BERTLV.sequence(parsing: data),
            let point = objects.first(where: { $0.tag == 0x91 })?.value,
            let secret = try? key.curve.sharedSecret(key.privateKey, point)
        else { return (nil, 0x6A80) }
        return (SecureMessaging(cipher: SymmetricAlgorithm.tripleDES.cipher(sharedSecret: secret)), 0x9000)
    }
}
