internal import CPKCS11

/// Signs with an RSA key on a PKCS#11 token: the USB tokens Vietnamese CAs issue, or SoftHSM.
///
/// The token's module (the `.so` its CA ships) is loaded at run time and called directly
/// through its PKCS#11 function list: the key never leaves the token, which hashes and signs
/// (`CKM_SHA256_RSA_PKCS`). The certificate is read from the token: the certificate object with
/// the private key's `CKA_ID`. Direct PKCS#11 needs nothing but the module, where OpenSSL's
/// pkcs11 provider would need a package and a provider configuration the system OpenSSL 3.0 of
/// Debian 12 does not ship.
///
/// <!-- snippet: context=Signing mode=compile-only because=it-needs-the-facility's-own-key-file-or-token -->
/// ```swift
/// let signer = try PKCS11Signer(module: "/usr/lib/softhsm/libsofthsm2.so", token: "facility", pin: pin)
/// print(signer.certificateChain[0].subjectName)
/// ```
public struct PKCS11Signer: Signer {
    /// RSA-SHA256.
    public var algorithm: SignatureAlgorithm { .rsaSHA256 }
    /// The token's certificate of the key.
    public let certificateChain: [Certificate]
    private let session: PKCS11Session

    /// Opens a session on the token labelled `token` (the first token when `nil`), logs in with
    /// `pin`, and finds the private key labelled `key` (the only one when `nil`) and its certificate.
    ///
    /// - Throws: ``SignatureError`` `unreadableKey` (no module, no token, a PIN refused, no key
    ///   or no certificate), `malformedCertificate`.
    public init(module: String, token: String? = nil, pin: String, key: String? = nil) throws(SignatureError) {
        session = try PKCS11Session(module: module, token: token, pin: pin)
        let keyObject = try session.find(class: CKO_PRIVATE_KEY, label: key, what: "private key")
        let id = try session.attribute(CKA_ID, of: keyObject)
        let certificate = try session.find(class: CKO_CERTIFICATE, id: id, what: "certificate of the key")
        certificateChain = [try Certificate(der: session.attribute(CKA_VALUE, of: certificate))]
        session.key = keyObject
    }

    /// The RSA-SHA256 signature of `data`, made on the token.
    public func sign(_ data: [UInt8]) async throws(SignatureError) -> [UInt8] {
        try session.signSHA256(data)
    }
}
