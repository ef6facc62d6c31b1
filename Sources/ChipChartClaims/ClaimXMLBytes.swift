/// Claims XML written straight into a byte buffer as UTF-8: the same bytes as
/// ``ClaimXML/document(_:)``, without a `String` per document or per value.
///
/// Text is copied as it is unless one of its bytes needs escaping (see ``ClaimXML/escape(_:)``),
/// so the common case is one scan and one copy per value.
enum ClaimXMLBytes {
    /// Appends a document: the declaration, the root, and the rows.
    static func append(_ document: ClaimDocument, to out: inout [UInt8]) {
        let table = document.table
        out.append(contentsOf: ClaimXML.declaration.utf8)
        openTag(table.rootElement, indent: "", to: &out)
        if let list = table.listElement, let row = table.rowElement {
            openTag(list, indent: "  ", to: &out)
            for values in document.rows {
                openTag(row, indent: "    ", to: &out)
                append(values, indent: "      ", to: &out)
                closeTag(row, indent: "    ", to: &out)
            }
            closeTag(list, indent: "  ", to: &out)
        } else {
            for values in document.rows { append(values, indent: "  ", to: &out) }
        }
        closeTag(table.rootElement, indent: "", to: &out)
    }

    /// Appends text with `&`, `<`, `>`, `"` and `'` escaped and characters XML cannot carry dropped.
    static func appendEscaped(_ text: String, to out: inout [UInt8]) {
        let plain =
            text.utf8.withContiguousStorageIfAvailable { bytes in !bytes.contains(where: ClaimXML.needsWork) }
            ?? !text.utf8.contains(where: ClaimXML.needsWork)
        if plain {
            out.append(contentsOf: text.utf8)
        } else {
            out.append(contentsOf: ClaimXML.escape(text).utf8)
        }
    }

    private static func append(_ row: ClaimRow, indent: String, to out: inout [UInt8]) {
        for value in row.values {
            out.append(contentsOf: indent.utf8)
            out.append(UInt8(ascii: "<"))
            out.append(contentsOf: value.name.utf8)
            out.append(UInt8(ascii: ">"))
            appendEscaped(value.text, to: &out)
            out.append(contentsOf: "</".utf8)
            out.append(contentsOf: value.name.utf8)
            out.append(contentsOf: ">\n".utf8)
        }
    }

    private static func openTag(_ name: String, indent: String, to out: inout [UInt8]) {
        out.append(contentsOf: indent.utf8)
        out.append(UInt8(ascii: "<"))
        out.append(contentsOf: name.utf8)
        out.append(contentsOf: ">\n".utf8)
    }

    private static func closeTag(_ name: String, indent: String, to out: inout [UInt8]) {
        out.append(contentsOf: indent.utf8)
        out.append(contentsOf: "</".utf8)
        out.append(contentsOf: name.utf8)
        out.append(contentsOf: ">\n".utf8)
    }
}
