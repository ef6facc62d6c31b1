/// The contents of EF.CardAccess (ICAO 9303-11 §9.2): a `SET OF SecurityInfo`, each a
/// `SEQUENCE { protocol OBJECT IDENTIFIER, requiredData ANY, optionalData ANY OPTIONAL }`.
///
/// DG14 holds the same structure. `PACEInfo` entries (§9.2.1), `ChipAuthenticationInfo` and
/// `ChipAuthenticationPublicKeyInfo` entries with ECDH are decoded; every other entry is kept with its protocol and its
/// encoded bytes, so a chip that offers more than this library knows loses nothing.
package struct SecurityInfos: Hashable, Sendable {
    /// One entry of the set.
    package enum Info: Hashable, Sendable {
        /// A PACE protocol the chip supports.
        case pace(PACEInfo)
        /// A chip-authentication protocol the chip supports (DG14).
        case chipAuthentication(ChipAuthenticationInfo)
        /// The chip's static chip-authentication public key (DG14).
        case chipAuthenticationPublicKey(ChipAuthenticationPublicKeyInfo)
        /// An entry this library does not interpret: its protocol and its whole encoding.
        case other(protocol: ASN1ObjectIdentifier, encoded: [UInt8])
    }

    /// The entries in the order the file lists them.
    package let infos: [Info]

    /// The PACE entries.
    package var paceInfos: [PACEInfo] {
        infos.compactMap { info in
            if case .pace(let pace) = info { return pace }
            return nil
        }
    }

    /// Parses EF.CardAccess.
    ///
    /// - Throws: ``ChipCardError`` `malformedData` naming what is wrong: not one BER-TLV `SET`, an
    ///   entry that is not a `SEQUENCE` starting with an object identifier, a `PACEInfo` whose
    ///   version or parameter identifier is not a small `INTEGER`, a chip-authentication entry
    ///   whose version, key identifier or public key is malformed.
    package init(bytes: [UInt8]) throws(ChipCardError) {
        let set = try Self.element(bytes, "EF.CardAccess")
        guard set.tag == 0x31 else { throw Self.error("EF.CardAccess is not a SET") }
        var infos: [Info] = []
        for entry in try Self.children(set, "EF.CardAccess") {
            guard entry.tag == 0x30 else { throw Self.error("a SecurityInfo is not a SEQUENCE") }
            let fields = try Self.children(entry, "a SecurityInfo")
            guard let first = fields.first, first.tag == 0x06, fields.count >= 2 else {
                throw Self.error("a SecurityInfo lacks its protocol or its required data")
            }
            let identifier = try ASN1ObjectIdentifier(encoded: first.value)
            let rest = Array(fields.dropFirst())
            if identifier.isPACE {
                infos.append(.pace(try PACEInfo(protocol: identifier, fields: rest)))
            } else if ChipAuthenticationInfo.isECDH(identifier) {
                infos.append(.chipAuthentication(try ChipAuthenticationInfo(protocol: identifier, fields: rest)))
            } else if identifier == ChipAuthenticationPublicKeyInfo.protocolIdentifier,
                let key = try ChipAuthenticationPublicKeyInfo.decode(fields: rest)
            {
                infos.append(.chipAuthenticationPublicKey(key))
            } else {
                infos.append(.other(protocol: identifier, encoded: entry.encoded))
            }
        }
        self.infos = infos
    }

    static func element(_ bytes: [UInt8], _ what: String) throws(ChipCardError) -> BERTLV {
        do {
            return try BERTLV(parsing: bytes)
        } catch {
            throw Self.error("\(what) is not BER-TLV: \(error.message)")
        }
    }

    static func children(_ element: BERTLV, _ what: String) throws(ChipCardError) -> [BERTLV] {
        do {
            return try element.children()
        } catch {
            throw Self.error("\(what) does not hold BER-TLV elements: \(error.message)")
        }
    }

    static func error(_ message: String) -> ChipCardError { ChipCardError(.malformedData, message) }
}

/// A `PACEInfo` (ICAO 9303-11 §9.2.1): the protocol (mapping and cipher), its version and the
/// standardized domain parameters it uses.
package struct PACEInfo: Hashable, Sendable {
    /// The PACE mappings (ICAO 9303-11 §4.4.3.3).
    package enum Mapping: Int, Hashable, Sendable {
        /// Diffie–Hellman, generic mapping.
        case dhGeneric = 1
        /// Elliptic-curve Diffie–Hellman, generic mapping.
        case ecdhGeneric = 2
        /// Diffie–Hellman, integrated mapping.
        case dhIntegrated = 3
        /// Elliptic-curve Diffie–Hellman, integrated mapping.
        case ecdhIntegrated = 4
        /// Elliptic-curve Diffie–Hellman, chip-authentication mapping.
        case ecdhChipAuthentication = 6
    }

    /// The protocol object identifier, `id-PACE` (0.4.0.127.0.7.2.2.4) followed by mapping and cipher.
    package let protocolIdentifier: ASN1ObjectIdentifier
    /// The version (2 in ICAO 9303).
    package let version: Int
    /// The standardized domain parameter identifier (ICAO 9303-11 §9.5.1, table 6), when given.
    package let parameterID: Int?

    /// The mapping the protocol names, `nil` for one this library does not know.
    package var mapping: Mapping? {
        protocolIdentifier.arcs.count == 11 ? Mapping(rawValue: Int(protocolIdentifier.arcs[9])) : nil
    }

    /// The cipher the protocol names, `nil` for one this library does not know.
    package var cipher: SymmetricAlgorithm? {
        protocolIdentifier.arcs.count == 11 ? SymmetricAlgorithm(rawValue: Int(protocolIdentifier.arcs[10])) : nil
    }

    /// The curve of the standardized domain parameters, when this library implements it.
    package var curve: PACECurve? { parameterID.flatMap(PACECurve.init(parameterID:)) }

    /// True when this library can run the protocol: ECDH generic mapping, a known cipher, a known curve.
    package var isSupported: Bool { mapping == .ecdhGeneric && cipher != nil && curve != nil }

    /// A `PACEInfo` from its parts.
    package init(protocolIdentifier: ASN1ObjectIdentifier, version: Int = 2, parameterID: Int?) {
        self.protocolIdentifier = protocolIdentifier
        self.version = version
        self.parameterID = parameterID
    }

    /// The `PACEInfo` for ECDH generic mapping with a cipher on standardized domain parameters.
    package static func ecdhGeneric(_ cipher: SymmetricAlgorithm, parameterID: Int) -> PACEInfo {
        PACEInfo(
            protocolIdentifier: ASN1ObjectIdentifier(
                arcs: ASN1ObjectIdentifier.pace.arcs + [2, UInt64(cipher.rawValue)]
            ),
            parameterID: parameterID
        )
    }

    /// The entry encoded as EF.CardAccess holds it.
    package var encoded: [UInt8] {
        var fields = BERTLV.encode(tag: 0x06, value: protocolIdentifier.encoded)
        fields += BERTLV.encode(tag: 0x02, value: PACEInfo.integer(version))
        if let parameterID { fields += BERTLV.encode(tag: 0x02, value: PACEInfo.integer(parameterID)) }
        return BERTLV.encode(tag: 0x30, value: fields)
    }

    init(protocol identifier: ASN1ObjectIdentifier, fields: [BERTLV]) throws(ChipCardError) {
        guard !fields.isEmpty, fields.count <= 2, let version = PACEInfo.integer(fields[0]) else {
            throw SecurityInfos.error("a PACEInfo's version is not a small INTEGER")
        }
        var parameterID: Int?
        if fields.count == 2 {
            guard let value = PACEInfo.integer(fields[1]) else {
                throw SecurityInfos.error("a PACEInfo's parameterId is not a small INTEGER")
            }
            parameterID = value
        }
        self.init(protocolIdentifier: identifier, version: version, parameterID: parameterID)
    }

    /// A non-negative `INTEGER` of at most 4 bytes, or `nil`.
    static func integer(_ element: BERTLV) -> Int? {
        guard element.tag == 0x02, (1...4).contains(element.value.count), element.value[0] & 0x80 == 0 else {
            return nil
        }
        return element.value.reduce(0) { $0 << 8 | Int($1) }
    }

    static func integer(_ value: Int) -> [UInt8] {
        var bytes = [UInt8(truncatingIfNeeded: value)]
        var rest = value >> 8
        while rest > 0 || bytes[0] & 0x80 != 0 {
            bytes.insert(UInt8(truncatingIfNeeded: rest), at: 0)
            rest >>= 8
        }
        return bytes
    }
}
