public import Foundation

/// Signs an XML document with an enveloped XMLDSig signature as the insurer takes it: inclusive
/// C14N 1.0, RSA-SHA256, one `Reference URI=""` with the enveloped-signature transform and a
/// SHA-256 digest, `KeyInfo` with the certificate and its subject name.
///
/// The document's bytes are never re-serialised: the `Signature` element, on one line, is
/// inserted before the end tag of the element ``SignaturePlacement`` names, and every other
/// byte stays where it was. The signer's certificate chain is checked against the
/// ``CertificatePolicy`` first: an expired, not yet valid, wrongly used or untrusted
/// certificate signs nothing.
///
/// <!-- snippet: context=Signing -->
/// ```swift
/// let signer = try PKCS12Signer(contentsOf: keyFile, password: password)
/// let xmlSigner = XMLSigner(signer: signer, policy: try CertificatePolicy(trustedPEMFile: caFile))
/// let signed = try await xmlSigner.sign(Array(claimsFile), placement: .claimsFile)
/// ```
public struct XMLSigner: Sendable {
    /// Bytes to insert into a document at an offset: the signature of the document.
    public struct Insertion: Hashable, Sendable {
        /// The byte offset to insert at (the start of the holding element's end tag).
        public let offset: Int
        /// The `Signature` element, UTF-8.
        public let bytes: [UInt8]

        /// The document with the bytes inserted.
        public func applied(to document: [UInt8]) -> [UInt8] {
            var out = document
            out.insert(contentsOf: bytes, at: offset)
            return out
        }
    }

    /// Who signs.
    public let signer: any Signer
    /// The checks the signer's certificates must pass.
    public let policy: CertificatePolicy

    /// A signer of XML documents.
    public init(signer: any Signer, policy: CertificatePolicy) {
        self.signer = signer
        self.policy = policy
    }

    /// The signed document.
    ///
    /// - Throws: ``SignatureError``, as ``insertion(for:placement:at:)``.
    public func sign(
        _ document: [UInt8],
        placement: SignaturePlacement,
        at time: Date = Date()
    )
        async throws(SignatureError) -> [UInt8]
    {
        try await insertion(for: document, placement: placement, at: time).applied(to: document)
    }

    /// The signature of a document and where it goes, for a caller that writes the bytes
    /// itself (into the file it has just written, say).
    ///
    /// - Throws: ``SignatureError``: the certificate checks' reasons; `malformedXML`,
    ///   `unsupportedXML`, `placementNotFound`, `alreadySigned`, `signingFailed`.
    public func insertion(
        for document: [UInt8],
        placement: SignaturePlacement,
        at time: Date = Date()
    )
        async throws(SignatureError) -> Insertion
    {
        try policy.check(signer.certificateChain, at: time)
        let parsed = try XMLParser.parse(document)
        guard try XMLDSig.signatures(in: parsed).isEmpty else {
            throw SignatureError(.alreadySigned, "the document already holds a Signature")
        }
        let holder = try Self.holder(placement, in: parsed)
        let digest = OpenSSLSupport.sha256(try Canonicalizer.document(parsed))
        let signedInfo = Self.signedInfo(digest: digest, algorithm: signer.algorithm)
        // SignedInfo is canonicalised where it will sit: inside the Signature, inside the holder.
        let template = try XMLParser.parse(Array(Self.signature(signedInfo, value: "", keyInfo: "").utf8))
        let canonical = try Canonicalizer.subtree(
            template.root.elements[0],
            ancestors: holder.ancestors + [holder.element, template.root]
        )
        let value = try await signer.sign(canonical)
        let signature = Self.signature(signedInfo, value: Data(value).base64EncodedString(), keyInfo: keyInfo)
        return Insertion(offset: holder.element.contentRange.upperBound, bytes: Array(signature.utf8))
    }

    private var keyInfo: String {
        var text = "<KeyInfo><X509Data>"
        if let certificate = signer.certificateChain.first {
            text += "<X509SubjectName>\(XMLDSig.escape(certificate.subjectName))</X509SubjectName>"
        }
        for certificate in signer.certificateChain {
            text += "<X509Certificate>\(certificate.base64)</X509Certificate>"
        }
        return text + "</X509Data></KeyInfo>"
    }

    private static func holder(
        _ placement: SignaturePlacement,
        in document: XMLDocument
    ) throws(SignatureError)
        -> XMLDSig.Located
    {
        let found: XMLDSig.Located?
        if let name = placement.elementName {
            found = try XMLDSig.first(named: name, in: document)
        } else {
            found = XMLDSig.Located(element: document.root, ancestors: [], scope: [:])
        }
        guard let found else {
            throw SignatureError(.placementNotFound, "the document has no <\(placement.elementName ?? "")>")
        }
        guard found.element.contentRange.upperBound < found.element.range.upperBound else {
            throw SignatureError(.placementNotFound, "<\(found.element.name)/> is an empty-element tag")
        }
        return found
    }

    private static func signedInfo(digest: [UInt8], algorithm: SignatureAlgorithm) -> String {
        "<SignedInfo><CanonicalizationMethod Algorithm=\"\(XMLDSig.canonicalization)\"/>"
            + "<SignatureMethod Algorithm=\"\(algorithm.uri)\"/>"
            + "<Reference URI=\"\"><Transforms><Transform Algorithm=\"\(XMLDSig.enveloped)\"/></Transforms>"
            + "<DigestMethod Algorithm=\"\(XMLDSig.sha256)\"/>"
            + "<DigestValue>\(Data(digest).base64EncodedString())</DigestValue></Reference></SignedInfo>"
    }

    private static func signature(_ signedInfo: String, value: String, keyInfo: String) -> String {
        "<Signature xmlns=\"\(XMLDSig.namespace)\">\(signedInfo)<SignatureValue>\(value)</SignatureValue>"
            + keyInfo + "</Signature>"
    }
}
