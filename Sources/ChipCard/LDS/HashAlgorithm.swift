internal import Crypto

/// A hash algorithm EF.SOD may name for the data-group hashes.
public struct HashAlgorithm: Hashable, Sendable, CustomStringConvertible {
    /// The algorithm's name, such as `SHA-256`.
    public let name: String
    /// The DER content octets of the algorithm's object identifier.
    public let objectIdentifier: [UInt8]

    private init(name: String, objectIdentifier: [UInt8]) {
        self.name = name
        self.objectIdentifier = objectIdentifier
    }

    /// SHA-1 (1.3.14.3.2.26).
    public static let sha1 = HashAlgorithm(name: "SHA-1", objectIdentifier: [0x2B, 0x0E, 0x03, 0x02, 0x1A])
    /// SHA-256 (2.16.840.1.101.3.4.2.1).
    public static let sha256 = HashAlgorithm(
        name: "SHA-256",
        objectIdentifier: [0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01]
    )
    /// SHA-384 (2.16.840.1.101.3.4.2.2).
    public static let sha384 = HashAlgorithm(
        name: "SHA-384",
        objectIdentifier: [0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x02]
    )
    /// SHA-512 (2.16.840.1.101.3.4.2.3).
    public static let sha512 = HashAlgorithm(
        name: "SHA-512",
        objectIdentifier: [0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x03]
    )

    /// Every supported algorithm.
    public static let all: [HashAlgorithm] = [.sha1, .sha256, .sha384, .sha512]

    /// The algorithm with these object-identifier octets, if supported.
    public init?(objectIdentifier: [UInt8]) {
        guard let known = HashAlgorithm.all.first(where: { $0.objectIdentifier == objectIdentifier }) else {
            return nil
        }
        self = known
    }

    /// The digest of bytes.
    public func hash(_ bytes: [UInt8]) -> [UInt8] {
        switch name {
        case "SHA-1": return Array(Insecure.SHA1.hash(data: bytes))
        case "SHA-384": return Array(SHA384.hash(data: bytes))
        case "SHA-512": return Array(SHA512.hash(data: bytes))
        default: return Array(SHA256.hash(data: bytes))
        }
    }

    /// The name.
    public var description: String { name }
}
