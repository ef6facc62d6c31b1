/// DER output of OpenSSL's `i2d_…` functions: the length asked first, then the bytes written.
package enum OpenSSLDER {
    /// The DER encoding of an OpenSSL object, or nil when OpenSSL cannot encode it.
    package static func encode(
        _ object: OpaquePointer,
        _ encode: (OpaquePointer?, UnsafeMutablePointer<UnsafeMutablePointer<UInt8>?>?) -> Int32
    ) -> [UInt8]? {
        let length = encode(object, nil)
        guard length > 0 else { return nil }
        var output = [UInt8](repeating: 0, count: Int(length))
        let written = output.withUnsafeMutableBufferPointer { buffer -> Int32 in
            var cursor: UnsafeMutablePointer<UInt8>? = buffer.baseAddress
            return encode(object, &cursor)
        }
        return written == length ? output : nil
    }
}
