/// A `ChipAuthenticationInfo` of DG14 (BSI TR-03110-3, ICAO 9303-11 §9.2.5): chip authentication
/// with elliptic-curve Diffie–Hellman, the cipher its protocol names, its version and the key it
/// uses. `SEQUENCE { protocol id-CA-ECDH-…, version INTEGER, keyId INTEGER OPTIONAL }`.
package struct ChipAuthenticationInfo: Hashable, Sendable {
    /// `id-CA` (0.4.0.127.0.7.2.2.3).
    package static let protocolFamily = ASN1ObjectIdentifier(arcs: [0, 4, 0, 127, 0, 7, 2, 2, 3])

    /// The protocol object identifier, `id-CA-ECDH` followed by the cipher.
    package let protocolIdentifier: ASN1ObjectIdentifier
    /// The version: the reader runs version 1, the one ICAO Doc 9303 specifies.
    package let version: Int
    /// The key identifier, when the chip holds several keys.
    package let keyID: Int?

    /// The cipher of the new secure-messaging session.
    package var cipher: SymmetricAlgorithm {
        SymmetricAlgorithm(rawValue: Int(protocolIdentifier.arcs[10])) ?? .tripleDES
    }

    /// An info for `id-CA-ECDH` with a cipher.
    package init(cipher: SymmetricAlgorithm, version: Int = 1, keyID: Int? = nil) {
        self.protocolIdentifier = ASN1ObjectIdentifier(
            arcs: ChipAuthenticationInfo.protocolFamily.arcs + [2, UInt64(cipher.rawValue)]
        )
        self.version = version
        self.keyID = keyID
    }

    /// True for `id-CA-ECDH-3DES-CBC-CBC` and `id-CA-ECDH-AES-CBC-CMAC-128/192/256`.
    static func isECDH(_ identifier: ASN1ObjectIdentifier) -> Bool {
        identifier.arcs.count == 11 && Array(identifier.arcs.prefix(10)) == protocolFamily.arcs + [2]
            && SymmetricAlgorithm(rawValue: Int(identifier.arcs[10])) != nil
    }

    init(protocol identifier: ASN1ObjectIdentifier, fields: [BERTLV]) throws(ChipCardError) {
        guard fields.count <= 2, let version = PACEInfo.integer(fields[0]) else {
            throw SecurityInfos.error("a ChipAuthenticationInfo's version is not a small INTEGER")
        }
        self.protocolIdentifier = identifier
        self.version = version
        self.keyID = try fields.count == 2 ? ChipAuthenticationInfo.keyID(fields[1], "ChipAuthenticationInfo") : nil
    }

    /// The entry encoded as DG14 holds it.
    package var encoded: [UInt8] {
        var fields = BERTLV.encode(tag: 0x06, value: protocolIdentifier.encoded)
        fields += BERTLV.encode(tag: 0x02, value: PACEInfo.integer(version))
        if let keyID { fields += BERTLV.encode(tag: 0x02, value: PACEInfo.integer(keyID)) }
        return BERTLV.encode(tag: 0x30, value: fields)
    }

    static func keyID(_ element: BERTLV, _ what: String) throws(ChipCardError) -> Int {
        guard let value = PACEInfo.integer(element) else {
            throw SecurityInfos.error("a \(what)'s keyId is not a small INTEGER")
        }
        return value
    }
}

/// A `ChipAuthenticationPublicKeyInfo` of DG14: the chip's static elliptic-curve public key.
/// `SEQUENCE { protocol id-PK-ECDH, chipAuthenticationPublicKey SubjectPublicKeyInfo, keyId INTEGER OPTIONAL }`.
///
/// The key is read in the SubjectPublicKeyInfo form with a named curve (`id-ecPublicKey` and the
/// curve's object identifier) on a curve ``PACECurve`` implements; an entry with explicit domain
/// parameters or another curve is kept uninterpreted in ``SecurityInfos``.
package struct ChipAuthenticationPublicKeyInfo: Hashable, Sendable {
    /// `id-PK-ECDH` (0.4.0.127.0.7.2.2.1.2).
    package static let protocolIdentifier = ASN1ObjectIdentifier(arcs: [0, 4, 0, 127, 0, 7, 2, 2, 1, 2])
    /// `id-ecPublicKey` (1.2.840.10045.2.1).
    static let ecPublicKey = ASN1ObjectIdentifier(arcs: [1, 2, 840, 10045, 2, 1])
    /// The named curves by object identifier and the standardized domain parameter they match.
    static let namedCurves: [ASN1ObjectIdentifier: Int] = [
        ASN1ObjectIdentifier(arcs: [1, 2, 840, 10045, 3, 1, 7]): 12,
        ASN1ObjectIdentifier(arcs: [1, 3, 36, 3, 3, 2, 8, 1, 1, 7]): 13,
        ASN1ObjectIdentifier(arcs: [1, 3, 132, 0, 34]): 15,
        ASN1ObjectIdentifier(arcs: [1, 3, 36, 3, 3, 2, 8, 1, 1, 11]): 16,
        ASN1ObjectIdentifier(arcs: [1, 3, 36, 3, 3, 2, 8, 1, 1, 13]): 17,
        ASN1ObjectIdentifier(arcs: [1, 3, 132, 0, 35]): 18,
    ]

    /// The curve of the key.
    package let curve: PACECurve
    /// The public point, uncompressed (`04 ‖ x ‖ y`).
    package let publicPoint: [UInt8]
    /// The key identifier, when the chip holds several keys.
    package let keyID: Int?

    /// A key from its parts.
    package init(curve: PACECurve, publicPoint: [UInt8], keyID: Int? = nil) {
        self.curve = curve
        self.publicPoint = publicPoint
        self.keyID = keyID
    }

    /// Decodes the entry's fields after its protocol; `nil` when the key is well formed but not a
    /// named curve this library implements.
    ///
    /// - Throws: ``ChipCardError`` `malformedData` for a SubjectPublicKeyInfo that is not one, a
    ///   point that is not on its curve, or a keyId that is not a small `INTEGER`.
    static func decode(fields: [BERTLV]) throws(ChipCardError) -> ChipAuthenticationPublicKeyInfo? {
        guard fields.count <= 2, fields[0].tag == 0x30 else {
            throw SecurityInfos.error("a ChipAuthenticationPublicKeyInfo holds no SubjectPublicKeyInfo")
        }
        let keyID =
            try fields.count == 2 ? ChipAuthenticationInfo.keyID(fields[1], "ChipAuthenticationPublicKeyInfo") : nil
        let parts = try SecurityInfos.children(fields[0], "a SubjectPublicKeyInfo")
        guard parts.count == 2, parts[0].tag == 0x30, parts[1].tag == 0x03, parts[1].value.first == 0 else {
            throw SecurityInfos.error("a SubjectPublicKeyInfo is not an algorithm and a BIT STRING")
        }
        let algorithm = try SecurityInfos.children(parts[0], "a SubjectPublicKeyInfo's algorithm")
        guard let first = algorithm.first, first.tag == 0x06 else {
            throw SecurityInfos.error("a SubjectPublicKeyInfo's algorithm has no object identifier")
        }
        guard try ASN1ObjectIdentifier(encoded: first.value) == ecPublicKey, algorithm.count == 2,
            algorithm[1].tag == 0x06,
            let parameterID = namedCurves[try ASN1ObjectIdentifier(encoded: algorithm[1].value)],
            let curve = PACECurve(parameterID: parameterID)
        else { return nil }
        let point = Array(parts[1].value.dropFirst())
        guard point.count == 1 + 2 * curve.coordinateSize, (try? curve.multiply([1], point)) == point else {
            throw SecurityInfos.error("the chip-authentication public key is not a point on \(curve.name)")
        }
        return ChipAuthenticationPublicKeyInfo(curve: curve, publicPoint: point, keyID: keyID)
    }

    /// The entry encoded as DG14 holds it (SubjectPublicKeyInfo with the named curve).
    package var encoded: [UInt8] {
        let curveIdentifier = Self.namedCurves.first { $0.value == curve.parameterID }?.key.encoded ?? []
        let algorithm = BERTLV.encode(
            tag: 0x30,
            value: BERTLV.encode(tag: 0x06, value: Self.ecPublicKey.encoded)
                + BERTLV.encode(tag: 0x06, value: curveIdentifier)
        )
        let key = BERTLV.encode(tag: 0x30, value: algorithm + BERTLV.encode(tag: 0x03, value: [0] + publicPoint))
        var fields = BERTLV.encode(tag: 0x06, value: Self.protocolIdentifier.encoded) + key
        if let keyID { fields += BERTLV.encode(tag: 0x02, value: PACEInfo.integer(keyID)) }
        return BERTLV.encode(tag: 0x30, value: fields)
    }
}

extension SecurityInfos {
    /// Parses DG14 (tag `6E`), which holds the same `SET OF SecurityInfo` as EF.CardAccess.
    ///
    /// - Throws: ``ChipCardError`` `malformedData` for a file that is not tag `6E` or contents as
    ///   ``init(bytes:)`` refuses.
    package init(dataGroup14 bytes: [UInt8]) throws(ChipCardError) {
        let element = try Self.element(bytes, "DG14")
        guard element.tag == 0x6E else { throw Self.error("DG14 does not start with tag 6E") }
        try self.init(bytes: element.value)
    }

    /// DG14's file contents for a list of entries.
    package static func encodeDataGroup14(_ entries: [[UInt8]]) -> [UInt8] {
        BERTLV.encode(tag: 0x6E, value: BERTLV.encode(tag: 0x31, value: entries.flatMap { $0 }))
    }

    /// The chip-authentication protocol to run and its key: the first version-1
    /// `ChipAuthenticationInfo` with a public key of the same key identifier (or the only key
    /// when neither names one).
    package var chipAuthentication: (info: ChipAuthenticationInfo, key: ChipAuthenticationPublicKeyInfo)? {
        var protocols: [ChipAuthenticationInfo] = []
        var keys: [ChipAuthenticationPublicKeyInfo] = []
        for info in infos {
            switch info {
            case .chipAuthentication(let info): protocols.append(info)
            case .chipAuthenticationPublicKey(let key): keys.append(key)
            default: break
            }
        }
        for info in protocols where info.version == 1 {
            if let key = keys.first(where: { $0.keyID == info.keyID }) ?? (keys.count == 1 ? keys.first : nil) {
                return (info, key)
            }
        }
        return nil
    }
}
