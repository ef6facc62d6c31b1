/// An ASN.1 object identifier as its arcs, decoded from and encoded to DER contents octets.
package struct ASN1ObjectIdentifier: Hashable, Sendable, CustomStringConvertible {
    /// The arcs, such as `[0, 4, 0, 127, 0, 7, 2, 2, 4, 2, 2]`.
    package let arcs: [UInt64]

    /// An identifier from its arcs.
    package init(arcs: [UInt64]) { self.arcs = arcs }

    /// `id-PACE`, 0.4.0.127.0.7.2.2.4 (BSI TR-03110-3, ICAO 9303-11 §9.2.1).
    package static let pace = ASN1ObjectIdentifier(arcs: [0, 4, 0, 127, 0, 7, 2, 2, 4])

    /// Decodes the contents octets of an `OBJECT IDENTIFIER`.
    ///
    /// - Throws: ``ChipCardError`` `malformedData` for no bytes, an arc cut short or an arc
    ///   larger than 56 bits.
    package init(encoded bytes: [UInt8]) throws(ChipCardError) {
        guard !bytes.isEmpty, let last = bytes.last, last & 0x80 == 0 else {
            throw ChipCardError(.malformedData, "an object identifier is empty or cut short")
        }
        var arcs: [UInt64] = []
        var value: UInt64 = 0
        for byte in bytes {
            guard value >> 56 == 0 else { throw ChipCardError(.malformedData, "an object identifier arc is too large") }
            value = value << 7 | UInt64(byte & 0x7F)
            if byte & 0x80 == 0 {
                if arcs.isEmpty {
                    let first = min(value / 40, 2)
                    arcs = [first, value - first * 40]
                } else {
                    arcs.append(value)
                }
                value = 0
            }
        }
        self.arcs = arcs
    }

    /// The contents octets (no tag or length).
    package var encoded: [UInt8] {
        guard arcs.count >= 2 else { return [] }
        var bytes: [UInt8] = []
        for arc in [arcs[0] * 40 + arcs[1]] + arcs.dropFirst(2) {
            var chunk: [UInt8] = [UInt8(arc & 0x7F)]
            var rest = arc >> 7
            while rest > 0 {
                chunk.insert(UInt8(rest & 0x7F) | 0x80, at: 0)
                rest >>= 7
            }
            bytes += chunk
        }
        return bytes
    }

    /// True below `id-PACE`.
    package var isPACE: Bool { arcs.count > 9 && Array(arcs.prefix(9)) == ASN1ObjectIdentifier.pace.arcs }

    /// Dotted decimal.
    package var description: String { arcs.map(String.init).joined(separator: ".") }
}
