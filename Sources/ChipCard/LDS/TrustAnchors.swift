internal import COpenSSL

/// Certificates a deployer trusts as country signing CAs (CSCA).
///
/// The Vietnamese CSCA certificate is not public; a deployer obtains it and supplies it here.
/// Without anchors, passive authentication still reports hashes and signature, and reports the
/// chain as not established.
public struct TrustAnchors: Hashable, Sendable {
    /// The certificates, DER-encoded.
    public let certificates: [[UInt8]]

    /// No trusted certificates.
    public static let none = TrustAnchors(checked: [])

    /// Trust anchors from DER certificates.
    ///
    /// - Throws: ``ChipCardError`` `malformedData` for bytes that are not an X.509 certificate.
    public init(derCertificates: [[UInt8]]) throws(ChipCardError) {
        for der in derCertificates {
            guard let certificate = X509Certificate.parse(der) else {
                throw ChipCardError(.malformedData, "a trust anchor is not a DER X.509 certificate")
            }
            X509_free(certificate)
        }
        self.certificates = derCertificates
    }

    private init(checked: [[UInt8]]) { self.certificates = checked }
}
