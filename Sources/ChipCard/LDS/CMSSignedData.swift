internal import COpenSSL

/// CMS SignedData through the system OpenSSL libcrypto: parsing, signature and chain checks.
enum CMSSignedData {
    /// The largest ContentInfo handed to OpenSSL (EF.SOD is a few kilobytes).
    static let maximumSize = 0x7FFF

    /// The encapsulated content of a DER ContentInfo holding SignedData.
    static func content(of der: [UInt8]) throws(ChipCardError) -> [UInt8] {
        let cms = try parse(der)
        defer { CMS_ContentInfo_free(cms) }
        guard let pointer = CMS_get0_content(cms), let octets = pointer.pointee,
            let data = ASN1_STRING_get0_data(octets)
        else {
            throw ChipCardError(.malformedData, "EF.SOD's SignedData encapsulates no content")
        }
        let length = Int(ASN1_STRING_length(octets))
        guard length > 0, length <= maximumSize else {
            throw ChipCardError(.malformedData, "EF.SOD's content has an implausible size")
        }
        return Array(UnsafeBufferPointer(start: data, count: length))
    }

    /// Whether the signature verifies with the embedded signer certificate, and whether that
    /// certificate chains to one of the anchors. Validity periods are not checked: a document
    /// signer's certificate commonly expires years before the cards it signed.
    static func verify(
        _ der: [UInt8],
        trustAnchors: TrustAnchors
    ) -> (signatureVerified: Bool, chainsToTrustedCSCA: Bool) {
        guard let cms = try? parse(der) else { return (false, false) }
        defer { CMS_ContentInfo_free(cms) }
        let flags = UInt32(CMS_NO_SIGNER_CERT_VERIFY | CMS_BINARY)
        let signatureVerified = CMS_verify(cms, nil, nil, nil, nil, flags) == 1
        ERR_clear_error()
        guard signatureVerified, !trustAnchors.certificates.isEmpty, let signers = CMS_get0_signers(cms) else {
            return (signatureVerified, false)
        }
        defer { chipchart_free_certificate_stack(signers) }
        guard chipchart_certificate_count(signers) == 1, let signer = chipchart_certificate_at(signers, 0) else {
            return (signatureVerified, false)
        }
        return (signatureVerified, chains(signer, cms: cms, to: trustAnchors))
    }

    private static func chains(_ signer: OpaquePointer, cms: OpaquePointer, to anchors: TrustAnchors) -> Bool {
        guard let store = X509_STORE_new() else { return false }
        defer { X509_STORE_free(store) }
        for anchor in anchors.certificates {
            guard let certificate = X509Certificate.parse(anchor) else { continue }
            X509_STORE_add_cert(store, certificate)
            X509_free(certificate)
        }
        guard let context = X509_STORE_CTX_new() else { return false }
        defer { X509_STORE_CTX_free(context) }
        let untrusted = CMS_get1_certs(cms)
        defer { if let untrusted { chipchart_free_certificates(untrusted) } }
        guard X509_STORE_CTX_init(context, store, signer, untrusted) == 1 else { return false }
        X509_STORE_CTX_set_flags(context, UInt(X509_V_FLAG_NO_CHECK_TIME))
        let verified = X509_verify_cert(context) == 1
        ERR_clear_error()
        return verified
    }

    static func parse(_ der: [UInt8]) throws(ChipCardError) -> OpaquePointer {
        guard !der.isEmpty, der.count <= maximumSize else {
            throw ChipCardError(.malformedData, "EF.SOD's SignedData has an implausible size")
        }
        let parsed: OpaquePointer? = der.withUnsafeBufferPointer { buffer in
            var cursor = buffer.baseAddress
            return d2i_CMS_ContentInfo(nil, &cursor, buffer.count)
        }
        guard let parsed else {
            ERR_clear_error()
            throw ChipCardError(.malformedData, "EF.SOD is not a CMS ContentInfo")
        }
        guard OBJ_obj2nid(CMS_get0_type(parsed)) == NID_pkcs7_signed else {
            CMS_ContentInfo_free(parsed)
            throw ChipCardError(.malformedData, "EF.SOD is not CMS SignedData")
        }
        return parsed
    }
}

/// X.509 helpers over OpenSSL.
package enum X509Certificate {
    package static func parse(_ der: [UInt8]) -> OpaquePointer? {
        der.withUnsafeBufferPointer { buffer in
            var cursor = buffer.baseAddress
            let certificate = d2i_X509(nil, &cursor, buffer.count)
            if certificate == nil { ERR_clear_error() }
            return certificate
        }
    }

    package static func der(_ certificate: OpaquePointer) -> [UInt8]? {
        let length = i2d_X509(certificate, nil)
        guard length > 0 else { return nil }
        var bytes = [UInt8](repeating: 0, count: Int(length))
        let written = bytes.withUnsafeMutableBufferPointer { buffer in
            var cursor = buffer.baseAddress
            return i2d_X509(certificate, &cursor)
        }
        return written == length ? bytes : nil
    }
}
