internal import COpenSSL
public import Foundation

/// Signs with the RSA key of a PKCS#12 file (`.p12`, `.pfx`), through OpenSSL's libcrypto.
///
/// <!-- snippet: context=Signing mode=compile-only because=it-needs-the-facility's-own-key-file-or-token -->
/// ```swift
/// let signer = try PKCS12Signer(contentsOf: URL(fileURLWithPath: "facility.p12"), password: "…")
/// print(signer.certificateChain[0].subjectName)
/// ```
public struct PKCS12Signer: Signer {
    /// RSA-SHA256.
    public var algorithm: SignatureAlgorithm { .rsaSHA256 }
    /// The file's certificate, then the CA certificates it carries.
    public let certificateChain: [Certificate]
    private let key: PrivateKey

    /// Reads a PKCS#12 file.
    ///
    /// - Throws: ``SignatureError`` `unreadableKey` (no such file, a wrong password, not PKCS#12,
    ///   no key or certificate), `unsupportedKey` (not RSA), `malformedCertificate`.
    public init(contentsOf url: URL, password: String) throws(SignatureError) {
        let bytes: Data
        do {
            bytes = try Data(contentsOf: url)
        } catch {
            throw SignatureError(.unreadableKey, "the key file \(url.lastPathComponent) cannot be read")
        }
        try self.init(pkcs12: Array(bytes), password: password)
    }

    /// Reads PKCS#12 bytes.
    ///
    /// - Throws: as ``init(contentsOf:password:)``.
    public init(pkcs12 bytes: [UInt8], password: String) throws(SignatureError) {
        defer { OpenSSLSupport.clearErrors() }
        let container = try OpenSSLSupport.withBIO(bytes) { bio in d2i_PKCS12_bio(bio, nil) }
        guard let container else { throw SignatureError(.unreadableKey, "the key file is not PKCS#12") }
        defer { PKCS12_free(container) }
        var key: OpaquePointer?
        var certificate: OpaquePointer?
        var authorities: OpaquePointer?
        guard PKCS12_parse(container, password, &key, &certificate, &authorities) == 1 else {
            throw SignatureError(.unreadableKey, "the key file cannot be opened (a wrong password?)")
        }
        defer {
            chipchart_free_certificates(authorities)
            if let certificate { X509_free(certificate) }
        }
        guard let key else { throw SignatureError(.unreadableKey, "the key file holds no private key") }
        let privateKey = PrivateKey(key)
        guard let certificate else { throw SignatureError(.unreadableKey, "the key file holds no certificate") }
        guard EVP_PKEY_is_a(key, "RSA") == 1 else {
            throw SignatureError(.unsupportedKey, "the key is not RSA: the insurer takes RSA-SHA256")
        }
        var chain = [try Certificate(certificate)]
        if let authorities {
            for index in 0..<chipchart_certificate_count(authorities) {
                guard let authority = chipchart_certificate_at(authorities, index) else { continue }
                chain.append(try Certificate(authority))
            }
        }
        self.key = privateKey
        self.certificateChain = chain
    }

    /// The RSA-SHA256 signature of `data`.
    public func sign(_ data: [UInt8]) async throws(SignatureError) -> [UInt8] {
        try key.signSHA256(data)
    }
}

/// An OpenSSL private key, freed with its last reference.
///
/// `@unchecked Sendable`: the key is never changed after loading, and each signature uses its own
/// `EVP_MD_CTX`, which OpenSSL 3 allows from several threads at once.
final class PrivateKey: @unchecked Sendable {
    let pointer: OpaquePointer

    init(_ pointer: OpaquePointer) { self.pointer = pointer }

    deinit { EVP_PKEY_free(pointer) }

    /// The RSASSA-PKCS1-v1_5 SHA-256 signature of `data`.
    func signSHA256(_ data: [UInt8]) throws(SignatureError) -> [UInt8] {
        defer { OpenSSLSupport.clearErrors() }
        guard let context = EVP_MD_CTX_new() else { throw SignatureError(.signingFailed, "no memory to sign") }
        defer { EVP_MD_CTX_free(context) }
        var length = 0
        guard EVP_DigestSignInit(context, nil, EVP_sha256(), nil, pointer) == 1,
            EVP_DigestSign(context, nil, &length, data, data.count) == 1
        else { throw SignatureError(.signingFailed, "the key cannot sign RSA-SHA256") }
        var signature = [UInt8](repeating: 0, count: length)
        guard EVP_DigestSign(context, &signature, &length, data, data.count) == 1 else {
            throw SignatureError(.signingFailed, "the key did not sign")
        }
        return Array(signature.prefix(length))
    }
}
