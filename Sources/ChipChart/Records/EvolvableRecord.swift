/// A record whose stored form can grow: a store keeps the fields a newer version wrote
/// (``unknownFields``) and writes them back when the record is rewritten.
///
/// ``Patient``, ``Coverage`` and ``Visit`` conform. A backend that stores records in a keyed form
/// (the SQLite store's body, a JSON document) compares a stored record's field names with
/// ``storedFieldNames``: the others are kept in ``unknownFields``.
public protocol EvolvableRecord: Codable {
    /// The names of the fields this version stores (its coding keys).
    static var storedFieldNames: Set<String> { get }

    /// Fields a newer version stored that this version does not know.
    var unknownFields: UnknownFields { get set }
}
