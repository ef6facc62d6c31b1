public import ChipChart
public import Foundation

/// An ``XMLSigner`` — a ``Signer`` (a PKCS#12 file, a PKCS#11 token) and the policy its
/// certificate must pass — signs visit documents' digests too (``ChipChart/Charting/sign(_:of:by:with:at:)``).
extension XMLSigner: DocumentSigner {
    /// The signing certificate, DER.
    public var certificate: Data { Data(signer.certificateChain.first?.der ?? []) }

    /// RSA-SHA256 over the digest's bytes.
    ///
    /// - Throws: ``SignatureError``: the certificate policy's reasons when the certificate is
    ///   not fit to sign now, `signingFailed` from the signer.
    public func sign(digest: [UInt8]) async throws -> Data {
        try policy.check(signer.certificateChain, at: Date())
        return Data(try await signer.sign(digest))
    }
}
