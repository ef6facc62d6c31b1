internal import COpenSSL

/// Conversion of a plain `r ‖ s` ECDSA signature (BSI TR-03111) to the DER form OpenSSL checks.
package enum ECDSASignature {
    /// The DER `ECDSA-Sig-Value` for plain `r ‖ s`, or nil for an empty or odd-length input.
    package static func der(plain: [UInt8]) -> [UInt8]? {
        guard !plain.isEmpty, plain.count % 2 == 0, plain.count <= 2 * 66,
            let signature = ECDSA_SIG_new()
        else { return nil }
        defer { ECDSA_SIG_free(signature) }
        let half = plain.count / 2
        let r = BN_bin2bn(plain, Int32(half), nil)
        let s = plain.withUnsafeBufferPointer { buffer in
            BN_bin2bn(buffer.baseAddress.map { $0 + half }, Int32(half), nil)
        }
        guard let r, let s, ECDSA_SIG_set0(signature, r, s) == 1 else {
            BN_free(r)
            BN_free(s)
            return nil
        }
        return OpenSSLDER.encode(signature, i2d_ECDSA_SIG)
    }
}

extension ECDSASignature {
    /// Plain `r ‖ s`, each `size` bytes, for a DER `ECDSA-Sig-Value`, or nil when it does not
    /// parse or a value does not fit.
    package static func plain(der: [UInt8], size: Int) -> [UInt8]? {
        let signature = der.withUnsafeBufferPointer { buffer -> OpaquePointer? in
            var cursor: UnsafePointer<UInt8>? = buffer.baseAddress
            return d2i_ECDSA_SIG(nil, &cursor, buffer.count)
        }
        guard let signature else { return nil }
        defer { ECDSA_SIG_free(signature) }
        var output = [UInt8](repeating: 0, count: 2 * size)
        let written = output.withUnsafeMutableBufferPointer { buffer -> Bool in
            guard let base = buffer.baseAddress else { return false }
            return BN_bn2binpad(ECDSA_SIG_get0_r(signature), base, Int32(size)) == size
                && BN_bn2binpad(ECDSA_SIG_get0_s(signature), base + size, Int32(size)) == size
        }
        return written ? output : nil
    }
}
