/// Canonical XML 1.0 without comments (`http://www.w3.org/TR/2001/REC-xml-c14n-20010315`), the
/// canonicalization of the insurer's signatures, of a whole document.
///
/// It reads the documents ChipChart writes and other plain XML: UTF-8, elements, attributes,
/// namespaces, character and predefined references, CDATA, comments, processing instructions.
/// A document type declaration is refused with `unsupportedXML` (its default attributes and
/// entities would change the canonical form and are not implemented), as is an encoding other
/// than UTF-8 unless every byte is ASCII.
///
/// ```swift
/// let canonical = try CanonicalXML.canonicalize(Array("<a b='1'/>".utf8))
/// print(String(decoding: canonical, as: UTF8.self))   // <a b="1"></a>
/// ```
public enum CanonicalXML {
    /// The canonical form of a document, UTF-8.
    ///
    /// - Throws: ``SignatureError`` `malformedXML` or `unsupportedXML`.
    public static func canonicalize(_ document: [UInt8]) throws(SignatureError) -> [UInt8] {
        try Canonicalizer.document(XMLParser.parse(document))
    }

    /// The canonical form of a signed document without its one XMLDSig `Signature` element: what
    /// the enveloped-signature transform digests.
    ///
    /// - Throws: ``SignatureError`` `malformedXML`, `unsupportedXML`, `signatureMissing` or
    ///   `multipleSignatures`.
    public static func canonicalizeWithoutSignature(_ document: [UInt8]) throws(SignatureError) -> [UInt8] {
        let parsed = try XMLParser.parse(document)
        let signature = try XMLDSig.theSignature(in: parsed)
        return try Canonicalizer.document(parsed, excluding: signature.element.range.lowerBound)
    }
}
