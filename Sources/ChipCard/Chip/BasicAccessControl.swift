/// Basic access control (ICAO 9303-11 §4.3): mutual authentication with keys from the MRZ, ending
/// in a secure-messaging session.
///
/// <!-- snippet: context=ChipCardContext -->
/// ```swift
/// let control = BasicAccessControl(key: try BACKey(mrz: mrz))
/// let session = try await control.authenticate(over: transport)
/// ```
package struct BasicAccessControl: Sendable {
    /// The application identifier of the eMRTD LDS1 application.
    package static let applicationIdentifier: [UInt8] = [0xA0, 0x00, 0x00, 0x02, 0x47, 0x10, 0x01]

    /// The key derived from the MRZ.
    package let key: BACKey

    /// Creates the protocol for a key.
    package init(key: BACKey) { self.key = key }

    /// Selects the application, then runs GET CHALLENGE and EXTERNAL AUTHENTICATE with fresh
    /// random `RND.IFD` and `K.IFD`.
    ///
    /// - Throws: ``ChipCardError``: `accessControlFailed` when the chip rejects the key or its
    ///   answer does not verify; `fileNotFound` without the application; the transport's errors.
    package func authenticate(over transport: any APDUTransport) async throws -> SecureMessaging {
        var generator = SystemRandomNumberGenerator()
        let random = (0..<24).map { _ in UInt8.random(in: 0...255, using: &generator) }
        return try await authenticate(
            over: transport,
            terminalRandom: Array(random[0..<8]),
            terminalKey: Array(random[8..<24])
        )
    }

    /// The same with a given `RND.IFD` and `K.IFD` (known-answer tests).
    func authenticate(
        over transport: any APDUTransport,
        terminalRandom: [UInt8],
        terminalKey: [UInt8]
    ) async throws -> SecureMessaging {
        let select = try ResponseAPDU(
            bytes: try await transport.transmit(CommandAPDU.selectApplication(Self.applicationIdentifier).bytes)
        )
        try select.requireSuccess("SELECT application")
        let challenge = try ResponseAPDU(bytes: try await transport.transmit(CommandAPDU.getChallenge.bytes))
        try challenge.requireSuccess("GET CHALLENGE")
        guard challenge.data.count == 8 else {
            throw ChipCardError(.malformedResponse, "GET CHALLENGE returned \(challenge.data.count) bytes, not 8")
        }
        let command = try externalAuthenticateData(
            chipRandom: challenge.data,
            terminalRandom: terminalRandom,
            terminalKey: terminalKey
        )
        let apdu = CommandAPDU(instruction: 0x82, parameter1: 0, parameter2: 0, data: command, expectedLength: 0x28)
        let reply = try ResponseAPDU(bytes: try await transport.transmit(apdu.bytes))
        try reply.requireAccessGranted("the chip rejected EXTERNAL AUTHENTICATE: the MRZ key does not fit")
        return try completeAuthentication(
            reply: reply.data,
            chipRandom: challenge.data,
            terminalRandom: terminalRandom,
            terminalKey: terminalKey
        )
    }

    /// `E_IFD ‖ M_IFD` for EXTERNAL AUTHENTICATE.
    func externalAuthenticateData(
        chipRandom: [UInt8],
        terminalRandom: [UInt8],
        terminalKey: [UInt8]
    ) throws(ChipCardError) -> [UInt8] {
        let keys = key.keys
        let encrypted = try TripleDES.encryptCBC(key: keys.encryption, terminalRandom + chipRandom + terminalKey)
        return encrypted + (try RetailMAC.mac(key: keys.mac, encrypted))
    }

    /// Verifies `E_IC ‖ M_IC`, checks the echoed randoms and derives the session.
    func completeAuthentication(
        reply: [UInt8],
        chipRandom: [UInt8],
        terminalRandom: [UInt8],
        terminalKey: [UInt8]
    ) throws(ChipCardError) -> SecureMessaging {
        guard reply.count == 40 else {
            throw ChipCardError(.accessControlFailed, "EXTERNAL AUTHENTICATE returned \(reply.count) bytes, not 40")
        }
        let keys = key.keys
        let encrypted = Array(reply[0..<32])
        guard RetailMAC.equal(try RetailMAC.mac(key: keys.mac, encrypted), Array(reply[32..<40])) else {
            throw ChipCardError(.accessControlFailed, "the chip's authentication MAC does not verify")
        }
        let plain = try TripleDES.decryptCBC(key: keys.encryption, encrypted)
        guard Array(plain[0..<8]) == chipRandom, Array(plain[8..<16]) == terminalRandom else {
            throw ChipCardError(.accessControlFailed, "the chip did not echo the challenge")
        }
        let chipKey = Array(plain[16..<32])
        let seed = zip(terminalKey, chipKey).map { $0 ^ $1 }
        let counter = SecureMessaging.counter(chipRandom[4..<8] + terminalRandom[4..<8])
        return SecureMessaging(keys: SessionKeys(seed: seed), sendSequenceCounter: counter)
    }
}
