/// Canonical XML 1.0 without comments (W3C Recommendation of 15 March 2001,
/// `http://www.w3.org/TR/2001/REC-xml-c14n-20010315`) of a parsed document or of one element's
/// subtree, as XMLDSig digests and signs them.
///
/// What the recommendation asks and this does: the XML declaration dropped; comments left out;
/// processing instructions kept, those outside the document element separated from it by line
/// feeds; empty elements written as start and end tag; attributes in double quotes, sorted by
/// namespace URI then local name after the namespace declarations sorted by prefix; a namespace
/// declaration written only where it differs from the parent's in-scope ones; text and
/// attribute values escaped as section 2.3 says. For an element's subtree (`SignedInfo`), the
/// namespaces in scope and the `xml:` attributes of its ancestors are written on it.
///
/// A document type declaration is refused by ``XMLParser``: its default attributes and entities
/// would change the canonical form and are not implemented.
struct Canonicalizer {
    /// The XML namespace, bound to the prefix `xml` without a declaration.
    static let xmlNamespace = "http://www.w3.org/XML/1998/namespace"

    private var out: [UInt8] = []
    /// The element left out with its subtree (the enveloped signature), by its first byte.
    private let excluded: Int?

    private init(excluded: Int?) { self.excluded = excluded }

    /// The canonical form of a whole document, leaving out the element starting at byte
    /// `excluding` (the enveloped-signature transform).
    static func document(_ document: XMLDocument, excluding: Int? = nil) throws(SignatureError) -> [UInt8] {
        var canonicalizer = Canonicalizer(excluded: excluding)
        for node in document.prolog {
            if canonicalizer.node(node) { canonicalizer.out.append(0x0A) }
        }
        try canonicalizer.element(document.root, parentScope: [:], scope: document.root.scope(inheriting: [:]))
        for node in document.epilog {
            if case .processingInstruction = node { canonicalizer.out.append(0x0A) }
            _ = canonicalizer.node(node)
        }
        return canonicalizer.out
    }

    /// The canonical form of one element and its descendants, inside `ancestors` (outermost
    /// first): the apex of a document subset.
    static func subtree(_ apex: XMLElement, ancestors: [XMLElement]) throws(SignatureError) -> [UInt8] {
        var inherited: [String: String] = [:]
        var xmlAttributes: [String: String] = [:]
        for ancestor in ancestors {
            inherited = ancestor.scope(inheriting: inherited)
            for attribute in ancestor.attributes where attribute.name.hasPrefix("xml:") {
                xmlAttributes[attribute.name] = attribute.value
            }
        }
        var element = apex
        let own = Set(apex.attributes.map(\.name))
        for (name, value) in xmlAttributes where !own.contains(name) {
            element.attributes.append(.init(name: name, value: value))
        }
        var canonicalizer = Canonicalizer(excluded: nil)
        try canonicalizer.element(element, parentScope: [:], scope: apex.scope(inheriting: inherited))
        return canonicalizer.out
    }

    /// Writes a comment or processing instruction; returns whether anything was written.
    private mutating func node(_ node: XMLNode) -> Bool {
        guard case .processingInstruction(let target, let data) = node else { return false }
        append("<?" + target)
        if !data.isEmpty { append(" " + data) }
        append("?>")
        return true
    }

    private mutating func element(
        _ element: XMLElement,
        parentScope: [String: String],
        scope: [String: String]
    )
        throws(SignatureError)
    {
        append("<" + element.name)
        _ = try Self.namespace(of: element.name, in: scope)
        // Namespace declarations: those whose binding differs from the parent's, by prefix.
        var declarations: [(prefix: String, uri: String)] = []
        // `xmlns=""` only undoes a parent's default; `xml` is bound without a declaration.
        for (prefix, uri) in scope where parentScope[prefix] != uri && prefix != "xml" {
            if prefix.isEmpty, uri.isEmpty, (parentScope[""] ?? "").isEmpty { continue }
            declarations.append((prefix, uri))
        }
        for declaration in declarations.sorted(by: { Self.before($0.prefix, $1.prefix) }) {
            append(declaration.prefix.isEmpty ? " xmlns=\"" : " xmlns:\(declaration.prefix)=\"")
            escape(declaration.uri, inAttribute: true)
            append("\"")
        }
        var attributes: [(uri: String, local: String, attribute: XMLElement.Attribute)] = []
        for attribute in element.attributes {
            let (prefix, local) = XMLElement.split(attribute.name)
            let uri = prefix.isEmpty ? "" : try Self.namespace(of: attribute.name, in: scope)
            attributes.append((uri, local, attribute))
        }
        attributes.sort { $0.uri == $1.uri ? Self.before($0.local, $1.local) : Self.before($0.uri, $1.uri) }
        for entry in attributes {
            append(" " + entry.attribute.name + "=\"")
            escape(entry.attribute.value, inAttribute: true)
            append("\"")
        }
        append(">")
        for child in element.children {
            switch child {
            case .element(let inner):
                guard inner.range.lowerBound != excluded else { continue }
                try self.element(inner, parentScope: scope, scope: inner.scope(inheriting: scope))
            case .text(let text): escape(text, inAttribute: false)
            case .comment, .processingInstruction: _ = node(child)
            }
        }
        append("</" + element.name + ">")
    }

    /// The namespace URI of a qualified name's prefix (`""` for an unprefixed element without a
    /// default namespace); an undeclared prefix is malformed.
    static func namespace(of name: String, in scope: [String: String]) throws(SignatureError) -> String {
        let prefix = XMLElement.split(name).prefix
        if prefix == "xml" { return xmlNamespace }
        if let uri = scope[prefix] { return uri }
        guard prefix.isEmpty else { throw SignatureError(.malformedXML, "the prefix \(prefix): is not declared") }
        return ""
    }

    /// Unicode code point order, as the recommendation sorts.
    private static func before(_ first: String, _ second: String) -> Bool {
        first.unicodeScalars.lexicographicallyPrecedes(second.unicodeScalars) { $0.value < $1.value }
    }

    private mutating func append(_ text: String) { out.append(contentsOf: text.utf8) }

    /// Writes text escaped as section 2.3 says: in text `&`, `<`, `>` and CR; in an attribute
    /// value `&`, `<`, `"`, tab, line feed and CR.
    private mutating func escape(_ text: String, inAttribute: Bool) {
        for byte in text.utf8 {
            switch (byte, inAttribute) {
            case (UInt8(ascii: "&"), _): append("&amp;")
            case (UInt8(ascii: "<"), _): append("&lt;")
            case (UInt8(ascii: ">"), false): append("&gt;")
            case (UInt8(ascii: "\""), true): append("&quot;")
            case (0x09, true): append("&#x9;")
            case (0x0A, true): append("&#xA;")
            case (0x0D, _): append("&#xD;")
            default: out.append(byte)
            }
        }
    }
}
