/// A parsed XML document: the nodes around the root and the root, with the byte ranges that
/// signing splices into (nothing is ever written back from this tree).
struct XMLDocument: Sendable {
    /// Processing instructions and comments before the root.
    var prolog: [XMLNode]
    /// The document element.
    var root: XMLElement
    /// Processing instructions and comments after the root.
    var epilog: [XMLNode]
}

/// A node of the tree, as canonicalization sees it.
enum XMLNode: Sendable {
    /// An element.
    case element(XMLElement)
    /// Character data: text, references resolved, CDATA sections included, line ends normalised.
    case text(String)
    /// A comment (canonical XML without comments leaves it out).
    case comment
    /// A processing instruction: its target and its data (leading white space removed).
    case processingInstruction(target: String, data: String)
}

/// An element: its qualified name, attributes, namespace declarations, children, and where it
/// sits in the bytes.
struct XMLElement: Sendable {
    /// An attribute other than a namespace declaration.
    struct Attribute: Sendable {
        /// The qualified name as written (`a:attr`).
        var name: String
        /// The value, references resolved and white space normalised.
        var value: String
    }

    /// The qualified name as written.
    var name: String
    /// Attributes in document order.
    var attributes: [Attribute] = []
    /// The namespace declarations on this element: prefix (`""` for the default) to URI.
    var namespaces: [(prefix: String, uri: String)] = []
    /// The children in document order.
    var children: [XMLNode] = []
    /// The bytes of the whole element, start tag to end tag.
    var range: Range<Int>
    /// The bytes between the start tag and the end tag (empty at the end of an empty-element tag).
    var contentRange: Range<Int>

    /// The prefix of a qualified name (`""` when there is none) and its local part.
    static func split(_ name: String) -> (prefix: String, local: String) {
        guard let colon = name.firstIndex(of: ":") else { return ("", name) }
        return (String(name[..<colon]), String(name[name.index(after: colon)...]))
    }

    /// The namespaces in scope on this element, given those in scope on its parent.
    func scope(inheriting parent: [String: String]) -> [String: String] {
        var scope = parent
        for declaration in namespaces { scope[declaration.prefix] = declaration.uri }
        return scope
    }

    /// The concatenated text of the children.
    var text: String {
        children.reduce(into: "") { out, child in
            if case .text(let text) = child { out += text }
        }
    }

    /// The child elements.
    var elements: [XMLElement] {
        children.compactMap { child in
            if case .element(let element) = child { return element }
            return nil
        }
    }
}
