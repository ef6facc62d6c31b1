internal import COpenSSL
public import Foundation

/// Verifies the enveloped XMLDSig signature of a document, as ``XMLSigner`` writes it and the
/// insurer checks it: the structure and algorithms, the digest of the canonical document
/// without the signature, the signature value over the canonical `SignedInfo`, the
/// `X509SubjectName`, and the certificate chain against a ``CertificatePolicy``.
///
/// <!-- snippet: context=Signing -->
/// ```swift
/// let verifier = SignatureVerifier(policy: try CertificatePolicy(trustedPEMFile: caFile))
/// let verified = try verifier.verify(Array(fileBytes))
/// print(verified.signer.subjectName)
/// ```
public struct SignatureVerifier: Sendable {
    /// A signature that verified.
    public struct Verified: Hashable, Sendable {
        /// The certificates of `KeyInfo`, signing certificate first.
        public let certificateChain: [Certificate]
        /// The signing certificate.
        public var signer: Certificate { certificateChain[0] }
    }

    /// The checks the signing certificate must pass.
    public let policy: CertificatePolicy

    /// A verifier with a certificate policy.
    public init(policy: CertificatePolicy) { self.policy = policy }

    /// Verifies the document's one signature at a time (now by default), and, when a placement
    /// is given, that the signature sits there.
    ///
    /// - Throws: ``SignatureError`` naming the first check that failed: `malformedXML`,
    ///   `unsupportedXML`, `signatureMissing`, `multipleSignatures`, `misplacedSignature`, `malformedSignature`,
    ///   `unsupportedAlgorithm`, `digestMismatch`, `malformedCertificate`, `signatureInvalid`,
    ///   `subjectNameMismatch`, then the certificate policy's reasons.
    public func verify(
        _ document: [UInt8],
        at time: Date = Date(),
        placement: SignaturePlacement? = nil
    )
        throws(SignatureError) -> Verified
    {
        let parsed = try XMLParser.parse(document)
        let signature = try XMLDSig.theSignature(in: parsed)
        if let placement {
            let parent = signature.ancestors.last
            let placed =
                placement.elementName.map { parent?.name == $0 } ?? (signature.ancestors.count == 1)
            guard placed else {
                throw SignatureError(
                    .misplacedSignature,
                    "the Signature is inside <\(parent?.name ?? "")>, not <\(placement.elementName ?? parsed.root.name)>"
                )
            }
        }
        let signedInfo = try signature.child("SignedInfo")
        try Self.expect(signedInfo.child("CanonicalizationMethod").algorithm, XMLDSig.canonicalization)
        try Self.expect(signedInfo.child("SignatureMethod").algorithm, SignatureAlgorithm.rsaSHA256.uri)
        let reference = try signedInfo.child("Reference")
        guard reference.element.attributes.first(where: { $0.name == "URI" })?.value == "" else {
            throw SignatureError(.malformedSignature, "the Reference does not have URI=\"\" (the whole document)")
        }
        let transforms = try reference.child("Transforms").children("Transform").map(\.algorithm)
        guard transforms == [XMLDSig.enveloped] || transforms == [XMLDSig.enveloped, XMLDSig.canonicalization] else {
            throw SignatureError(.unsupportedAlgorithm, "the transforms \(transforms) are not the enveloped signature")
        }
        try Self.expect(reference.child("DigestMethod").algorithm, XMLDSig.sha256)
        let digest = try Self.base64(reference.child("DigestValue"))
        let content = try Canonicalizer.document(parsed, excluding: signature.element.range.lowerBound)
        guard OpenSSLSupport.sha256(content) == digest else {
            throw SignatureError(.digestMismatch, "the signed content changed after signing: its SHA-256 differs")
        }
        let data = try signature.child("KeyInfo").child("X509Data")
        let chain = try data.children("X509Certificate").map { entry throws(SignatureError) in
            try Certificate(der: Self.base64(entry))
        }
        guard let leaf = chain.first else { throw SignatureError(.malformedSignature, "KeyInfo holds no certificate") }
        let canonical = try Canonicalizer.subtree(signedInfo.element, ancestors: signedInfo.ancestors)
        let value = try Self.base64(signature.child("SignatureValue"))
        guard try Self.verifiesSHA256(value, over: canonical, with: leaf) else {
            throw SignatureError(.signatureInvalid, "the signature value does not verify with \(leaf.subjectName)")
        }
        for name in try data.children("X509SubjectName") where !Self.sameName(name.element.text, leaf.subjectName) {
            throw SignatureError(
                .subjectNameMismatch,
                "X509SubjectName \(name.element.text) is not \(leaf.subjectName)"
            )
        }
        try policy.check(chain, at: time)
        return Verified(certificateChain: chain)
    }

    private static func expect(_ algorithm: String, _ expected: String) throws(SignatureError) {
        guard algorithm == expected else {
            throw SignatureError(
                .unsupportedAlgorithm,
                "\(algorithm.isEmpty ? "no algorithm" : algorithm), not \(expected)"
            )
        }
    }

    private static func base64(_ located: XMLDSig.Located) throws(SignatureError) -> [UInt8] {
        let text = located.element.text.filter { !$0.isWhitespace }
        guard let data = Data(base64Encoded: text) else {
            throw SignatureError(.malformedSignature, "\(located.element.name) is not base64")
        }
        return Array(data)
    }

    /// Names compared without the spaces some tools put after the commas.
    private static func sameName(_ first: String, _ second: String) -> Bool {
        func squeezed(_ name: String) -> String {
            name.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: ",")
        }
        return squeezed(first) == squeezed(second)
    }

    /// Whether `signature` is an RSA-SHA256 signature of `data` by the certificate's key.
    static func verifiesSHA256(
        _ signature: [UInt8],
        over data: [UInt8],
        with certificate: Certificate
    )
        throws(SignatureError) -> Bool
    {
        defer { OpenSSLSupport.clearErrors() }
        guard let x509 = OpenSSLSupport.parse(certificate.der) else {
            throw SignatureError(.malformedCertificate, "the signing certificate cannot be decoded")
        }
        defer { X509_free(x509) }
        guard let key = X509_get0_pubkey(x509), let context = EVP_MD_CTX_new() else {
            throw SignatureError(.malformedCertificate, "the signing certificate has no usable key")
        }
        defer { EVP_MD_CTX_free(context) }
        guard EVP_DigestVerifyInit(context, nil, EVP_sha256(), nil, key) == 1 else { return false }
        return EVP_DigestVerify(context, signature, signature.count, data, data.count) == 1
    }
}
