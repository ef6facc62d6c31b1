internal import COpenSSL
public import ChipCard

/// An active-authentication key pair made on the spot for the simulated chip: RSA (signing with
/// ISO/IEC 9796-2 scheme 1) or ECDSA P-256 (plain `r ‖ s`), as ICAO Doc 9303 part 11 §6.1 has it.
///
/// ```swift
/// let key = try SimulatedActiveAuthenticationKey(.rsa(bits: 1024))
/// let challenge: [UInt8] = [0x01, 0x23, 0x45, 0x67, 0x89, 0xAB, 0xCD, 0xEF]
/// let signature = try key.sign(challenge: challenge)
/// ```
public struct SimulatedActiveAuthenticationKey: Sendable {
    /// The kind of key to generate.
    public enum Kind: Hashable, Sendable {
        /// RSA with a modulus of this many bits (1024 or 2048).
        case rsa(bits: Int)
        /// ECDSA on NIST P-256.
        case p256
    }

    /// The kind of key.
    public let kind: Kind
    /// The DER SubjectPublicKeyInfo.
    public let subjectPublicKeyInfo: [UInt8]
    private let privateKey: [UInt8]

    /// Generates a key pair.
    ///
    /// - Throws: ``ChipCardError`` `cryptography` when OpenSSL fails.
    public init(_ kind: Kind) throws(ChipCardError) {
        guard let key = SimulatedActiveAuthenticationKey.generate(kind) else {
            throw ChipCardError(.cryptography, "OpenSSL could not generate an active-authentication key")
        }
        defer { EVP_PKEY_free(key) }
        guard let publicDER = OpenSSLDER.encode(key, i2d_PUBKEY),
            let privateDER = OpenSSLDER.encode(key, i2d_PrivateKey)
        else {
            throw ChipCardError(.cryptography, "OpenSSL could not encode an active-authentication key")
        }
        self.kind = kind
        self.subjectPublicKeyInfo = publicDER
        self.privateKey = privateDER
    }

    /// DG15's file contents for this key.
    public var dataGroup15: [UInt8] { DataGroup15.encode(subjectPublicKeyInfo: subjectPublicKeyInfo) }

    /// The chip's reply to INTERNAL AUTHENTICATE: the signature over the challenge.
    ///
    /// - Throws: ``ChipCardError`` `cryptography` when OpenSSL fails.
    public func sign(challenge: [UInt8], m1 seed: UInt8 = 0x5A) throws(ChipCardError) -> [UInt8] {
        let key = privateKey.withUnsafeBufferPointer { buffer -> OpaquePointer? in
            var cursor: UnsafePointer<UInt8>? = buffer.baseAddress
            return d2i_AutoPrivateKey(nil, &cursor, buffer.count)
        }
        guard let key else { throw ChipCardError(.cryptography, "the active-authentication key does not load") }
        defer { EVP_PKEY_free(key) }
        let signature: [UInt8]?
        switch kind {
        case .rsa(let bits):
            let size = (bits + 7) / 8
            let m1 = [UInt8](repeating: seed, count: size - 1 - 20 - 1)
            signature = Self.rawRSA(key, ISO9796Message.encode(m1: m1, challenge: challenge, hash: .sha1))
        case .p256:
            signature = Self.ecdsa(key, challenge).flatMap { ECDSASignature.plain(der: $0, size: 32) }
        }
        guard let signature else { throw ChipCardError(.cryptography, "OpenSSL could not sign the challenge") }
        return signature
    }

    private static func generate(_ kind: Kind) -> OpaquePointer? {
        guard case .rsa(let bits) = kind else { return chipchart_generate_p256_key() }
        guard let context = EVP_PKEY_CTX_new_id(EVP_PKEY_RSA, nil) else { return nil }
        defer { EVP_PKEY_CTX_free(context) }
        var key: OpaquePointer?
        guard EVP_PKEY_keygen_init(context) == 1, EVP_PKEY_CTX_set_rsa_keygen_bits(context, Int32(bits)) == 1,
            EVP_PKEY_keygen(context, &key) == 1
        else { return nil }
        return key
    }

    private static func rawRSA(_ key: OpaquePointer, _ message: [UInt8]) -> [UInt8]? {
        guard let context = EVP_PKEY_CTX_new(key, nil) else { return nil }
        defer { EVP_PKEY_CTX_free(context) }
        var output = [UInt8](repeating: 0, count: message.count)
        var length = output.count
        guard EVP_PKEY_sign_init(context) == 1, EVP_PKEY_CTX_set_rsa_padding(context, RSA_NO_PADDING) == 1,
            EVP_PKEY_sign(context, &output, &length, message, message.count) == 1
        else { return nil }
        return [UInt8](repeating: 0, count: output.count - length) + output[0..<length]
    }

    private static func ecdsa(_ key: OpaquePointer, _ message: [UInt8]) -> [UInt8]? {
        guard let context = EVP_MD_CTX_new() else { return nil }
        defer { EVP_MD_CTX_free(context) }
        var length = 0
        guard EVP_DigestSignInit(context, nil, EVP_sha256(), nil, key) == 1,
            EVP_DigestSign(context, nil, &length, message, message.count) == 1
        else { return nil }
        var output = [UInt8](repeating: 0, count: length)
        guard EVP_DigestSign(context, &output, &length, message, message.count) == 1 else { return nil }
        return Array(output.prefix(length))
    }
}
