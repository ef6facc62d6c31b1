internal import COpenSSL

/// AES in ECB and CBC mode through the system OpenSSL libcrypto, whole 16-byte blocks only, and
/// the CMAC of NIST SP 800-38B built on it.
///
/// ICAO 9303-11 §9.8 uses AES-CBC for the data of secure messaging and PACE's encrypted nonce,
/// AES-ECB to turn the send sequence counter into an IV, and CMAC truncated to 8 bytes as the MAC.
package enum AES {
    /// The block size in bytes.
    package static let blockSize = 16

    /// Encrypts whole blocks in CBC mode with `iv` (zero when `nil`).
    ///
    /// - Throws: ``ChipCardError`` `cryptography` for a key that is not 16, 24 or 32 bytes, an IV
    ///   that is not 16 bytes, or a length that is not a multiple of 16.
    package static func encryptCBC(key: [UInt8], iv: [UInt8]? = nil, _ data: [UInt8]) throws(ChipCardError) -> [UInt8] {
        try run(key: key, iv: iv ?? zeroBlock, encrypt: true, data)
    }

    /// Decrypts whole blocks in CBC mode with `iv` (zero when `nil`).
    ///
    /// - Throws: ``ChipCardError`` `cryptography`.
    package static func decryptCBC(key: [UInt8], iv: [UInt8]? = nil, _ data: [UInt8]) throws(ChipCardError) -> [UInt8] {
        try run(key: key, iv: iv ?? zeroBlock, encrypt: false, data)
    }

    /// Encrypts whole blocks in ECB mode.
    ///
    /// - Throws: ``ChipCardError`` `cryptography`.
    package static func encryptECB(key: [UInt8], _ data: [UInt8]) throws(ChipCardError) -> [UInt8] {
        try run(key: key, iv: nil, encrypt: true, data)
    }

    /// The 16-byte CMAC of `data` (NIST SP 800-38B): subkeys from encrypting the zero block, the
    /// last block masked with `K1` when whole or padded `80 00…` and masked with `K2`.
    ///
    /// - Throws: ``ChipCardError`` `cryptography`.
    package static func cmac(key: [UInt8], _ data: [UInt8]) throws(ChipCardError) -> [UInt8] {
        let first = subkey(try encryptECB(key: key, zeroBlock))
        let second = subkey(first)
        var message = data
        let mask: [UInt8]
        if !message.isEmpty, message.count % blockSize == 0 {
            mask = first
        } else {
            message.append(0x80)
            while message.count % blockSize != 0 { message.append(0) }
            mask = second
        }
        let lastStart = message.count - blockSize
        for index in 0..<blockSize { message[lastStart + index] ^= mask[index] }
        return Array(try encryptCBC(key: key, message).suffix(blockSize))
    }

    private static let zeroBlock = [UInt8](repeating: 0, count: blockSize)

    /// Doubling in GF(2¹²⁸): shift left one bit, fold the carry back with `0x87`.
    private static func subkey(_ block: [UInt8]) -> [UInt8] {
        var shifted = [UInt8](repeating: 0, count: blockSize)
        for index in 0..<blockSize {
            let next = index + 1 < blockSize ? block[index + 1] >> 7 : 0
            shifted[index] = block[index] << 1 | next
        }
        if block[0] & 0x80 != 0 { shifted[blockSize - 1] ^= 0x87 }
        return shifted
    }

    private static func run(key: [UInt8], iv: [UInt8]?, encrypt: Bool, _ data: [UInt8]) throws(ChipCardError) -> [UInt8]
    {
        guard let cipher = cipher(keyLength: key.count, cbc: iv != nil) else {
            throw ChipCardError(.cryptography, "an AES key has 16, 24 or 32 bytes")
        }
        guard iv == nil || iv?.count == blockSize else { throw ChipCardError(.cryptography, "an AES IV has 16 bytes") }
        guard data.count % blockSize == 0 else { throw ChipCardError(.cryptography, "AES takes whole 16-byte blocks") }
        if data.isEmpty { return [] }
        guard let context = EVP_CIPHER_CTX_new() else { throw ChipCardError(.cryptography, "OpenSSL AES failed") }
        defer { EVP_CIPHER_CTX_free(context) }
        var output = [UInt8](repeating: 0, count: data.count + blockSize)
        var written: Int32 = 0
        var finalWritten: Int32 = 0
        let mode: Int32 = encrypt ? 1 : 0
        let initialized =
            iv.map { EVP_CipherInit_ex(context, cipher, nil, key, $0, mode) }
            ?? EVP_CipherInit_ex(context, cipher, nil, key, nil, mode)
        let ok =
            initialized == 1
            && EVP_CIPHER_CTX_set_padding(context, 0) == 1
            && EVP_CipherUpdate(context, &output, &written, data, Int32(data.count)) == 1
            && output.withUnsafeMutableBufferPointer { buffer in
                EVP_CipherFinal_ex(context, buffer.baseAddress.map { $0 + Int(written) }, &finalWritten) == 1
            }
        guard ok, Int(written + finalWritten) == data.count else {
            throw ChipCardError(.cryptography, "OpenSSL AES failed")
        }
        return Array(output.prefix(data.count))
    }

    private static func cipher(keyLength: Int, cbc: Bool) -> OpaquePointer? {
        switch (keyLength, cbc) {
        case (16, true): Ciphers.cbc128
        case (24, true): Ciphers.cbc192
        case (32, true): Ciphers.cbc256
        case (16, false): Ciphers.ecb128
        case (24, false): Ciphers.ecb192
        case (32, false): Ciphers.ecb256
        default: nil
        }
    }
}

/// The AES ciphers fetched from OpenSSL's default provider once. A fetched cipher is immutable
/// and may be shared between threads.
private enum Ciphers {
    nonisolated(unsafe) static let cbc128: OpaquePointer? = EVP_CIPHER_fetch(nil, "AES-128-CBC", nil)
    nonisolated(unsafe) static let cbc192: OpaquePointer? = EVP_CIPHER_fetch(nil, "AES-192-CBC", nil)
    nonisolated(unsafe) static let cbc256: OpaquePointer? = EVP_CIPHER_fetch(nil, "AES-256-CBC", nil)
    nonisolated(unsafe) static let ecb128: OpaquePointer? = EVP_CIPHER_fetch(nil, "AES-128-ECB", nil)
    nonisolated(unsafe) static let ecb192: OpaquePointer? = EVP_CIPHER_fetch(nil, "AES-192-ECB", nil)
    nonisolated(unsafe) static let ecb256: OpaquePointer? = EVP_CIPHER_fetch(nil, "AES-256-ECB", nil)
}
