internal import COpenSSL
internal import ChipChart

/// Active authentication (ICAO Doc 9303 part 11 §6.1): the reader sends an 8-byte random
/// challenge with INTERNAL AUTHENTICATE and checks the chip's signature over it with DG15's key.
///
/// An RSA key signs with ISO/IEC 9796-2 digital signature scheme 1 (partial message recovery):
/// the recovered message is `6A ‖ M1 ‖ H(M1 ‖ challenge) ‖ trailer`, the trailer `BC` meaning
/// SHA-1 and `xx CC` naming the hash by its ISO/IEC 10118-3 identifier `xx`. An elliptic-curve
/// key signs with ECDSA, the signature being plain `r ‖ s`, the hash the one DG14's
/// ActiveAuthenticationInfo names or, without one, the one matching the key size (BSI TR-03111).
public enum ActiveAuthentication {
    /// The length of the reader's challenge.
    public static let challengeLength = 8

    /// The INTERNAL AUTHENTICATE command carrying a challenge (`00 88 00 00`, any reply length).
    public static func command(challenge: [UInt8]) -> CommandAPDU {
        CommandAPDU(instruction: 0x88, parameter1: 0, parameter2: 0, data: challenge, expectedLength: 256)
    }

    /// Reads DG15 when `sod` lists it and, when the chip has one, runs active authentication: the
    /// outcome and DG15's bytes (for passive authentication to check against EF.SOD). A DG15
    /// that `sod` does not list is not selected.
    ///
    /// - Throws: ``ChipCardError``: `malformedData` for a DG15 that holds no usable key; the
    ///   secure-messaging and transport errors.
    static func perform(
        over channel: inout SecureChannel,
        listedIn sod: SecurityObject
    ) async throws -> (CardReading.CloneCheck, [UInt8]?) {
        guard let bytes = try await channel.readFileIfListed(.dg15, in: sod) else { return (.notOffered, nil) }
        return (try await run(over: &channel, key: try DataGroup15(bytes: bytes)), bytes)
    }

    /// Runs active authentication over the secure channel with a fresh random challenge.
    ///
    /// - Throws: ``ChipCardError`` from secure messaging or the transport; a chip that refuses
    ///   INTERNAL AUTHENTICATE or signs wrongly is not an error but ``ChipChart/CardReading/CloneCheck/failed``.
    static func run(over channel: inout SecureChannel, key: DataGroup15) async throws -> CardReading.CloneCheck {
        var generator = SystemRandomNumberGenerator()
        let challenge = (0..<challengeLength).map { _ in UInt8.random(in: 0...255, using: &generator) }
        let reply = try await channel.send(command(challenge: challenge))
        guard reply.statusWord == 0x9000 else { return .failed }
        return verify(signature: reply.data, challenge: challenge, key: key) ? .passed : .failed
    }

    /// Whether the chip's reply to INTERNAL AUTHENTICATE is a valid signature over the challenge
    /// with DG15's key. Any malformed reply is simply not valid.
    ///
    /// - Parameter hash: for an elliptic-curve key, the hash DG14's ActiveAuthenticationInfo
    ///   names; nil picks the one matching the key size.
    public static func verify(
        signature: [UInt8],
        challenge: [UInt8],
        key: DataGroup15,
        hash: HashAlgorithm? = nil
    ) -> Bool {
        switch key.keyType {
        case .rsa:
            guard let recovered = recoverRSA(signature: signature, key: key) else { return false }
            return ISO9796Message.verify(recovered: recovered, challenge: challenge)
        case .ellipticCurve(let bits):
            return verifyECDSA(
                signature: signature,
                message: challenge,
                key: key,
                hash: hash ?? (bits <= 256 ? .sha256 : bits <= 384 ? .sha384 : .sha512)
            )
        }
    }

    /// The message representative an RSA signature recovers (`s^e mod n`), or nil when the
    /// signature is not the modulus's size or not below the modulus.
    static func recoverRSA(signature: [UInt8], key: DataGroup15) -> [UInt8]? {
        guard case .rsa(let bits) = key.keyType, signature.count == (bits + 7) / 8,
            let publicKey = DataGroup15.publicKey(key.subjectPublicKeyInfo)
        else { return nil }
        defer { EVP_PKEY_free(publicKey) }
        guard let context = EVP_PKEY_CTX_new(publicKey, nil) else { return nil }
        defer { EVP_PKEY_CTX_free(context) }
        var output = [UInt8](repeating: 0, count: signature.count)
        var length = output.count
        let ok =
            EVP_PKEY_verify_recover_init(context) == 1
            && EVP_PKEY_CTX_set_rsa_padding(context, RSA_NO_PADDING) == 1
            && EVP_PKEY_verify_recover(context, &output, &length, signature, signature.count) == 1
        ERR_clear_error()
        guard ok, length <= output.count else { return nil }
        return [UInt8](repeating: 0, count: output.count - length) + output[0..<length]
    }

    /// Whether a plain `r ‖ s` ECDSA signature over a message verifies with DG15's key.
    static func verifyECDSA(signature: [UInt8], message: [UInt8], key: DataGroup15, hash: HashAlgorithm) -> Bool {
        guard let der = ECDSASignature.der(plain: signature), let digest = hash.openSSLDigest,
            let publicKey = DataGroup15.publicKey(key.subjectPublicKeyInfo)
        else { return false }
        defer { EVP_PKEY_free(publicKey) }
        guard let context = EVP_MD_CTX_new() else { return false }
        defer { EVP_MD_CTX_free(context) }
        let verified =
            EVP_DigestVerifyInit(context, nil, digest, nil, publicKey) == 1
            && EVP_DigestVerify(context, der, der.count, message, message.count) == 1
        ERR_clear_error()
        return verified
    }
}

extension HashAlgorithm {
    /// OpenSSL's digest for the algorithm.
    var openSSLDigest: OpaquePointer? {
        switch name {
        case "SHA-1": return EVP_sha1()
        case "SHA-384": return EVP_sha384()
        case "SHA-512": return EVP_sha512()
        default: return EVP_sha256()
        }
    }
}
