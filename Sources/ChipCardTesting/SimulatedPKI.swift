internal import COpenSSL
public import ChipCard

/// A country signing CA and a document signer made on the spot, for the simulated chip and tests.
///
/// Both use ECDSA P-256 keys generated when the value is created; nothing is stored. The CSCA
/// certificate is what a deployer would supply as a ``TrustAnchors`` entry.
///
/// ```swift
/// let pki = try SimulatedPKI()
/// let anchors = try TrustAnchors(derCertificates: [pki.cscaCertificate])
/// ```
public struct SimulatedPKI: Sendable {
    /// The self-signed CSCA certificate (DER).
    public let cscaCertificate: [UInt8]
    /// The document-signer certificate, issued by the CSCA (DER).
    public let documentSignerCertificate: [UInt8]
    private let documentSignerKey: [UInt8]

    /// Generates a CSCA and a document signer.
    ///
    /// - Throws: ``ChipCardError`` `cryptography` when OpenSSL fails.
    public init() throws(ChipCardError) {
        guard let cscaKey = chipchart_generate_p256_key(), let signerKey = chipchart_generate_p256_key() else {
            throw ChipCardError(.cryptography, "OpenSSL could not generate a P-256 key")
        }
        defer {
            EVP_PKEY_free(cscaKey)
            EVP_PKEY_free(signerKey)
        }
        let csca = try SimulatedPKI.certificate(
            commonName: "ChipChart Test CSCA",
            serial: 1,
            key: cscaKey,
            issuer: nil,
            issuerKey: cscaKey
        )
        defer { X509_free(csca) }
        let signer = try SimulatedPKI.certificate(
            commonName: "ChipChart Test Document Signer",
            serial: 2,
            key: signerKey,
            issuer: csca,
            issuerKey: cscaKey
        )
        defer { X509_free(signer) }
        guard let cscaDER = X509Certificate.der(csca), let signerDER = X509Certificate.der(signer) else {
            throw ChipCardError(.cryptography, "OpenSSL could not encode a certificate")
        }
        let keyLength = i2d_PrivateKey(signerKey, nil)
        var keyDER = [UInt8](repeating: 0, count: Int(max(keyLength, 0)))
        let written = keyDER.withUnsafeMutableBufferPointer { buffer in
            var cursor = buffer.baseAddress
            return i2d_PrivateKey(signerKey, &cursor)
        }
        guard keyLength > 0, written == keyLength else {
            throw ChipCardError(.cryptography, "OpenSSL could not encode a key")
        }
        cscaCertificate = cscaDER
        documentSignerCertificate = signerDER
        documentSignerKey = keyDER
    }

    /// The CSCA as the only trust anchor.
    public var trustAnchors: TrustAnchors {
        get throws(ChipCardError) { try TrustAnchors(derCertificates: [cscaCertificate]) }
    }

    /// EF.SOD contents: a CMS SignedData (DER) over an LDS security object, signed by the
    /// document signer, with its certificate embedded.
    ///
    /// - Throws: ``ChipCardError`` `cryptography` when OpenSSL fails.
    public func signSecurityObject(_ content: [UInt8]) throws(ChipCardError) -> [UInt8] {
        guard let certificate = X509Certificate.parse(documentSignerCertificate) else {
            throw ChipCardError(.cryptography, "the document-signer certificate does not parse")
        }
        defer { X509_free(certificate) }
        let key: OpaquePointer? = documentSignerKey.withUnsafeBufferPointer { buffer in
            var cursor = buffer.baseAddress
            return d2i_AutoPrivateKey(nil, &cursor, buffer.count)
        }
        guard let key else { throw ChipCardError(.cryptography, "the document-signer key does not parse") }
        defer { EVP_PKEY_free(key) }
        guard let cms = CMS_sign(certificate, key, nil, nil, UInt32(CMS_BINARY | CMS_PARTIAL | CMS_NOSMIMECAP)) else {
            throw ChipCardError(.cryptography, "CMS_sign failed")
        }
        defer { CMS_ContentInfo_free(cms) }
        guard let contentType = OBJ_txt2obj("2.23.136.1.1.1", 1) else {
            throw ChipCardError(.cryptography, "OBJ_txt2obj failed")
        }
        defer { ASN1_OBJECT_free(contentType) }
        let finished = content.withUnsafeBufferPointer { buffer -> Bool in
            guard let bio = BIO_new_mem_buf(buffer.baseAddress, Int32(buffer.count)) else { return false }
            defer { BIO_free(bio) }
            return CMS_set1_eContentType(cms, contentType) == 1 && CMS_final(cms, bio, nil, UInt32(CMS_BINARY)) == 1
        }
        guard finished else { throw ChipCardError(.cryptography, "CMS_final failed") }
        let length = i2d_CMS_ContentInfo(cms, nil)
        guard length > 0 else { throw ChipCardError(.cryptography, "i2d_CMS_ContentInfo failed") }
        var der = [UInt8](repeating: 0, count: Int(length))
        let written = der.withUnsafeMutableBufferPointer { buffer in
            var cursor = buffer.baseAddress
            return i2d_CMS_ContentInfo(cms, &cursor)
        }
        guard written == length else { throw ChipCardError(.cryptography, "i2d_CMS_ContentInfo failed") }
        return der
    }

    private static func certificate(
        commonName: String,
        serial: Int,
        key: OpaquePointer,
        issuer: OpaquePointer?,
        issuerKey: OpaquePointer
    ) throws(ChipCardError) -> OpaquePointer {
        guard let certificate = X509_new() else { throw ChipCardError(.cryptography, "X509_new failed") }
        var ok = X509_set_version(certificate, 2) == 1
        ok = ok && ASN1_INTEGER_set(X509_get_serialNumber(certificate), serial) == 1
        ok = ok && X509_gmtime_adj(X509_getm_notBefore(certificate), -86_400) != nil
        ok = ok && X509_gmtime_adj(X509_getm_notAfter(certificate), 10 * 365 * 86_400) != nil
        ok = ok && X509_set_pubkey(certificate, key) == 1
        let name = X509_get_subject_name(certificate)
        for (field, value) in [("C", "VN"), ("O", "ChipChart"), ("CN", commonName)] {
            ok = ok && X509_NAME_add_entry_by_txt(name, field, MBSTRING_UTF8, value, -1, -1, 0) == 1
        }
        ok = ok && X509_set_issuer_name(certificate, issuer.map { X509_get_subject_name($0) } ?? name) == 1
        let extensions =
            issuer == nil
            ? [(NID_basic_constraints, "critical,CA:TRUE"), (NID_key_usage, "critical,keyCertSign,cRLSign")]
            : [(NID_key_usage, "critical,digitalSignature")]
        var context = X509V3_CTX()
        X509V3_set_ctx(&context, issuer ?? certificate, certificate, nil, nil, 0)
        for (nid, value) in extensions {
            guard ok, let extensionValue = X509V3_EXT_conf_nid(nil, &context, nid, value) else {
                ok = false
                break
            }
            ok = X509_add_ext(certificate, extensionValue, -1) == 1
            X509_EXTENSION_free(extensionValue)
        }
        ok = ok && X509_sign(certificate, issuerKey, EVP_sha256()) > 0
        guard ok else {
            X509_free(certificate)
            ERR_clear_error()
            throw ChipCardError(.cryptography, "OpenSSL could not make the certificate \(commonName)")
        }
        return certificate
    }
}
