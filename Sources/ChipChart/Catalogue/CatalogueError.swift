/// A catalogue that cannot be read, or an order it cannot price: which code, line and column.
public struct CatalogueError: Error, Hashable, Sendable, CustomStringConvertible {
    /// Why. New codes are added as constants, never breaking a `switch`.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        /// The name written in logs and JSON; it never changes once released.
        public let name: String
        private init(_ name: String) { self.name = name }

        /// No item has this code.
        public static let unknownCode = Code("unknownCode")
        /// The item exists, but no terms of it apply on the day.
        public static let notInForce = Code("notInForce")
        /// A line of the CSV file is malformed (see ``CatalogueError/line`` and ``CatalogueError/column``).
        public static let invalidRow = Code("invalidRow")

        /// The name, as printed.
        public var description: String { name }
    }

    /// Why.
    public var code: Code
    /// The item code concerned, when one is.
    public var itemCode: String?
    /// The line of the CSV file, from 1 (the header), for `invalidRow`.
    public var line: Int?
    /// The column's name, for `invalidRow`.
    public var column: String?
    /// A sentence for a person.
    public var message: String

    /// Creates an error.
    public init(_ code: Code, itemCode: String? = nil, line: Int? = nil, column: String? = nil, message: String) {
        self.code = code
        self.itemCode = itemCode
        self.line = line
        self.column = column
        self.message = message
    }

    /// `code [line N, column C] [item]: message`.
    public var description: String {
        var text = code.name
        if let line { text += " line \(line)" }
        if let column { text += ", column \(column)" }
        if let itemCode { text += " [\(itemCode)]" }
        return text + ": " + message
    }
}
