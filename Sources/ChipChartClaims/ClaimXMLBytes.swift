/// Claims XML written straight into a byte buffer as UTF-8: the same bytes as
/// ``ClaimXML/document(_:)``, without a `String` per document or per value.
///
/// Text is copied as it is unless one of its bytes needs escaping (see ``ClaimXML/escape(_:)``),
/// so the common case is one scan and one copy per value.
enum ClaimXMLBytes {
    /// Appends a document: the declaration, the root, and the rows.
    static func append(_ document: ClaimDocument, to out: inout [UInt8]) {
        let table = document.table
        copy(ClaimXML.declaration, to: &out)
        tag(table.rootElement, indent: 0, closing: false, to: &out)
        if let list = table.listElement, let row = table.rowElement {
            tag(list, indent: 2, closing: false, to: &out)
            for values in document.rows {
                tag(row, indent: 4, closing: false, to: &out)
                append(values, indent: 6, to: &out)
                tag(row, indent: 4, closing: true, to: &out)
            }
            tag(list, indent: 2, closing: true, to: &out)
        } else {
            for values in document.rows { append(values, indent: 2, to: &out) }
        }
        tag(table.rootElement, indent: 0, closing: true, to: &out)
    }

    /// Appends text with `&`, `<`, `>`, `"` and `'` escaped and characters XML cannot carry dropped.
    static func appendEscaped(_ text: String, to out: inout [UInt8]) {
        let copied = text.utf8.withContiguousStorageIfAvailable { bytes in
            guard !bytes.contains(where: ClaimXML.needsWork) else { return false }
            out.append(contentsOf: bytes)
            return true
        }
        switch copied {
        case true?: return
        case nil where !text.utf8.contains(where: ClaimXML.needsWork): out.append(contentsOf: text.utf8)
        default: copy(ClaimXML.escape(text), to: &out)
        }
    }

    /// Appends a string's UTF-8 bytes as they are, in one copy.
    private static func copy(_ text: String, to out: inout [UInt8]) {
        let copied: Void? = text.utf8.withContiguousStorageIfAvailable { out.append(contentsOf: $0) }
        if copied == nil { out.append(contentsOf: text.utf8) }
    }

    /// Appends each value of a row on a line of its own: `<NAME>text</NAME>`.
    private static func append(_ row: ClaimRow, indent: Int, to out: inout [UInt8]) {
        for value in row.values {
            out.append(contentsOf: repeatElement(UInt8(ascii: " "), count: indent))
            out.append(UInt8(ascii: "<"))
            copy(value.name, to: &out)
            out.append(UInt8(ascii: ">"))
            appendEscaped(value.text, to: &out)
            out.append(UInt8(ascii: "<"))
            out.append(UInt8(ascii: "/"))
            copy(value.name, to: &out)
            out.append(UInt8(ascii: ">"))
            out.append(UInt8(ascii: "\n"))
        }
    }

    /// Appends `<name>` or `</name>` on a line of its own.
    private static func tag(_ name: String, indent: Int, closing: Bool, to out: inout [UInt8]) {
        out.append(contentsOf: repeatElement(UInt8(ascii: " "), count: indent))
        out.append(UInt8(ascii: "<"))
        if closing { out.append(UInt8(ascii: "/")) }
        copy(name, to: &out)
        out.append(UInt8(ascii: ">"))
        out.append(UInt8(ascii: "\n"))
    }
}
