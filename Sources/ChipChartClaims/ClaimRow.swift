/// One row of a claims table: each field's text, in the table's order.
///
/// The builder fills every field of the table, empty where nothing is known; a row parsed back
/// from XML holds what the file held, so ``ClaimValidator`` can check either.
public struct ClaimRow: Hashable, Sendable {
    /// One element and its text.
    public struct Value: Hashable, Sendable {
        /// The element name, such as `MA_LK`.
        public var name: String
        /// The text, unescaped.
        public var text: String

        /// A field's text.
        public init(name: String, text: String) {
            self.name = name
            self.text = text
        }
    }

    /// The values, in order.
    public var values: [Value]

    /// A row of values.
    public init(values: [Value]) { self.values = values }

    /// The text of a field, or `nil` when the row has no such element.
    public subscript(name: String) -> String? { values.first { $0.name == name }?.text }
}

/// One table's content for one visit: the table and its rows (XML1 has one row).
public struct ClaimDocument: Hashable, Sendable {
    /// The table.
    public var table: ClaimTable
    /// The rows.
    public var rows: [ClaimRow]

    /// A document of a table.
    public init(table: ClaimTable, rows: [ClaimRow]) {
        self.table = table
        self.rows = rows
    }

    /// The document as UTF-8 XML text, with its declaration; see ``ClaimXML``.
    public var xml: String { ClaimXML.document(self) }
}
