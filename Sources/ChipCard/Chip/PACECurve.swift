internal import COpenSSL

/// The elliptic curves of PACE's standardized domain parameters (ICAO 9303-11 §9.5.1, table 6)
/// that this library implements, and the point arithmetic of ECDH generic mapping through the
/// system OpenSSL libcrypto.
///
/// Points travel as uncompressed encodings `04 ‖ x ‖ y`, scalars as big-endian bytes. Every point
/// received is checked to lie on the curve and not to be the point at infinity.
package struct PACECurve: Hashable, Sendable, CustomStringConvertible {
    /// The standardized domain parameter identifier.
    package let parameterID: Int
    /// The curve's name.
    package let name: String
    /// The size of one coordinate (and of a private key) in bytes.
    package let coordinateSize: Int
    private let nid: Int32

    /// The curve a standardized domain parameter identifier names, or `nil` for one not
    /// implemented: 12 NIST P-256, 13 brainpoolP256r1, 15 NIST P-384, 16 brainpoolP384r1,
    /// 17 brainpoolP512r1, 18 NIST P-521.
    package init?(parameterID: Int) {
        let known: [Int: (String, Int, Int32)] = [
            12: ("NIST P-256", 32, NID_X9_62_prime256v1), 13: ("brainpoolP256r1", 32, NID_brainpoolP256r1),
            15: ("NIST P-384", 48, NID_secp384r1), 16: ("brainpoolP384r1", 48, NID_brainpoolP384r1),
            17: ("brainpoolP512r1", 64, NID_brainpoolP512r1), 18: ("NIST P-521", 66, NID_secp521r1),
        ]
        guard let (name, size, nid) = known[parameterID] else { return nil }
        self.parameterID = parameterID
        self.name = name
        self.coordinateSize = size
        self.nid = nid
    }

    /// The name.
    package var description: String { name }

    /// A random private key in `[1, n)`.
    ///
    /// - Throws: ``ChipCardError`` `cryptography` when OpenSSL fails.
    package func randomPrivateKey() throws(ChipCardError) -> [UInt8] {
        try withGroup { group, _ in
            guard let order = EC_GROUP_get0_order(group), let key = BN_new() else { return nil }
            defer { BN_free(key) }
            repeat {
                guard BN_priv_rand_range(key, order) == 1 else { return nil }
            } while BN_is_zero(key) == 1
            return scalarBytes(key)
        }
    }

    /// `scalar · point`, the generator when `point` is `nil`.
    ///
    /// - Throws: ``ChipCardError`` `accessControlFailed` for a point that is not on the curve or a
    ///   result at infinity; `cryptography` when OpenSSL fails.
    package func multiply(_ scalar: [UInt8], _ point: [UInt8]? = nil) throws(ChipCardError) -> [UInt8] {
        try combine(scalar: scalar, point: point, pointScalar: nil)
    }

    /// The generic mapping `Ĝ = s · G + H` (ICAO 9303-11 §4.4.3.3.1).
    ///
    /// - Throws: ``ChipCardError`` as ``multiply(_:_:)``.
    package func mapGenerator(nonce: [UInt8], sharedPoint: [UInt8]) throws(ChipCardError) -> [UInt8] {
        try combine(scalar: nonce, point: sharedPoint, pointScalar: [1])
    }

    /// The x-coordinate of `scalar · point`: the shared secret of ECDH.
    ///
    /// - Throws: ``ChipCardError`` as ``multiply(_:_:)``.
    package func sharedSecret(_ scalar: [UInt8], _ point: [UInt8]) throws(ChipCardError) -> [UInt8] {
        Array(try multiply(scalar, point).dropFirst().prefix(coordinateSize))
    }

    /// `scalar · G` when `point` is `nil`; `scalar · point` when `pointScalar` is `nil`; otherwise
    /// `scalar · G + pointScalar · point`.
    private func combine(scalar: [UInt8], point: [UInt8]?, pointScalar: [UInt8]?) throws(ChipCardError) -> [UInt8] {
        var invalidPoint = false
        let result = try withGroup { group, context -> [UInt8]? in
            guard let result = EC_POINT_new(group), let first = BN_bin2bn(scalar, Int32(scalar.count), nil) else {
                return nil
            }
            defer {
                EC_POINT_free(result)
                BN_free(first)
            }
            var computed: Int32
            if let point {
                guard let decoded = EC_POINT_new(group) else { return nil }
                defer { EC_POINT_free(decoded) }
                guard EC_POINT_oct2point(group, decoded, point, point.count, context) == 1,
                    EC_POINT_is_at_infinity(group, decoded) == 0
                else {
                    invalidPoint = true
                    return nil
                }
                if let pointScalar {
                    guard let second = BN_bin2bn(pointScalar, Int32(pointScalar.count), nil) else { return nil }
                    defer { BN_free(second) }
                    computed = EC_POINT_mul(group, result, first, decoded, second, context)
                } else {
                    computed = EC_POINT_mul(group, result, nil, decoded, first, context)
                }
            } else {
                computed = EC_POINT_mul(group, result, first, nil, nil, context)
            }
            guard computed == 1 else { return nil }
            guard EC_POINT_is_at_infinity(group, result) == 0 else {
                invalidPoint = true
                return nil
            }
            var encoded = [UInt8](repeating: 0, count: 1 + 2 * coordinateSize)
            let written = EC_POINT_point2oct(
                group,
                result,
                POINT_CONVERSION_UNCOMPRESSED,
                &encoded,
                encoded.count,
                context
            )
            return written == encoded.count ? encoded : nil
        } onFailure: {
            invalidPoint
                ? ChipCardError(.accessControlFailed, "a PACE point is not on \(name) or gives the point at infinity")
                : nil
        }
        return result
    }

    private func scalarBytes(_ number: OpaquePointer) -> [UInt8]? {
        var bytes = [UInt8](repeating: 0, count: coordinateSize)
        return BN_bn2binpad(number, &bytes, Int32(coordinateSize)) == Int32(coordinateSize) ? bytes : nil
    }

    private func withGroup<Result>(
        _ body: (_ group: OpaquePointer, _ context: OpaquePointer) -> Result?,
        onFailure: () -> ChipCardError? = { nil }
    ) throws(ChipCardError) -> Result {
        guard let group = EC_GROUP_new_by_curve_name(nid), let context = BN_CTX_new() else {
            throw ChipCardError(.cryptography, "OpenSSL has no curve \(name)")
        }
        defer {
            EC_GROUP_free(group)
            BN_CTX_free(context)
        }
        guard let result = body(group, context) else {
            throw onFailure() ?? ChipCardError(.cryptography, "OpenSSL failed on \(name)")
        }
        return result
    }
}
