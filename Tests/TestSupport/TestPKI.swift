internal import COpenSSL
public import Foundation

/// A throwaway certificate authority for the signature tests: a fresh RSA CA made in memory,
/// and signing certificates it issues with any validity and key usage, as PKCS#12 files.
///
/// Nothing it makes is ever committed: every run makes new keys. `@unchecked Sendable`: the CA's
/// key and certificate are never changed after `init`.
public final class TestPKI: @unchecked Sendable {
    /// OpenSSL refused a step.
    public struct Failure: Error, CustomStringConvertible {
        /// The step.
        public let description: String
    }

    /// The CA's certificate as PEM: the trust store of the tests.
    public let authorityPEM: [UInt8]
    private let authorityKey: OpaquePointer
    private let authority: OpaquePointer
    private let lock = NSLock()
    private var serial = 1

    /// A new CA named `commonName`, valid from a year ago for ten years.
    public init(commonName: String = "ChipChart Test CA") throws(Failure) {
        let key = try Self.rsaKey()
        let now = Date()
        let certificate: OpaquePointer
        do {
            certificate = try Self.certificate(
                Profile(
                    commonName: commonName,
                    validity: now.addingTimeInterval(-365 * 86_400)...now.addingTimeInterval(3650 * 86_400),
                    extensions: [(NID_basic_constraints, "critical,CA:TRUE"), (NID_key_usage, "critical,keyCertSign")]
                ),
                serial: 1,
                key: key,
                issuer: nil,
                issuerKey: key
            )
        } catch {
            EVP_PKEY_free(key)
            throw error
        }
        authorityKey = key
        authority = certificate
        authorityPEM = try Self.pem(certificate)
    }

    deinit {
        X509_free(authority)
        EVP_PKEY_free(authorityKey)
    }

    /// What a signing certificate looks like.
    public struct Profile: Sendable {
        /// The subject's common name (the subject is `C=VN, O=ChipChart Test, CN=…`).
        public var commonName: String
        /// From when until when it is valid.
        public var validity: ClosedRange<Date>
        /// Extensions by NID and OpenSSL configuration text.
        var extensions: [(Int32, String)]

        /// A signing certificate: key usage digitalSignature and nonRepudiation unless `keyUsage` says otherwise.
        public init(
            commonName: String,
            validity: ClosedRange<Date>,
            keyUsage: String = "critical,digitalSignature,nonRepudiation"
        ) {
            self.init(commonName: commonName, validity: validity, extensions: [(NID_key_usage, keyUsage)])
        }

        init(commonName: String, validity: ClosedRange<Date>, extensions: [(Int32, String)]) {
            self.commonName = commonName
            self.validity = validity
            self.extensions = extensions
        }

        /// Valid from yesterday for a year.
        public static func current(_ commonName: String) -> Profile {
            Profile(
                commonName: commonName,
                validity: Date().addingTimeInterval(-86_400)...Date().addingTimeInterval(365 * 86_400)
            )
        }
    }

    /// A PKCS#12 file holding a new key and the certificate this CA issues it.
    public func issue(_ profile: Profile, password: String) throws(Failure) -> [UInt8] {
        let next = lock.withLock {
            serial += 1
            return serial
        }
        let key = try Self.rsaKey()
        defer { EVP_PKEY_free(key) }
        let certificate = try Self.certificate(
            profile,
            serial: next,
            key: key,
            issuer: authority,
            issuerKey: authorityKey
        )
        defer { X509_free(certificate) }
        guard let container = PKCS12_create(password, profile.commonName, key, certificate, nil, 0, 0, 0, 0, 0),
            let bio = BIO_new(BIO_s_mem())
        else { throw Failure(description: "PKCS12_create") }
        defer {
            PKCS12_free(container)
            BIO_free(bio)
        }
        guard i2d_PKCS12_bio(bio, container) == 1 else { throw Failure(description: "i2d_PKCS12_bio") }
        return Self.contents(bio)
    }

    private static func rsaKey() throws(Failure) -> OpaquePointer {
        guard let context = EVP_PKEY_CTX_new_from_name(nil, "RSA", nil) else { throw Failure(description: "RSA") }
        defer { EVP_PKEY_CTX_free(context) }
        var key: OpaquePointer?
        guard EVP_PKEY_keygen_init(context) == 1, EVP_PKEY_CTX_set_rsa_keygen_bits(context, 2048) == 1,
            EVP_PKEY_generate(context, &key) == 1, let key
        else { throw Failure(description: "RSA key generation") }
        return key
    }

    private static func certificate(
        _ profile: Profile,
        serial: Int,
        key: OpaquePointer,
        issuer: OpaquePointer?,
        issuerKey: OpaquePointer
    ) throws(Failure) -> OpaquePointer {
        guard let certificate = X509_new() else { throw Failure(description: "X509_new") }
        var steps: [(String, () -> Bool)] = [
            ("version", { X509_set_version(certificate, 2) == 1 }),
            ("serial", { ASN1_INTEGER_set(X509_get_serialNumber(certificate), serial) == 1 }),
            ("not before", { Self.set(X509_getm_notBefore(certificate), profile.validity.lowerBound) }),
            ("not after", { Self.set(X509_getm_notAfter(certificate), profile.validity.upperBound) }),
            ("key", { X509_set_pubkey(certificate, key) == 1 }),
        ]
        let subject = X509_get_subject_name(certificate)
        for (field, value) in [("C", "VN"), ("O", "ChipChart Test"), ("CN", profile.commonName)] {
            steps.append((field, { X509_NAME_add_entry_by_txt(subject, field, MBSTRING_UTF8, value, -1, -1, 0) == 1 }))
        }
        steps.append(
            ("issuer", { X509_set_issuer_name(certificate, X509_get_subject_name(issuer ?? certificate)) == 1 })
        )
        for (nid, text) in profile.extensions {
            steps.append(("extension \(text)", { Self.add(nid, text, to: certificate, issuer: issuer ?? certificate) }))
        }
        steps.append(("signature", { X509_sign(certificate, issuerKey, EVP_sha256()) > 0 }))
        for (name, step) in steps where !step() {
            X509_free(certificate)
            ERR_clear_error()
            throw Failure(description: "the certificate's \(name)")
        }
        return certificate
    }

    private static func set(_ time: UnsafeMutablePointer<ASN1_TIME>?, _ date: Date) -> Bool {
        ASN1_TIME_set(time, time_t(date.timeIntervalSince1970)) != nil
    }

    private static func add(_ nid: Int32, _ text: String, to certificate: OpaquePointer, issuer: OpaquePointer) -> Bool
    {
        var context = X509V3_CTX()
        X509V3_set_ctx(&context, issuer, certificate, nil, nil, 0)
        guard let value = X509V3_EXT_conf_nid(nil, &context, nid, text) else { return false }
        defer { X509_EXTENSION_free(value) }
        return X509_add_ext(certificate, value, -1) == 1
    }

    private static func pem(_ certificate: OpaquePointer) throws(Failure) -> [UInt8] {
        guard let bio = BIO_new(BIO_s_mem()) else { throw Failure(description: "BIO") }
        defer { BIO_free(bio) }
        guard PEM_write_bio_X509(bio, certificate) == 1 else { throw Failure(description: "PEM") }
        return contents(bio)
    }

    private static func contents(_ bio: OpaquePointer) -> [UInt8] {
        var pointer: UnsafePointer<CChar>?
        let count = chipchart_bio_contents(bio, &pointer)
        guard let pointer, count > 0 else { return [] }
        return pointer.withMemoryRebound(to: UInt8.self, capacity: count) {
            Array(UnsafeBufferPointer(start: $0, count: count))
        }
    }
}
