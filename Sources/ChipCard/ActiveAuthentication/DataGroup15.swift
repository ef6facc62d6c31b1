internal import COpenSSL

/// DG15: the public key of the chip's active-authentication key pair (ICAO Doc 9303 part 11
/// §6.1), a DER `SubjectPublicKeyInfo` inside tag `6F`.
///
/// DG15's hash is in EF.SOD, so passive authentication already vouches for the key; active
/// authentication then proves the chip holds the matching private key, which a copied chip
/// cannot.
public struct DataGroup15: Hashable, Sendable {
    /// The kind and size of the public key.
    public enum KeyType: Hashable, Sendable {
        /// An RSA key with a modulus of this many bits (ISO/IEC 9796-2 signatures).
        case rsa(bits: Int)
        /// An elliptic-curve key on a curve of this many bits (plain ECDSA signatures).
        case ellipticCurve(bits: Int)
    }

    /// The largest SubjectPublicKeyInfo handed to OpenSSL (an RSA-4096 key is about 550 bytes).
    static let maximumSize = 0x1000

    /// The DER SubjectPublicKeyInfo.
    public let subjectPublicKeyInfo: [UInt8]
    /// The kind and size of the key.
    public let keyType: KeyType

    /// Parses DG15's file contents.
    ///
    /// - Throws: ``ChipCardError`` `malformedData` when the file is not tag `6F`, or its content
    ///   is not an RSA or elliptic-curve SubjectPublicKeyInfo.
    public init(bytes: [UInt8]) throws(ChipCardError) {
        let element = try BERTLV(parsing: bytes)
        guard element.tag == 0x6F else {
            throw ChipCardError(.malformedData, "DG15 does not start with tag 6F")
        }
        try self.init(subjectPublicKeyInfo: element.value)
    }

    /// A DG15 holding a DER SubjectPublicKeyInfo.
    ///
    /// - Throws: ``ChipCardError`` `malformedData` when the key is not an RSA or elliptic-curve
    ///   SubjectPublicKeyInfo.
    public init(subjectPublicKeyInfo: [UInt8]) throws(ChipCardError) {
        guard !subjectPublicKeyInfo.isEmpty, subjectPublicKeyInfo.count <= DataGroup15.maximumSize,
            let key = DataGroup15.publicKey(subjectPublicKeyInfo)
        else {
            throw ChipCardError(.malformedData, "DG15 holds no readable SubjectPublicKeyInfo")
        }
        defer { EVP_PKEY_free(key) }
        let bits = Int(EVP_PKEY_get_bits(key))
        switch EVP_PKEY_get_base_id(key) {
        case EVP_PKEY_RSA: keyType = .rsa(bits: bits)
        case EVP_PKEY_EC: keyType = .ellipticCurve(bits: bits)
        default: throw ChipCardError(.malformedData, "DG15's key is neither RSA nor elliptic-curve")
        }
        self.subjectPublicKeyInfo = subjectPublicKeyInfo
    }

    /// DG15's file contents for a DER SubjectPublicKeyInfo.
    public static func encode(subjectPublicKeyInfo: [UInt8]) -> [UInt8] {
        BERTLV.encode(tag: 0x6F, value: subjectPublicKeyInfo)
    }

    /// The key as an OpenSSL object the caller frees, or nil when the DER does not parse (or
    /// has bytes left over).
    static func publicKey(_ der: [UInt8]) -> OpaquePointer? {
        der.withUnsafeBufferPointer { buffer -> OpaquePointer? in
            var cursor: UnsafePointer<UInt8>? = buffer.baseAddress
            guard let key = d2i_PUBKEY(nil, &cursor, buffer.count) else {
                ERR_clear_error()
                return nil
            }
            guard let cursor, let base = buffer.baseAddress, cursor - base == buffer.count else {
                EVP_PKEY_free(key)
                return nil
            }
            return key
        }
    }
}
