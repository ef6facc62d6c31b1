/// Asks whether a certificate was revoked: OCSP, a CRL, or a list kept by the facility.
///
/// Checking with the CA needs a network, which ChipChart never opens itself: an embedder that
/// has one conforms a type that asks the CA's OCSP responder or reads its CRL. Without one,
/// ``NoRevocationCheck`` says nothing is revoked, and ``RevokedSerials`` refuses the serial
/// numbers it is given.
public protocol RevocationChecker: Sendable {
    /// Throws ``SignatureError`` `certificateRevoked` (or the reason the check failed) for a
    /// revoked certificate; returns for one in good standing.
    ///
    /// - Parameters:
    ///   - certificate: the certificate to check.
    ///   - issuer: its issuer, when the chain holds it.
    func check(_ certificate: Certificate, issuer: Certificate?) throws(SignatureError)
}

/// No revocation check: every certificate is taken as not revoked.
public struct NoRevocationCheck: RevocationChecker {
    /// No check.
    public init() {}

    /// Returns: nothing is revoked.
    public func check(_ certificate: Certificate, issuer: Certificate?) throws(SignatureError) {}
}

/// A fixed list of revoked serial numbers, such as one copied from a CRL by hand.
public struct RevokedSerials: RevocationChecker {
    /// The revoked serial numbers, upper-case hexadecimal as ``Certificate/serialNumber``.
    public let serialNumbers: Set<String>

    /// A list of revoked serial numbers (hexadecimal, any case).
    public init(_ serialNumbers: some Sequence<String>) {
        self.serialNumbers = Set(serialNumbers.map { $0.uppercased() })
    }

    /// Throws `certificateRevoked` when the certificate's serial number is listed.
    public func check(_ certificate: Certificate, issuer: Certificate?) throws(SignatureError) {
        guard serialNumbers.contains(certificate.serialNumber) else { return }
        throw SignatureError(
            .certificateRevoked,
            "the certificate \(certificate.subjectName) (serial \(certificate.serialNumber)) is revoked"
        )
    }
}
