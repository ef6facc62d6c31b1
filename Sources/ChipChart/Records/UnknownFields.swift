public import Foundation

/// The fields of a stored record that this version of ChipChart does not know, kept so that
/// rewriting the record does not drop them.
///
/// A newer minor version of the record format may add fields to a ``Patient``, ``Coverage`` or
/// ``Visit``. A store that reads such a record puts those fields here, and writes them back
/// unchanged when the record is committed again — so an older desk that corrects a patient's
/// phone number keeps what a newer desk wrote. Code that embeds ChipChart never needs to look
/// at them; a record made in memory has none.
public struct UnknownFields: Hashable, Sendable {
    /// One field: its stored name and value.
    public struct Field: Hashable, Sendable {
        /// The name the field is stored under.
        public var key: String
        /// The value, as the store read it.
        public var value: Value

        /// A field.
        public init(key: String, value: Value) {
            self.key = key
            self.value = value
        }
    }

    /// A stored value of any shape.
    public indirect enum Value: Hashable, Sendable {
        /// No value.
        case null
        /// True or false.
        case bool(Bool)
        /// A signed whole number.
        case signed(Int64)
        /// An unsigned whole number.
        case unsigned(UInt64)
        /// A floating-point number (dates are stored as seconds).
        case double(Double)
        /// Text.
        case string(String)
        /// A UUID, such as a record id.
        case uuid(UUID)
        /// Named fields, in stored order.
        case object([Field])
        /// Values in order.
        case array([Value])
    }

    /// The fields, in the order they were stored.
    public var fields: [Field]

    /// No fields.
    public init(_ fields: [Field] = []) { self.fields = fields }

    /// True when the record held nothing unknown.
    public var isEmpty: Bool { fields.isEmpty }
}
