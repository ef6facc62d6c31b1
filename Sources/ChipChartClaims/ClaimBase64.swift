/// Base64 (RFC 4648, the standard alphabet with `=` padding and no line breaks), encoded by a
/// table straight from bytes into a byte buffer: the same text as Foundation's
/// `base64EncodedString()`.
enum ClaimBase64 {
    /// The 64 digits, by value.
    private static let digits: [UInt8] = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

    /// The number of bytes the encoding of `count` bytes takes.
    static func encodedCount(_ count: Int) -> Int { (count + 2) / 3 * 4 }

    /// Appends the encoding of `bytes` to `out`.
    static func append(_ bytes: [UInt8], to out: inout [UInt8]) {
        let start = out.count
        let length = encodedCount(bytes.count)
        out.append(contentsOf: repeatElement(UInt8(ascii: "="), count: length))
        bytes.withUnsafeBufferPointer { source in
            digits.withUnsafeBufferPointer { table in
                out.withUnsafeMutableBufferPointer { target in
                    var read = 0
                    var write = start
                    while read + 3 <= source.count {
                        let group =
                            UInt32(source[read]) << 16 | UInt32(source[read + 1]) << 8 | UInt32(source[read + 2])
                        target[write] = table[Int(group >> 18)]
                        target[write + 1] = table[Int(group >> 12 & 0x3F)]
                        target[write + 2] = table[Int(group >> 6 & 0x3F)]
                        target[write + 3] = table[Int(group & 0x3F)]
                        read += 3
                        write += 4
                    }
                    let left = source.count - read
                    guard left > 0 else { return }
                    let second = left == 2 ? UInt32(source[read + 1]) << 8 : 0
                    let group = UInt32(source[read]) << 16 | second
                    target[write] = table[Int(group >> 18)]
                    target[write + 1] = table[Int(group >> 12 & 0x3F)]
                    if left == 2 { target[write + 2] = table[Int(group >> 6 & 0x3F)] }
                }
            }
        }
    }
}
