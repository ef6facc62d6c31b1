internal import Crypto

/// The block cipher and MAC of a secure-messaging session (ICAO 9303-11 §9.8): 2-key 3DES with
/// the retail MAC after BAC or PACE-3DES, AES with CMAC after PACE-AES.
///
/// ``SecureMessaging`` protects and checks APDUs through this protocol alone, so the reader and
/// the simulated chip handle both kinds of session the same way.
package protocol SecureMessagingCipher: Sendable {
    /// The cipher's block size: 8 for 3DES, 16 for AES. The send sequence counter has this size.
    var blockSize: Int { get }
    /// Encrypts data already padded to whole blocks for the command or reply numbered `counter`.
    func encrypt(_ padded: [UInt8], counter: [UInt8]) throws(ChipCardError) -> [UInt8]
    /// Decrypts whole blocks for the command or reply numbered `counter`.
    func decrypt(_ encrypted: [UInt8], counter: [UInt8]) throws(ChipCardError) -> [UInt8]
    /// The 8-byte MAC of `data`, which the cipher pads (ISO/IEC 9797-1 method 2) first.
    func mac(_ data: [UInt8]) throws(ChipCardError) -> [UInt8]
    /// The 8-byte PACE authentication token of a public-key data object (ICAO 9303-11 §4.4.3.4).
    func authenticationToken(_ data: [UInt8]) throws(ChipCardError) -> [UInt8]
}

extension SecureMessagingCipher {
    /// `data` padded to this cipher's blocks (ISO/IEC 9797-1 method 2).
    package func pad(_ data: [UInt8]) -> [UInt8] { Padding.pad(data, blockSize: blockSize) }
}

/// ISO/IEC 9797-1 padding method 2: `80`, then `00` up to a whole block.
package enum Padding {
    /// Appends `80` then `00` up to a multiple of `blockSize` (always pads).
    package static func pad(_ data: [UInt8], blockSize: Int) -> [UInt8] {
        var padded = data
        padded.append(0x80)
        while padded.count % blockSize != 0 { padded.append(0) }
        return padded
    }

    /// Removes the padding, or `nil` when the bytes are not padded that way within one block.
    package static func unpad(_ data: [UInt8], blockSize: Int) -> [UInt8]? {
        var end = data.count
        while end > 0, data[end - 1] == 0 { end -= 1 }
        guard end > 0, data[end - 1] == 0x80, data.count - end < blockSize else { return nil }
        return Array(data[..<(end - 1)])
    }
}

/// 2-key 3DES in CBC mode with a zero IV and the retail MAC (ICAO 9303-11 §9.8.6.1).
package struct TripleDESCipher: SecureMessagingCipher {
    /// `KSenc` and `KSmac`.
    package let keys: SessionKeys

    /// A cipher from its session keys.
    package init(keys: SessionKeys) { self.keys = keys }

    /// 8.
    package var blockSize: Int { 8 }

    /// 3DES-CBC, IV zero (the counter is not used).
    package func encrypt(_ padded: [UInt8], counter: [UInt8]) throws(ChipCardError) -> [UInt8] {
        try TripleDES.encryptCBC(key: keys.encryption, padded)
    }

    /// 3DES-CBC, IV zero.
    package func decrypt(_ encrypted: [UInt8], counter: [UInt8]) throws(ChipCardError) -> [UInt8] {
        try TripleDES.decryptCBC(key: keys.encryption, encrypted)
    }

    /// The retail MAC.
    package func mac(_ data: [UInt8]) throws(ChipCardError) -> [UInt8] { try RetailMAC.mac(key: keys.mac, data) }

    /// The retail MAC of the padded data object.
    package func authenticationToken(_ data: [UInt8]) throws(ChipCardError) -> [UInt8] { try mac(data) }
}

/// AES in CBC mode with the IV `E(KSenc, SSC)` and CMAC truncated to 8 bytes (ICAO 9303-11
/// §9.8.6.2, §9.8.7.2), with 128-, 192- or 256-bit keys.
package struct AESCipher: SecureMessagingCipher {
    /// `KSenc`.
    package let encryptionKey: [UInt8]
    /// `KSmac`.
    package let macKey: [UInt8]

    /// A cipher from its session keys, each 16, 24 or 32 bytes.
    package init(encryptionKey: [UInt8], macKey: [UInt8]) {
        self.encryptionKey = encryptionKey
        self.macKey = macKey
    }

    /// 16.
    package var blockSize: Int { AES.blockSize }

    /// AES-CBC with the IV `E(KSenc, counter)`.
    package func encrypt(_ padded: [UInt8], counter: [UInt8]) throws(ChipCardError) -> [UInt8] {
        try AES.encryptCBC(key: encryptionKey, iv: try AES.encryptECB(key: encryptionKey, counter), padded)
    }

    /// AES-CBC with the IV `E(KSenc, counter)`.
    package func decrypt(_ encrypted: [UInt8], counter: [UInt8]) throws(ChipCardError) -> [UInt8] {
        try AES.decryptCBC(key: encryptionKey, iv: try AES.encryptECB(key: encryptionKey, counter), encrypted)
    }

    /// CMAC of the padded data, first 8 bytes.
    package func mac(_ data: [UInt8]) throws(ChipCardError) -> [UInt8] { try authenticationToken(pad(data)) }

    /// CMAC of the data object as it is (no padding), first 8 bytes.
    package func authenticationToken(_ data: [UInt8]) throws(ChipCardError) -> [UInt8] {
        Array(try AES.cmac(key: macKey, data).prefix(8))
    }
}

/// The symmetric algorithm a PACE protocol names, with the key derivation function of ICAO
/// 9303-11 §9.7.1: `KDF(K, c) = H(K ‖ c)` with `c` a 32-bit big-endian counter (1 for `KSenc`,
/// 2 for `KSmac`, 3 for the password key `K_π`); H is SHA-1 for 3DES and AES-128, SHA-256 for
/// AES-192 and AES-256, its output cut to the key length.
package enum SymmetricAlgorithm: Int, Hashable, Sendable, CaseIterable {
    /// 2-key 3DES, 16-byte keys.
    case tripleDES = 1
    /// AES with 128-bit keys.
    case aes128 = 2
    /// AES with 192-bit keys.
    case aes192 = 3
    /// AES with 256-bit keys.
    case aes256 = 4

    /// The key length in bytes.
    package var keyLength: Int {
        switch self {
        case .tripleDES, .aes128: 16
        case .aes192: 24
        case .aes256: 32
        }
    }

    /// `KDF(secret, counter)`.
    package func deriveKey(_ secret: [UInt8], counter: UInt8) -> [UInt8] {
        let input = secret + [0, 0, 0, counter]
        switch self {
        case .tripleDES: return SessionKeys.derive(seed: secret, counter: counter)
        case .aes128: return Array(Insecure.SHA1.hash(data: input).prefix(16))
        case .aes192: return Array(SHA256.hash(data: input).prefix(24))
        case .aes256: return Array(SHA256.hash(data: input))
        }
    }

    /// The secure-messaging cipher keyed from a shared secret (`KSenc = KDF(K, 1)`, `KSmac = KDF(K, 2)`).
    package func cipher(sharedSecret: [UInt8]) -> any SecureMessagingCipher {
        if self == .tripleDES { return TripleDESCipher(keys: SessionKeys(seed: sharedSecret)) }
        return AESCipher(
            encryptionKey: deriveKey(sharedSecret, counter: 1),
            macKey: deriveKey(sharedSecret, counter: 2)
        )
    }

    /// Decrypts PACE's nonce with the password key, CBC and a zero IV.
    package func decryptNonce(_ encrypted: [UInt8], key: [UInt8]) throws(ChipCardError) -> [UInt8] {
        self == .tripleDES ? try TripleDES.decryptCBC(key: key, encrypted) : try AES.decryptCBC(key: key, encrypted)
    }

    /// Encrypts PACE's nonce with the password key, CBC and a zero IV (the chip's side).
    package func encryptNonce(_ nonce: [UInt8], key: [UInt8]) throws(ChipCardError) -> [UInt8] {
        self == .tripleDES ? try TripleDES.encryptCBC(key: key, nonce) : try AES.encryptCBC(key: key, nonce)
    }
}
