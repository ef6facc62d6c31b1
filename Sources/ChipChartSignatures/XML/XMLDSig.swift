/// The names of XML Signature (XMLDSig 1.0, W3C Recommendation) the insurer's files use.
enum XMLDSig {
    /// The XMLDSig namespace.
    static let namespace = "http://www.w3.org/2000/09/xmldsig#"
    /// Canonical XML 1.0 without comments.
    static let canonicalization = "http://www.w3.org/TR/2001/REC-xml-c14n-20010315"
    /// The enveloped-signature transform.
    static let enveloped = "http://www.w3.org/2000/09/xmldsig#enveloped-signature"
    /// SHA-256 (XML Encryption).
    static let sha256 = "http://www.w3.org/2001/04/xmlenc#sha256"

    /// Text escaped for element content.
    static func escape(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            default: out.append(character)
            }
        }
        return out
    }

    /// The signatures of a document: each `Signature` element of the XMLDSig namespace, with
    /// its ancestors (outermost first) and the namespaces in scope on it.
    static func signatures(in document: XMLDocument) throws(SignatureError) -> [Located] {
        var found: [Located] = []
        try walk(document.root, ancestors: [], parentScope: [:]) { element, ancestors, scope throws(SignatureError) in
            let local = XMLElement.split(element.name).local
            if local == "Signature", try Canonicalizer.namespace(of: element.name, in: scope) == namespace {
                found.append(Located(element: element, ancestors: ancestors, scope: scope))
                return false
            }
            return true
        }
        return found
    }

    /// The document's one signature.
    static func theSignature(in document: XMLDocument) throws(SignatureError) -> Located {
        let signatures = try signatures(in: document)
        guard let signature = signatures.first else {
            throw SignatureError(.signatureMissing, "the file is not signed")
        }
        guard signatures.count == 1 else {
            throw SignatureError(.multipleSignatures, "the file holds \(signatures.count) signatures")
        }
        return signature
    }

    /// The first element with a qualified name, depth first, with its ancestors.
    static func first(named name: String, in document: XMLDocument) throws(SignatureError) -> Located? {
        var found: Located?
        try walk(document.root, ancestors: [], parentScope: [:]) { element, ancestors, scope in
            guard found == nil else { return false }
            if element.name == name { found = Located(element: element, ancestors: ancestors, scope: scope) }
            return found == nil
        }
        return found
    }

    /// An element found in a document.
    struct Located {
        /// The element.
        var element: XMLElement
        /// Its ancestors, outermost first.
        var ancestors: [XMLElement]
        /// The namespaces in scope on it.
        var scope: [String: String]

        /// Its child elements of the XMLDSig namespace with a local name.
        func children(_ local: String) throws(SignatureError) -> [Located] {
            var found: [Located] = []
            for child in element.elements {
                let scope = child.scope(inheriting: self.scope)
                guard XMLElement.split(child.name).local == local,
                    try Canonicalizer.namespace(of: child.name, in: scope) == XMLDSig.namespace
                else { continue }
                found.append(Located(element: child, ancestors: ancestors + [element], scope: scope))
            }
            return found
        }

        /// Its only child of a local name in the XMLDSig namespace.
        func child(_ local: String) throws(SignatureError) -> Located {
            let found = try children(local)
            guard found.count == 1 else {
                throw SignatureError(.malformedSignature, "\(element.name) holds \(found.count) \(local), not one")
            }
            return found[0]
        }

        /// The `Algorithm` attribute.
        var algorithm: String { element.attributes.first { $0.name == "Algorithm" }?.value ?? "" }
    }

    /// Visits elements depth first; `visit` returns whether to go into the element's children.
    private static func walk(
        _ element: XMLElement,
        ancestors: [XMLElement],
        parentScope: [String: String],
        _ visit: (XMLElement, [XMLElement], [String: String]) throws(SignatureError) -> Bool
    ) throws(SignatureError) {
        let scope = element.scope(inheriting: parentScope)
        guard try visit(element, ancestors, scope) else { return }
        for child in element.elements {
            try walk(child, ancestors: ancestors + [element], parentScope: scope, visit)
        }
    }
}
