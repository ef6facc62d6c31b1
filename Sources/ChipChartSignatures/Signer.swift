/// A signature algorithm, named as XMLDSig names it.
public struct SignatureAlgorithm: Hashable, Sendable {
    /// The algorithm's URI in `SignatureMethod`.
    public let uri: String

    /// An algorithm by its URI.
    public init(uri: String) { self.uri = uri }

    /// RSASSA-PKCS1-v1_5 with SHA-256 (RFC 6931), the one the insurer takes.
    public static let rsaSHA256 = SignatureAlgorithm(uri: "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256")
}

/// Something that holds a private key and signs with it: a PKCS#12 file (``PKCS12Signer``), a
/// USB token, or a remote signing service.
///
/// The signer signs the bytes it is given (it hashes them itself: a token or a service may
/// insist on hashing), and tells the certificate chain of its key, signing certificate first.
/// Certificate checks are not its job: ``EnvelopedSignature`` checks the chain against a
/// ``CertificatePolicy`` before asking for a signature.
public protocol Signer: Sendable {
    /// The algorithm ``sign(_:)`` uses.
    var algorithm: SignatureAlgorithm { get }
    /// The certificate chain, signing certificate first, then the CAs the key's holder has.
    var certificateChain: [Certificate] { get }

    /// The signature of `data`.
    ///
    /// - Throws: ``SignatureError`` `signingFailed` naming why.
    func sign(_ data: [UInt8]) async throws(SignatureError) -> [UInt8]
}
