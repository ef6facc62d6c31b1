internal import COpenSSL
public import Foundation

/// The certificate checks made at signing and at verification: the validity dates, a key
/// usage for signing (digitalSignature or nonRepudiation), a chain to one of the trusted
/// certificates, and revocation.
///
/// <!-- snippet: context=Signing -->
/// ```swift
/// let policy = CertificatePolicy(trusted: try Certificate.pem(caPEM))
/// try policy.check([leaf], at: Date())   // throws SignatureError naming the reason
/// ```
public struct CertificatePolicy: Sendable {
    /// The trust store: the CA certificates a chain must lead to.
    public let trusted: [Certificate]
    /// Who says whether a certificate was revoked.
    public let revocation: any RevocationChecker

    /// A policy with a trust store and a revocation checker (none by default).
    public init(trusted: [Certificate], revocation: any RevocationChecker = NoRevocationCheck()) {
        self.trusted = trusted
        self.revocation = revocation
    }

    /// A policy whose trust store is the certificates of a PEM file.
    ///
    /// - Throws: ``SignatureError`` `malformedCertificate` when the file cannot be read or holds
    ///   no certificate.
    public init(
        trustedPEMFile url: URL,
        revocation: any RevocationChecker = NoRevocationCheck()
    )
        throws(SignatureError)
    {
        let bytes: Data
        do {
            bytes = try Data(contentsOf: url)
        } catch {
            throw SignatureError(.malformedCertificate, "the trust store \(url.path) cannot be read")
        }
        self.init(trusted: try Certificate.pem(Array(bytes)), revocation: revocation)
    }

    /// Checks a chain, signing certificate first, at a time.
    ///
    /// - Throws: ``SignatureError``: `keyUsageNotForSigning`, `certificateExpired`,
    ///   `certificateNotYetValid`, `untrustedChain`, `certificateRevoked`, `malformedCertificate`.
    public func check(_ chain: [Certificate], at time: Date) throws(SignatureError) {
        guard let leaf = chain.first else {
            throw SignatureError(.malformedCertificate, "no signing certificate")
        }
        guard leaf.allowsSigning else {
            throw SignatureError(
                .keyUsageNotForSigning,
                "the certificate \(leaf.subjectName) has no key usage digitalSignature or nonRepudiation"
            )
        }
        try verifyChain(chain, at: time)
        for (index, certificate) in chain.enumerated() {
            let issuer = index + 1 < chain.count ? chain[index + 1] : nil
            try revocation.check(certificate, issuer: issuer)
        }
    }

    private func verifyChain(_ chain: [Certificate], at time: Date) throws(SignatureError) {
        var owned: [OpaquePointer] = []
        defer { owned.forEach { X509_free($0) } }
        func parsed(_ certificate: Certificate) throws(SignatureError) -> OpaquePointer {
            guard let x509 = OpenSSLSupport.parse(certificate.der) else {
                throw SignatureError(.malformedCertificate, "a certificate cannot be decoded")
            }
            owned.append(x509)
            return x509
        }
        guard let store = X509_STORE_new(), let context = X509_STORE_CTX_new(),
            let intermediates = chipchart_new_certificate_stack()
        else { throw SignatureError(.malformedCertificate, "no memory for the certificate check") }
        defer {
            chipchart_free_certificate_stack(intermediates)
            X509_STORE_CTX_free(context)
            X509_STORE_free(store)
        }
        for certificate in trusted { X509_STORE_add_cert(store, try parsed(certificate)) }
        for certificate in chain.dropFirst() { _ = chipchart_push_certificate(intermediates, try parsed(certificate)) }
        let leaf = try parsed(chain[0])
        guard X509_STORE_CTX_init(context, store, leaf, intermediates) == 1 else {
            throw SignatureError(.malformedCertificate, "the certificate check cannot start")
        }
        X509_STORE_CTX_set_time(context, 0, time_t(time.timeIntervalSince1970))
        defer { OpenSSLSupport.clearErrors() }
        guard X509_verify_cert(context) != 1 else { return }
        let code = X509_STORE_CTX_get_error(context)
        let depth = X509_STORE_CTX_get_error_depth(context)
        let subject = depth >= 0 && Int(depth) < chain.count ? chain[Int(depth)].subjectName : chain[0].subjectName
        let detail = String(cString: X509_verify_cert_error_string(Int(code)))
        throw SignatureError(Self.reason(code), "\(subject): \(detail)")
    }

    private static func reason(_ code: Int32) -> SignatureError.Reason {
        switch code {
        case X509_V_ERR_CERT_HAS_EXPIRED: .certificateExpired
        case X509_V_ERR_CERT_NOT_YET_VALID: .certificateNotYetValid
        case X509_V_ERR_CERT_REVOKED: .certificateRevoked
        default: .untrustedChain
        }
    }
}
