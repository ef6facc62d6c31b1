internal import COpenSSL

/// Two-key triple DES and single DES through the system OpenSSL libcrypto, whole blocks only.
///
/// ICAO 9303 uses 2-key 3DES in CBC mode with a zero IV for secure messaging and BAC, and single
/// DES inside the retail MAC. Single DES is 3DES with both key halves equal, which keeps it in
/// OpenSSL's default provider.
package enum TripleDES {
    /// Encrypts whole 8-byte blocks with 2-key 3DES in CBC mode, IV zero.
    ///
    /// - Throws: ``ChipCardError`` `cryptography` for a key that is not 16 bytes or a length that
    ///   is not a multiple of 8.
    package static func encryptCBC(key: [UInt8], _ data: [UInt8]) throws(ChipCardError) -> [UInt8] {
        try run(key: key, cbc: true, encrypt: true, data)
    }

    /// Decrypts whole 8-byte blocks with 2-key 3DES in CBC mode, IV zero.
    ///
    /// - Throws: ``ChipCardError`` `cryptography`.
    package static func decryptCBC(key: [UInt8], _ data: [UInt8]) throws(ChipCardError) -> [UInt8] {
        try run(key: key, cbc: true, encrypt: false, data)
    }

    /// Encrypts one or more blocks with single DES in ECB mode (an 8-byte key).
    ///
    /// - Throws: ``ChipCardError`` `cryptography`.
    package static func encryptSingleDES(key: [UInt8], _ data: [UInt8]) throws(ChipCardError) -> [UInt8] {
        guard key.count == 8 else { throw ChipCardError(.cryptography, "a DES key has 8 bytes") }
        return try run(key: key + key, cbc: false, encrypt: true, data)
    }

    static func run(key: [UInt8], cbc: Bool, encrypt: Bool, _ data: [UInt8]) throws(ChipCardError) -> [UInt8] {
        guard key.count == 16 else { throw ChipCardError(.cryptography, "a 2-key 3DES key has 16 bytes") }
        guard data.count % 8 == 0 else { throw ChipCardError(.cryptography, "3DES takes whole 8-byte blocks") }
        if data.isEmpty { return [] }
        var output = [UInt8](repeating: 0, count: data.count)
        let status = key.withUnsafeBufferPointer { keyPointer in
            data.withUnsafeBufferPointer { input in
                output.withUnsafeMutableBufferPointer { out in
                    chipchart_des_ede(
                        cbc ? Ciphers.cbc : Ciphers.ecb,
                        keyPointer.baseAddress,
                        cbc ? 1 : 0,
                        encrypt ? 1 : 0,
                        input.baseAddress,
                        input.count,
                        out.baseAddress
                    )
                }
            }
        }
        guard status == 1 else { throw ChipCardError(.cryptography, "OpenSSL DES-EDE failed") }
        return output
    }
}

/// DES-EDE fetched from OpenSSL's default provider once, not on every operation. A fetched
/// cipher is immutable and may be shared between threads.
private enum Ciphers {
    nonisolated(unsafe) static let cbc: OpaquePointer? = EVP_CIPHER_fetch(nil, "DES-EDE-CBC", nil)
    nonisolated(unsafe) static let ecb: OpaquePointer? = EVP_CIPHER_fetch(nil, "DES-EDE-ECB", nil)
}

/// The ISO/IEC 9797-1 MAC algorithm 3 with DES ("retail MAC") and padding method 2.
package enum RetailMAC {
    /// Appends `80` then `00` up to a multiple of 8 (padding method 2; always pads).
    package static func pad(_ data: [UInt8]) -> [UInt8] { Padding.pad(data, blockSize: 8) }

    /// Removes padding method 2, or `nil` when the bytes are not padded that way.
    package static func unpad(_ data: [UInt8]) -> [UInt8]? { Padding.unpad(data, blockSize: 8) }

    /// The 8-byte MAC of `data` (padded here) under a 16-byte key `Ka ‖ Kb`: single-DES CBC with
    /// `Ka` over every block, then the last block decrypted with `Kb` and encrypted with `Ka`.
    ///
    /// - Throws: ``ChipCardError`` `cryptography` for a key that is not 16 bytes.
    package static func mac(key: [UInt8], _ data: [UInt8]) throws(ChipCardError) -> [UInt8] {
        guard key.count == 16 else { throw ChipCardError(.cryptography, "a retail MAC key has 16 bytes") }
        let ka = Array(key[0..<8])
        let kb = Array(key[8..<16])
        let chained = try TripleDES.run(key: ka + ka, cbc: true, encrypt: true, pad(data))
        let last = Array(chained.suffix(8))
        let decrypted = try TripleDES.run(key: kb + kb, cbc: false, encrypt: false, last)
        return try TripleDES.run(key: ka + ka, cbc: false, encrypt: true, decrypted)
    }

    /// Compares two MACs in time independent of where they differ.
    package static func equal(_ lhs: [UInt8], _ rhs: [UInt8]) -> Bool {
        guard lhs.count == rhs.count else { return false }
        var difference: UInt8 = 0
        for index in lhs.indices { difference |= lhs[index] ^ rhs[index] }
        return difference == 0
    }
}
