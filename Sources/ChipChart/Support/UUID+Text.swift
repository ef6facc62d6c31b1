import Foundation

extension UUID {
    /// Lends `body` the 36 bytes of the UUID's text — hexadecimal digits in the groups of 8, 4,
    /// 4, 4 and 12 that `uuidString` writes, uppercase as it writes them or lowercase — without
    /// making a string: `uuidString` formats its text through C's `sprintf`, a cost worth
    /// avoiding for every id of a whole store written out.
    package func withText<Result>(
        uppercase: Bool,
        _ body: (UnsafeRawBufferPointer) throws -> Result
    ) rethrows -> Result {
        let digits: StaticString = uppercase ? "0123456789ABCDEF" : "0123456789abcdef"
        var text: (UInt64, UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0, 0)
        return try withUnsafeMutableBytes(of: &text) { output in
            withUnsafeBytes(of: uuid) { raw in
                var at = 0
                for (index, byte) in raw.enumerated() {
                    if index == 4 || index == 6 || index == 8 || index == 10 {
                        output[at] = UInt8(ascii: "-")
                        at += 1
                    }
                    output[at] = digits.utf8Start[Int(byte >> 4)]
                    output[at + 1] = digits.utf8Start[Int(byte & 0x0F)]
                    at += 2
                }
            }
            return try body(UnsafeRawBufferPointer(rebasing: output[0..<36]))
        }
    }
}
