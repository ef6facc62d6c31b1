internal import COpenSSL
import Foundation

/// Small conversions between OpenSSL objects and Swift values.
enum OpenSSLSupport {
    /// The bytes a memory BIO holds.
    static func contents(of bio: OpaquePointer) -> [UInt8] {
        var pointer: UnsafePointer<CChar>?
        let count = chipchart_bio_contents(bio, &pointer)
        guard let pointer, count > 0 else { return [] }
        return pointer.withMemoryRebound(to: UInt8.self, capacity: count) {
            Array(UnsafeBufferPointer(start: $0, count: count))
        }
    }

    /// A read-only memory BIO over bytes, passed to `body`.
    static func withBIO<T>(
        _ bytes: [UInt8],
        _ body: (OpaquePointer) throws(SignatureError) -> T
    )
        throws(SignatureError) -> T
    {
        let bio = bytes.withUnsafeBytes { BIO_new_mem_buf($0.baseAddress, Int32($0.count)) }
        guard let bio else { throw SignatureError(.malformedCertificate, "no memory for the bytes") }
        defer { BIO_free(bio) }
        return try body(bio)
    }

    /// The DER encoding of a certificate.
    static func der(of certificate: OpaquePointer) -> [UInt8]? {
        let length = i2d_X509(certificate, nil)
        guard length > 0 else { return nil }
        var bytes = [UInt8](repeating: 0, count: Int(length))
        let written = bytes.withUnsafeMutableBufferPointer { buffer -> Int32 in
            var pointer = buffer.baseAddress
            return i2d_X509(certificate, &pointer)
        }
        return written == length ? bytes : nil
    }

    /// A certificate from DER bytes; the caller frees it with `X509_free`.
    static func parse(_ der: [UInt8]) -> OpaquePointer? {
        der.withUnsafeBufferPointer { buffer -> OpaquePointer? in
            var pointer = buffer.baseAddress
            return d2i_X509(nil, &pointer, buffer.count)
        }
    }

    /// An `ASN1_TIME` as a date.
    static func date(_ time: UnsafePointer<ASN1_TIME>?) -> Date? {
        guard let time else { return nil }
        var parts = tm()
        guard ASN1_TIME_to_tm(time, &parts) == 1 else { return nil }
        return Date(timeIntervalSince1970: TimeInterval(timegm(&parts)))
    }

    /// The SHA-256 digest of bytes.
    static func sha256(_ bytes: [UInt8]) -> [UInt8] {
        var digest = [UInt8](repeating: 0, count: 32)
        var length: UInt32 = 0
        let ok = bytes.withUnsafeBytes { input in
            EVP_Digest(input.baseAddress, input.count, &digest, &length, EVP_sha256(), nil)
        }
        return ok == 1 && length == 32 ? digest : []
    }

    /// Empties OpenSSL's error queue of this thread, so one failure's errors do not follow the next call.
    static func clearErrors() { ERR_clear_error() }
}
