/// EF.SOD: a CMS SignedData whose content is the LDS security object, the hash of every data
/// group the chip holds.
///
/// Parsing extracts the hashes without judging the signature; ``PassiveAuthentication`` checks
/// the hashes, the signature and the chain separately.
///
/// <!-- snippet: context=ChipCardContext -->
/// ```swift
/// let sod = try SecurityObject(bytes: efSOD)
/// print(sod.hashAlgorithm)                        // SHA-256
/// print(sod.dataGroupHashes[13]?.count ?? 0)      // 32 bytes
/// ```
public struct SecurityObject: Hashable, Sendable {
    /// The object identifier content octets of `id-icao-mrtd-security-ldsSecurityObject`
    /// (2.23.136.1.1.1).
    public static let contentType: [UInt8] = [0x67, 0x81, 0x08, 0x01, 0x01, 0x01]

    /// The CMS `ContentInfo` (DER), as signed.
    public let signedData: [UInt8]
    /// The encapsulated LDS security object (DER).
    public let content: [UInt8]
    /// The hash algorithm of the data-group hashes.
    public let hashAlgorithm: HashAlgorithm
    /// The hash of each data group, by number.
    public let dataGroupHashes: [Int: [UInt8]]

    /// Parses EF.SOD bytes exactly as read from the chip (tag 77).
    ///
    /// - Throws: ``ChipCardError`` `malformedData` for bytes that are not a CMS SignedData over an
    ///   LDS security object, or a hash algorithm not supported.
    public init(bytes: [UInt8]) throws(ChipCardError) {
        let element = try BERTLV(parsing: bytes)
        guard element.tag == 0x77 else { throw ChipCardError(.malformedData, "EF.SOD does not start with tag 77") }
        let content = try CMSSignedData.content(of: element.value)
        (hashAlgorithm, dataGroupHashes) = try SecurityObject.parseContent(content)
        self.signedData = element.value
        self.content = content
    }

    /// Parses an LDS security object: `SEQUENCE { version, AlgorithmIdentifier,
    /// SEQUENCE OF SEQUENCE { INTEGER number, OCTET STRING hash } [, version info] }`.
    ///
    /// - Throws: ``ChipCardError`` `malformedData`.
    public static func parseContent(_ content: [UInt8]) throws(ChipCardError) -> (HashAlgorithm, [Int: [UInt8]]) {
        let sequence = try BERTLV(parsing: content)
        let parts = try sequence.children()
        guard sequence.tag == 0x30, parts.count >= 3, parts[0].tag == 0x02, parts[1].tag == 0x30, parts[2].tag == 0x30
        else {
            throw ChipCardError(.malformedData, "the LDS security object is not version, algorithm, hashes")
        }
        guard let oid = try parts[1].children().first, oid.tag == 0x06,
            let algorithm = HashAlgorithm(objectIdentifier: oid.value)
        else {
            throw ChipCardError(.malformedData, "the LDS security object names an unsupported hash algorithm")
        }
        var hashes: [Int: [UInt8]] = [:]
        for entry in try parts[2].children() {
            let fields = try entry.children()
            guard entry.tag == 0x30, fields.count == 2, fields[0].tag == 0x02, fields[0].value.count == 1,
                fields[1].tag == 0x04,
                (1...16).contains(Int(fields[0].value[0]))
            else {
                throw ChipCardError(.malformedData, "a data-group hash entry is not a number 1–16 and an octet string")
            }
            let number = Int(fields[0].value[0])
            guard hashes[number] == nil else { throw ChipCardError(.malformedData, "DG\(number) is hashed twice") }
            hashes[number] = fields[1].value
        }
        return (algorithm, hashes)
    }

    /// An LDS security object (DER) with the hashes of the given data groups.
    public static func encodeContent(algorithm: HashAlgorithm, dataGroups: [Int: [UInt8]]) -> [UInt8] {
        let entries = dataGroups.keys.sorted().flatMap { number in
            BERTLV.encode(
                tag: 0x30,
                value: BERTLV.encode(tag: 0x02, value: [UInt8(number)])
                    + BERTLV.encode(tag: 0x04, value: algorithm.hash(dataGroups[number] ?? []))
            )
        }
        let algorithmIdentifier = BERTLV.encode(
            tag: 0x30,
            value: BERTLV.encode(tag: 0x06, value: algorithm.objectIdentifier)
        )
        let body = BERTLV.encode(tag: 0x02, value: [0]) + algorithmIdentifier + BERTLV.encode(tag: 0x30, value: entries)
        return BERTLV.encode(tag: 0x30, value: body)
    }
}
