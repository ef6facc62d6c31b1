import Foundation

/// Parses the XML that ChipChart signs and verifies: UTF-8, elements, attributes, namespaces,
/// text with the predefined and numeric references, CDATA, comments and processing
/// instructions.
///
/// A document type declaration (which could declare default attributes or entities), another
/// encoding (unless every byte is ASCII), or an undeclared entity is refused with `unsupportedXML` rather than read wrongly;
/// anything not well-formed is `malformedXML`.
struct XMLParser {
    private let bytes: [UInt8]
    private var position = 0
    private var depth = 0

    /// The deepest nesting read; deeper documents are refused, not a stack overflow.
    static let maximumDepth = 256

    /// Parses a whole document.
    static func parse(_ bytes: [UInt8]) throws(SignatureError) -> XMLDocument {
        var parser = XMLParser(bytes: bytes)
        return try parser.document()
    }

    private init(bytes: [UInt8]) { self.bytes = bytes }

    private mutating func document() throws(SignatureError) -> XMLDocument {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { position = 3 }
        if looking(at: "<?xml"), position + 5 < bytes.count, Self.isSpace(bytes[position + 5]) {
            try declaration()
        }
        let prolog = try miscellany()
        guard looking(at: "<"), !looking(at: "</") else { throw malformed("no document element") }
        let root = try element()
        let epilog = try miscellany()
        guard position == bytes.count else { throw malformed("content after the document element") }
        return XMLDocument(prolog: prolog, root: root, epilog: epilog)
    }

    /// The XML declaration: only UTF-8 is read.
    private mutating func declaration() throws(SignatureError) {
        guard let end = find("?>") else { throw malformed("an unterminated XML declaration") }
        let text = String(decoding: bytes[position..<end], as: UTF8.self).lowercased()
        if let range = text.range(of: "encoding") {
            let rest = text[range.upperBound...].drop { $0 == " " || $0 == "=" || $0 == "\"" || $0 == "'" }
            // ASCII bytes read the same in UTF-8, ISO-8859-1 and US-ASCII.
            let ascii = (rest.hasPrefix("iso-8859-1") || rest.hasPrefix("us-ascii")) && bytes.allSatisfy { $0 < 0x80 }
            guard rest.hasPrefix("utf-8") || ascii else {
                throw SignatureError(.unsupportedXML, "only UTF-8 documents are read")
            }
        }
        position = end + 2
    }

    /// White space, comments and processing instructions outside the document element.
    private mutating func miscellany() throws(SignatureError) -> [XMLNode] {
        var nodes: [XMLNode] = []
        while position < bytes.count {
            if Self.isSpace(bytes[position]) {
                position += 1
            } else if looking(at: "<!--") {
                try comment()
                nodes.append(.comment)
            } else if looking(at: "<?") {
                nodes.append(try processingInstruction())
            } else if looking(at: "<!DOCTYPE") {
                throw SignatureError(.unsupportedXML, "a document type declaration is not read")
            } else {
                break
            }
        }
        return nodes
    }

    private mutating func comment() throws(SignatureError) {
        guard let end = find("-->", from: position + 4) else { throw malformed("an unterminated comment") }
        position = end + 3
    }

    private mutating func processingInstruction() throws(SignatureError) -> XMLNode {
        position += 2
        let target = try name()
        guard target.lowercased() != "xml" else { throw malformed("an XML declaration not at the start") }
        guard let end = find("?>") else { throw malformed("an unterminated processing instruction") }
        var start = position
        while start < end, Self.isSpace(bytes[start]) { start += 1 }
        guard start > position || start == end else { throw malformed("a processing instruction's target") }
        let data = try Self.text(normalisingLineEnds(bytes[start..<end]))
        position = end + 2
        return .processingInstruction(target: target, data: data)
    }

    private mutating func element() throws(SignatureError) -> XMLElement {
        let start = position
        position += 1
        depth += 1
        defer { depth -= 1 }
        guard depth <= Self.maximumDepth else { throw SignatureError(.unsupportedXML, "elements nest too deep") }
        var element = XMLElement(name: try name(), range: start..<start, contentRange: start..<start)
        var seen: Set<String> = []
        while true {
            let spaced = skipSpace()
            guard position < bytes.count else { throw malformed("an unterminated start tag") }
            if looking(at: "/>") {
                position += 2
                element.range = start..<position
                element.contentRange = position..<position
                return element
            }
            if bytes[position] == UInt8(ascii: ">") { break }
            guard spaced else { throw malformed("no space before an attribute of <\(element.name)>") }
            let attribute = try name()
            guard seen.insert(attribute).inserted else { throw malformed("<\(element.name)> repeats \(attribute)") }
            _ = skipSpace()
            guard take("=") else { throw malformed("no = after \(attribute)") }
            _ = skipSpace()
            let value = try attributeValue()
            if attribute == "xmlns" {
                element.namespaces.append(("", value))
            } else if attribute.hasPrefix("xmlns:") {
                guard !value.isEmpty else { throw malformed("\(attribute) undeclares a prefix") }
                element.namespaces.append((String(attribute.dropFirst(6)), value))
            } else {
                element.attributes.append(.init(name: attribute, value: value))
            }
        }
        position += 1
        let contentStart = position
        element.children = try content()
        element.contentRange = contentStart..<position
        position += 2
        guard try name() == element.name else { throw malformed("</…> does not close <\(element.name)>") }
        _ = skipSpace()
        guard take(">") else { throw malformed("an unterminated end tag of <\(element.name)>") }
        element.range = start..<position
        return element
    }

    /// The children up to an end tag (left at its `</`).
    private mutating func content() throws(SignatureError) -> [XMLNode] {
        var nodes: [XMLNode] = []
        var text: [UInt8] = []
        func flush() throws(SignatureError) {
            guard !text.isEmpty else { return }
            nodes.append(.text(try Self.text(text)))
            text.removeAll()
        }
        while true {
            guard position < bytes.count else { throw malformed("an element is not closed") }
            let byte = bytes[position]
            if byte == UInt8(ascii: "&") {
                text += try reference()
            } else if byte != UInt8(ascii: "<") {
                let start = position
                while position < bytes.count, bytes[position] != UInt8(ascii: "<"), bytes[position] != UInt8(ascii: "&")
                {
                    position += 1
                }
                text += normalisingLineEnds(bytes[start..<position])
            } else if looking(at: "</") {
                try flush()
                return nodes
            } else if looking(at: "<![CDATA[") {
                guard let end = find("]]>", from: position + 9) else {
                    throw malformed("an unterminated CDATA section")
                }
                text += normalisingLineEnds(bytes[(position + 9)..<end])
                position = end + 3
            } else if looking(at: "<!--") {
                try flush()
                try comment()
                nodes.append(.comment)
            } else if looking(at: "<?") {
                try flush()
                nodes.append(try processingInstruction())
            } else if looking(at: "<!") {
                throw SignatureError(.unsupportedXML, "a declaration inside an element")
            } else {
                try flush()
                nodes.append(.element(try element()))
            }
        }
    }

    /// A quoted attribute value: references resolved, each literal white space character a space.
    private mutating func attributeValue() throws(SignatureError) -> String {
        guard position < bytes.count, bytes[position] == UInt8(ascii: "\"") || bytes[position] == UInt8(ascii: "'")
        else { throw malformed("an attribute value is not quoted") }
        let quote = bytes[position]
        position += 1
        var value: [UInt8] = []
        while true {
            guard position < bytes.count else { throw malformed("an unterminated attribute value") }
            let byte = bytes[position]
            if byte == quote {
                position += 1
                return try Self.text(value)
            } else if byte == UInt8(ascii: "<") {
                throw malformed("< in an attribute value")
            } else if byte == UInt8(ascii: "&") {
                value += try reference()
            } else if byte == 0x0D {
                // A CR LF pair is one line end, so one space.
                position += looking(at: "\r\n") ? 2 : 1
                value.append(0x20)
            } else {
                value.append(Self.isSpace(byte) ? 0x20 : byte)
                position += 1
            }
        }
    }

    /// `&name;` or `&#…;`, as the UTF-8 of the character it stands for.
    private mutating func reference() throws(SignatureError) -> [UInt8] {
        guard let end = find(";"), end - position <= 12 else { throw malformed("an unterminated reference") }
        let name = String(decoding: bytes[(position + 1)..<end], as: UTF8.self)
        position = end + 1
        let scalar: Unicode.Scalar?
        switch name {
        case "lt": scalar = "<"
        case "gt": scalar = ">"
        case "amp": scalar = "&"
        case "quot": scalar = "\""
        case "apos": scalar = "'"
        default:
            if name.hasPrefix("#x") {
                scalar = UInt32(name.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init)
            } else if name.hasPrefix("#") {
                scalar = UInt32(name.dropFirst(1), radix: 10).flatMap(Unicode.Scalar.init)
            } else {
                throw SignatureError(.unsupportedXML, "the entity &\(name); is not declared")
            }
        }
        guard let scalar, Self.isCharacter(scalar) else { throw malformed("&\(name); is not a character") }
        return Array(String(scalar).utf8)
    }

    private mutating func name() throws(SignatureError) -> String {
        let start = position
        while position < bytes.count, !Self.endsName(bytes[position]) { position += 1 }
        guard position > start else { throw malformed("a name is missing") }
        return try Self.text(Array(bytes[start..<position]))
    }

    @discardableResult
    private mutating func skipSpace() -> Bool {
        let start = position
        while position < bytes.count, Self.isSpace(bytes[position]) { position += 1 }
        return position > start
    }

    private mutating func take(_ text: String) -> Bool {
        guard looking(at: text) else { return false }
        position += text.utf8.count
        return true
    }

    private func looking(at text: String) -> Bool {
        let utf8 = text.utf8
        guard position + utf8.count <= bytes.count else { return false }
        return bytes[position..<(position + utf8.count)].elementsEqual(utf8)
    }

    private func find(_ text: String, from start: Int? = nil) -> Int? {
        let needle = Array(text.utf8)
        var index = start ?? position
        while index + needle.count <= bytes.count {
            if bytes[index] == needle[0], bytes[index..<(index + needle.count)].elementsEqual(needle) { return index }
            index += 1
        }
        return nil
    }

    private func normalisingLineEnds(_ slice: ArraySlice<UInt8>) -> [UInt8] {
        guard slice.contains(0x0D) else { return Array(slice) }
        var out: [UInt8] = []
        out.reserveCapacity(slice.count)
        var previousWasCR = false
        for byte in slice {
            if byte == 0x0A, previousWasCR {
                previousWasCR = false
                continue
            }
            previousWasCR = byte == 0x0D
            out.append(previousWasCR ? 0x0A : byte)
        }
        return out
    }

    private func malformed(_ message: String) -> SignatureError {
        SignatureError(.malformedXML, "\(message) (at byte \(position))")
    }

    /// UTF-8 bytes as text; invalid UTF-8 or a character XML forbids is malformed.
    private static func text(_ bytes: [UInt8]) throws(SignatureError) -> String {
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw SignatureError(.malformedXML, "the text is not UTF-8")
        }
        guard text.unicodeScalars.allSatisfy(isCharacter) else {
            throw SignatureError(.malformedXML, "the text holds a character XML forbids")
        }
        return text
    }

    private static func isCharacter(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x9, 0xA, 0xD, 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: true
        default: false
        }
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }

    private static func endsName(_ byte: UInt8) -> Bool {
        isSpace(byte) || byte == UInt8(ascii: "/") || byte == UInt8(ascii: ">") || byte == UInt8(ascii: "=")
            || byte == UInt8(ascii: "<") || byte == UInt8(ascii: "?") || byte == UInt8(ascii: "\"")
            || byte == UInt8(ascii: "'") || byte == UInt8(ascii: "&") || byte == UInt8(ascii: ";")
    }
}
