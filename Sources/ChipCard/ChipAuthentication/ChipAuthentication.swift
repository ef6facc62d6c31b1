internal import ChipChart

/// Chip authentication version 1 with elliptic-curve Diffie–Hellman (ICAO Doc 9303 part 11
/// §6.2): the reader sends an ephemeral public key on the curve of DG14's static key, both sides
/// derive new session keys from the shared secret, and secure messaging restarts with the send
/// sequence counter at 0. Only a chip holding the static private key can answer under the new
/// keys, so a read that succeeds afterwards proves the chip is not a copy.
///
/// With 3DES the key goes in MSE:Set KAT (tag `91`, key identifier in tag `84`); with AES in
/// MSE:Set AT naming the protocol, then GENERAL AUTHENTICATE (tag `80`).
package enum ChipAuthentication {
    /// Reads DG14 when `sod` lists it and, when it offers chip authentication with an
    /// elliptic-curve key this library implements, runs the key agreement and restarts `channel`
    /// under the new keys: the outcome (`passed` meaning the keys were agreed, which the next read
    /// confirms) and DG14's bytes. A DG14 that `sod` does not list is not selected.
    ///
    /// - Throws: ``ChipCardError``: `malformedData` for a malformed DG14; the secure-messaging
    ///   and transport errors. A chip that refuses the key agreement gives `failed`.
    static func perform(
        over channel: inout SecureChannel,
        listedIn sod: SecurityObject
    ) async throws -> (CardReading.CloneCheck, [UInt8]?) {
        guard let bytes = try await channel.readFileIfListed(.dg14, in: sod) else { return (.notOffered, nil) }
        guard let (info, key) = try SecurityInfos(dataGroup14: bytes).chipAuthentication else {
            return (.notOffered, bytes)
        }
        let ephemeralKey = try key.curve.randomPrivateKey()
        for command in commands(info: info, keyID: key.keyID, terminalPoint: try key.curve.multiply(ephemeralKey)) {
            guard try await channel.send(command).isSuccess else { return (.failed, bytes) }
        }
        let secret = try key.curve.sharedSecret(ephemeralKey, key.publicPoint)
        channel = SecureChannel(
            transport: channel.transport,
            session: SecureMessaging(cipher: info.cipher.cipher(sharedSecret: secret), sendSequenceCounter: 0)
        )
        return (.passed, bytes)
    }

    /// The commands that hand the chip the terminal's ephemeral public key.
    package static func commands(
        info: ChipAuthenticationInfo,
        keyID: Int?,
        terminalPoint: [UInt8]
    ) -> [CommandAPDU] {
        let reference = keyID.map { BERTLV.encode(tag: 0x84, value: PACEInfo.integer($0)) } ?? []
        guard info.cipher != .tripleDES else {
            let data = BERTLV.encode(tag: 0x91, value: terminalPoint) + reference
            return [CommandAPDU(instruction: 0x22, parameter1: 0x41, parameter2: 0xA6, data: data)]
        }
        let setAT = BERTLV.encode(tag: 0x80, value: info.protocolIdentifier.encoded) + reference
        return [
            CommandAPDU(instruction: 0x22, parameter1: 0x41, parameter2: 0xA4, data: setAT),
            GeneralAuthenticate.command(tag: 0x80, value: terminalPoint, last: true),
        ]
    }
}

extension ChipCardError {
    /// The error of a chip that fails active or chip authentication under `requiresIntegrity`.
    static func clonedChip(_ protocolName: String) -> ChipCardError {
        ChipCardError(.signatureInvalid, "the chip fails \(protocolName): a cloned chip")
    }
}
