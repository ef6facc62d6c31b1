internal import ChipCard

extension SimulatedChip.Misbehaviour {
    /// A copy of a genuine chip: every file is the original's, DG15 included, but the copy cannot
    /// hold the original's active-authentication private key, so it signs with another and
    /// active authentication fails.
    public static let clonedActiveAuthenticationKey = SimulatedChip.Misbehaviour(kind: .clonedActiveAuthenticationKey)
}

extension SimulatedChip {
    /// The key DG15 publishes and the key the chip signs with: the same one, or another for a
    /// cloned chip.
    static func activeAuthenticationKeys(
        _ kind: SimulatedActiveAuthenticationKey.Kind,
        cloned: Bool
    ) throws(ChipCardError) -> (published: SimulatedActiveAuthenticationKey, signer: SimulatedActiveAuthenticationKey) {
        let published = try SimulatedActiveAuthenticationKey(kind)
        return (published, cloned ? try SimulatedActiveAuthenticationKey(kind) : published)
    }

    /// INTERNAL AUTHENTICATE (ICAO Doc 9303 part 11 §6.1): the signature over the reader's
    /// 8-byte challenge, or `6D00` when the chip has no active-authentication key.
    func internalAuthenticate(_ challenge: [UInt8]) -> ([UInt8], UInt16) {
        guard let signer = activeAuthenticationSigner else { return ([], 0x6D00) }
        guard challenge.count == ActiveAuthentication.challengeLength,
            let signature = try? signer.sign(challenge: challenge)
        else { return ([], 0x6700) }
        return (signature, 0x9000)
    }
}
