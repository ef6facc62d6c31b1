/// Why signing or verifying failed: a stable reason and a message naming what was wrong.
///
/// <!-- snippet: context=Signing -->
/// ```swift
/// do {
///     _ = try SignatureVerifier(policy: policy).verify(fileBytes)
/// } catch {
///     print(error.reason, error.message)   // digestMismatch, "the signed content changed …"
/// }
/// ```
///
/// New reasons are added as static constants, so adding one never breaks a `switch` in your code.
public struct SignatureError: Error, Hashable, Sendable, CustomStringConvertible {
    /// Why: a short, stable name such as `certificateExpired`.
    public struct Reason: Hashable, Sendable, CustomStringConvertible {
        /// The reason's stable name.
        public let name: String

        /// A reason with a stable name.
        public init(_ name: String) { self.name = name }

        /// The key file cannot be read or decoded (a wrong password included).
        public static let unreadableKey = Reason("unreadableKey")
        /// The key is not an RSA key: the insurer takes RSA-SHA256 only.
        public static let unsupportedKey = Reason("unsupportedKey")
        /// Bytes that are not an X.509 certificate, or a trust store without any.
        public static let malformedCertificate = Reason("malformedCertificate")
        /// The certificate's validity ended before the time of the check.
        public static let certificateExpired = Reason("certificateExpired")
        /// The certificate's validity starts after the time of the check.
        public static let certificateNotYetValid = Reason("certificateNotYetValid")
        /// The certificate's key usage allows neither digitalSignature nor nonRepudiation.
        public static let keyUsageNotForSigning = Reason("keyUsageNotForSigning")
        /// The chain does not lead to a certificate of the trust store.
        public static let untrustedChain = Reason("untrustedChain")
        /// The revocation checker says the certificate is revoked.
        public static let certificateRevoked = Reason("certificateRevoked")
        /// The private key could not sign.
        public static let signingFailed = Reason("signingFailed")
        /// The document is not well-formed XML.
        public static let malformedXML = Reason("malformedXML")
        /// The document uses XML the canonicalizer does not implement (a DOCTYPE, another encoding).
        public static let unsupportedXML = Reason("unsupportedXML")
        /// The element that should hold the signature is not in the document.
        public static let placementNotFound = Reason("placementNotFound")
        /// The document already holds a signature.
        public static let alreadySigned = Reason("alreadySigned")
        /// The document holds no signature.
        public static let signatureMissing = Reason("signatureMissing")
        /// The document holds more than one signature.
        public static let multipleSignatures = Reason("multipleSignatures")
        /// The signature's structure is not the enveloped XMLDSig the insurer takes.
        public static let malformedSignature = Reason("malformedSignature")
        /// An algorithm other than the insurer's (inclusive C14N 1.0, RSA-SHA256, SHA-256).
        public static let unsupportedAlgorithm = Reason("unsupportedAlgorithm")
        /// The signed content changed after signing: its digest differs.
        public static let digestMismatch = Reason("digestMismatch")
        /// The signature value does not verify with the certificate's key.
        public static let signatureInvalid = Reason("signatureInvalid")
        /// `X509SubjectName` does not name the certificate's subject.
        public static let subjectNameMismatch = Reason("subjectNameMismatch")
        /// The signature is not where the file's kind puts it (a claims file: inside `CHUKYDONVI`).
        public static let misplacedSignature = Reason("misplacedSignature")
        /// An audit checkpoint (or its file's line) cannot be read.
        public static let malformedCheckpoint = Reason("malformedCheckpoint")
        /// The checkpoint file cannot be read or written.
        public static let checkpointFileFailed = Reason("checkpointFileFailed")
        /// The audit trail does not match the checkpoint signed over it: events were edited,
        /// recomputed, reordered or cut off.
        public static let trailDoesNotMatchCheckpoint = Reason("trailDoesNotMatchCheckpoint")

        /// The stable name.
        public var description: String { name }
    }

    /// Why it failed.
    public let reason: Reason
    /// What failed, in words, for a log line or a message.
    public let message: String

    /// An error with a reason and a message.
    public init(_ reason: Reason, _ message: String) {
        self.reason = reason
        self.message = message
    }

    /// The reason and the message.
    public var description: String { "\(reason): \(message)" }
}
