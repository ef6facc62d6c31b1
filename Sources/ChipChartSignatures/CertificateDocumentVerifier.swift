public import ChipChart
public import Foundation

/// Verifies the digital signatures of visit documents: the RSA-SHA256 signature over the
/// digest with the stored certificate, then the certificate against a policy as of the time
/// of signing.
public struct CertificateDocumentVerifier: DocumentSignatureVerifier {
    /// The trust store and checks.
    public let policy: CertificatePolicy

    /// A verifier trusting what `policy` trusts.
    public init(policy: CertificatePolicy) { self.policy = policy }

    /// ``ChipChart/DocumentSignatureStatus/valid``, `signatureInvalid`, or `certificateProblem`
    /// with the policy's reason.
    public func verify(
        signature: Data,
        over digest: [UInt8],
        certificate: Data,
        signedAt: Date
    ) -> DocumentSignatureStatus {
        let leaf: Certificate
        do {
            leaf = try Certificate(der: Array(certificate))
        } catch {
            return .certificateProblem("\(error)")
        }
        guard (try? SignatureVerifier.verifiesSHA256(Array(signature), over: digest, with: leaf)) == true else {
            return .signatureInvalid
        }
        do {
            try policy.check([leaf], at: signedAt)
        } catch {
            return .certificateProblem("\(error)")
        }
        return .valid
    }
}
