/// Password authenticated connection establishment, PACE (ICAO 9303-11 §4.4), with ECDH generic
/// mapping: MSE:Set AT, then four GENERAL AUTHENTICATE steps — the encrypted nonce, the mapping,
/// the key agreement and the mutual authentication tokens — ending in a secure-messaging session
/// whose send sequence counter starts at 0.
package struct PACE: Sendable {
    /// The terminal's ephemeral private keys; random unless given (known-answer tests).
    package struct EphemeralKeys: Sendable {
        /// The mapping key `SK_Map,IFD`.
        package var mapping: [UInt8]
        /// The key-agreement key `SK_DH,IFD`.
        package var agreement: [UInt8]
    }

    /// The protocol, cipher and domain parameters the chip offers.
    package let info: PACEInfo
    /// The password.
    package let password: PACEPassword
    /// True to name the domain parameters in MSE:Set AT (tag `84`), as when the chip offers several.
    package let namesParameters: Bool

    /// A PACE run for one of the chip's `PACEInfo`s.
    package init(info: PACEInfo, password: PACEPassword, namesParameters: Bool = false) {
        self.info = info
        self.password = password
        self.namesParameters = namesParameters
    }

    /// Runs the protocol.
    ///
    /// - Throws: ``ChipCardError``: `accessControlFailed` when the chip refuses a step (a wrong
    ///   password ends at the tokens), its token does not verify or a point is invalid;
    ///   `malformedResponse` for a reply that is not the object the step expects;
    ///   `cryptography`; the transport's errors.
    package func establish(
        over transport: any APDUTransport,
        ephemeralKeys: EphemeralKeys? = nil
    ) async throws -> SecureMessaging {
        guard info.isSupported, let curve = info.curve, let cipher = info.cipher else {
            throw ChipCardError(.accessControlFailed, "PACE protocol \(info.protocolIdentifier) is not supported")
        }
        var setAT = BERTLV.encode(tag: 0x80, value: info.protocolIdentifier.encoded)
        setAT += BERTLV.encode(tag: 0x83, value: [password.reference])
        if namesParameters, let parameterID = info.parameterID {
            setAT += BERTLV.encode(tag: 0x84, value: [UInt8(truncatingIfNeeded: parameterID)])
        }
        let mse = CommandAPDU(instruction: 0x22, parameter1: 0xC1, parameter2: 0xA4, data: setAT)
        _ = try await step(mse, "MSE:Set AT", over: transport)
        let encryptedNonce = try GeneralAuthenticate.value(
            of: 0x80,
            in: try await step(.init(generalAuthenticate: nil, []), "the nonce", over: transport)
        )
        guard encryptedNonce.count % (cipher == .tripleDES ? 8 : 16) == 0 else {
            throw ChipCardError(.malformedResponse, "the encrypted nonce is not whole blocks")
        }
        let nonce = try cipher.decryptNonce(encryptedNonce, key: password.key(for: cipher))
        let mappingKey = try ephemeralKeys?.mapping ?? curve.randomPrivateKey()
        let chipMapping = try GeneralAuthenticate.value(
            of: 0x82,
            in: try await step(
                .init(generalAuthenticate: 0x81, try curve.multiply(mappingKey)),
                "mapping",
                over: transport
            )
        )
        let generator = try curve.mapGenerator(nonce: nonce, sharedPoint: try curve.multiply(mappingKey, chipMapping))
        let agreementKey = try ephemeralKeys?.agreement ?? curve.randomPrivateKey()
        let terminalPoint = try curve.multiply(agreementKey, generator)
        let chipPoint = try GeneralAuthenticate.value(
            of: 0x84,
            in: try await step(.init(generalAuthenticate: 0x83, terminalPoint), "key agreement", over: transport)
        )
        guard chipPoint != terminalPoint else {
            throw ChipCardError(.accessControlFailed, "the chip's ephemeral key equals the terminal's")
        }
        let session = cipher.cipher(sharedSecret: try curve.sharedSecret(agreementKey, chipPoint))
        let token = try session.authenticationToken(
            GeneralAuthenticate.publicKeyObject(protocol: info.protocolIdentifier, point: chipPoint)
        )
        let authentication = GeneralAuthenticate.command(tag: 0x85, value: token, last: true)
        let chipToken = try GeneralAuthenticate.value(
            of: 0x86,
            in: try await step(authentication, "mutual authentication", over: transport)
        )
        let expected = try session.authenticationToken(
            GeneralAuthenticate.publicKeyObject(protocol: info.protocolIdentifier, point: terminalPoint)
        )
        guard RetailMAC.equal(expected, chipToken) else {
            throw ChipCardError(.accessControlFailed, "the chip's PACE authentication token does not verify")
        }
        return SecureMessaging(cipher: session, sendSequenceCounter: 0)
    }

    /// Sends one unprotected command and returns its data; a refusal is `accessControlFailed`.
    private func step(
        _ command: CommandAPDU,
        _ name: String,
        over transport: any APDUTransport
    ) async throws
        -> [UInt8]
    {
        let reply = try ResponseAPDU(bytes: try await transport.transmit(command.bytes))
        try reply.requireAccessGranted(
            "the chip refused PACE (\(name)): the password does not fit or the protocol is not offered"
        )
        return reply.data
    }
}

extension CommandAPDU {
    /// A chained GENERAL AUTHENTICATE step of PACE (``GeneralAuthenticate/command(tag:value:last:)``).
    init(generalAuthenticate tag: UInt8?, _ value: [UInt8]) {
        self = GeneralAuthenticate.command(tag: tag, value: value, last: false)
    }
}
