internal import COpenSSL
public import Foundation

/// An X.509 certificate: its DER bytes and the fields signing and verification look at.
public struct Certificate: Hashable, Sendable {
    /// The DER encoding.
    public let der: [UInt8]
    /// The subject as RFC 2253 text (`CN=…,O=…,C=VN`), UTF-8 kept as it is: what
    /// `X509SubjectName` holds.
    public let subjectName: String
    /// The start of validity.
    public let notBefore: Date
    /// The end of validity.
    public let notAfter: Date
    /// The serial number, upper-case hexadecimal.
    public let serialNumber: String
    /// Whether a key usage extension allows digitalSignature or nonRepudiation; `false` without
    /// the extension, which a signing certificate of a Vietnamese CA always carries.
    public let allowsSigning: Bool

    /// A certificate from DER bytes.
    ///
    /// - Throws: ``SignatureError`` `malformedCertificate` for bytes that are not one.
    public init(der: [UInt8]) throws(SignatureError) {
        guard let certificate = OpenSSLSupport.parse(der) else {
            OpenSSLSupport.clearErrors()
            throw SignatureError(.malformedCertificate, "the bytes are not a DER X.509 certificate")
        }
        defer { X509_free(certificate) }
        try self.init(certificate, der: der)
    }

    /// A certificate from an OpenSSL `X509` (not taken over: the caller still frees it).
    init(_ certificate: OpaquePointer, der: [UInt8]? = nil) throws(SignatureError) {
        guard let bytes = der ?? OpenSSLSupport.der(of: certificate),
            let notBefore = OpenSSLSupport.date(X509_get0_notBefore(certificate)),
            let notAfter = OpenSSLSupport.date(X509_get0_notAfter(certificate))
        else { throw SignatureError(.malformedCertificate, "the certificate cannot be encoded or has no validity") }
        self.der = bytes
        self.notBefore = notBefore
        self.notAfter = notAfter
        self.subjectName = Self.text(of: X509_get_subject_name(certificate))
        self.serialNumber = Self.hex(X509_get0_serialNumber(certificate))
        let usage = X509_get_key_usage(certificate)
        let signing = UInt32(KU_DIGITAL_SIGNATURE) | UInt32(KU_NON_REPUDIATION)
        self.allowsSigning = usage != UInt32.max && usage & signing != 0
    }

    /// The certificates of PEM text (`-----BEGIN CERTIFICATE-----` blocks), in order.
    ///
    /// - Throws: ``SignatureError`` `malformedCertificate` when the text holds none.
    public static func pem(_ text: [UInt8]) throws(SignatureError) -> [Certificate] {
        let certificates = try OpenSSLSupport.withBIO(text) { bio throws(SignatureError) -> [Certificate] in
            var found: [Certificate] = []
            while let certificate = PEM_read_bio_X509(bio, nil, nil, nil) {
                defer { X509_free(certificate) }
                found.append(try Certificate(certificate))
            }
            return found
        }
        OpenSSLSupport.clearErrors()  // the end of the text reads as an error
        guard !certificates.isEmpty else {
            throw SignatureError(.malformedCertificate, "the PEM text holds no certificate")
        }
        return certificates
    }

    /// The certificate as base64 DER on one line, as `X509Certificate` holds it.
    public var base64: String { Data(der).base64EncodedString() }

    private static func text(of name: OpaquePointer?) -> String {
        guard let name, let bio = BIO_new(BIO_s_mem()) else { return "" }
        defer { BIO_free(bio) }
        guard X509_NAME_print_ex(bio, name, 0, chipchart_rfc2253_utf8_flags()) >= 0 else { return "" }
        return String(decoding: OpenSSLSupport.contents(of: bio), as: UTF8.self)
    }

    private static func hex(_ serial: UnsafePointer<ASN1_INTEGER>?) -> String {
        guard let serial, let number = ASN1_INTEGER_to_BN(serial, nil) else { return "" }
        defer { BN_free(number) }
        guard let text = BN_bn2hex(number) else { return "" }
        defer { CRYPTO_free(text, #fileID, #line) }
        return String(cString: text)
    }
}
