/// The message representative of ISO/IEC 9796-2 digital signature scheme 1 with partial message
/// recovery, as active authentication uses it (ICAO Doc 9303 part 11 §6.1):
/// `6A ‖ M1 ‖ H(M1 ‖ M2) ‖ trailer`, where M2 is the reader's challenge.
package enum ISO9796Message {
    /// The header byte: `01` (no padding), partial recovery, and the first nibble of M1's run.
    static let header: UInt8 = 0x6A

    /// The hash and the trailer length the trailer names: `BC` is SHA-1; `xx CC` names the hash
    /// by its ISO/IEC 10118-3 identifier (`33` SHA-1, `34` SHA-256, `35` SHA-512, `36` SHA-384).
    static func trailer(of recovered: [UInt8]) -> (hash: HashAlgorithm, length: Int)? {
        guard let last = recovered.last else { return nil }
        if last == 0xBC { return (.sha1, 1) }
        guard last == 0xCC, recovered.count >= 2 else { return nil }
        switch recovered[recovered.count - 2] {
        case 0x33: return (.sha1, 2)
        case 0x34: return (.sha256, 2)
        case 0x35: return (.sha512, 2)
        case 0x36: return (.sha384, 2)
        default: return nil
        }
    }

    /// Whether a recovered message representative carries the hash of its M1 and the challenge.
    static func verify(recovered: [UInt8], challenge: [UInt8]) -> Bool {
        guard recovered.first == header, let found = trailer(of: recovered) else { return false }
        let (hash, trailerLength) = found
        let digestLength = hash.hash([]).count
        let digestStart = recovered.count - trailerLength - digestLength
        guard digestStart >= 1 else { return false }
        let m1 = Array(recovered[1..<digestStart])
        let digest = Array(recovered[digestStart..<(digestStart + digestLength)])
        return hash.hash(m1 + challenge) == digest
    }

    /// The message representative for M1 and a challenge, with the trailer `BC` (SHA-1) or
    /// `xx CC` for the other hashes: what a chip signs. M1 fills the modulus size less the
    /// header, the digest and the trailer.
    package static func encode(m1: [UInt8], challenge: [UInt8], hash: HashAlgorithm) -> [UInt8] {
        let trailer: [UInt8]
        switch hash.name {
        case "SHA-256": trailer = [0x34, 0xCC]
        case "SHA-384": trailer = [0x36, 0xCC]
        case "SHA-512": trailer = [0x35, 0xCC]
        default: trailer = [0xBC]
        }
        let digest = hash.hash(m1 + challenge)
        return [header] + m1 + digest + trailer
    }
}
