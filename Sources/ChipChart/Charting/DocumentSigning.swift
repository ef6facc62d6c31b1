public import Foundation

/// Signs a document's digest with a clinician's key: the module that holds the keys (such as
/// `ChipChartSignatures`, whose `Signer`s do) provides it, so the core stays free of
/// cryptography libraries.
public protocol DocumentSigner: Sendable {
    /// The signing certificate, DER.
    var certificate: Data { get }
    /// The signature (RSA-SHA256) over `digest`'s 32 bytes.
    func sign(digest: [UInt8]) async throws -> Data
}

/// Checks a digital signature of a document's digest and its certificate, as of the signing time.
public protocol DocumentSignatureVerifier: Sendable {
    /// ``DocumentSignatureStatus/valid``, ``DocumentSignatureStatus/signatureInvalid`` or
    /// ``DocumentSignatureStatus/certificateProblem(_:)``.
    func verify(signature: Data, over digest: [UInt8], certificate: Data, signedAt: Date) -> DocumentSignatureStatus
}
