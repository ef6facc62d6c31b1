/// A value from an open set of stable names — an audit action, an identifier kind, a staff role —
/// that an embedder can extend with names of its own (`Staff.Role("pharmacist")`).
///
/// The name is what the store, the logs and JSON hold; a released name never changes. Codable and
/// Hashable come from ``rawValue``.
public protocol NamedKind: RawRepresentable, Hashable, Sendable, Codable, CustomStringConvertible
where RawValue == String {
    /// The value with this name.
    init(rawValue: String)
}

extension NamedKind {
    /// The value with this name.
    public init(_ name: String) { self.init(rawValue: name) }

    /// The name, as printed.
    public var description: String { rawValue }

    /// The name: the same as ``rawValue``, kept for code written before the type was
    /// `RawRepresentable`.
    @available(*, deprecated, renamed: "rawValue")
    public var name: String { rawValue }
}
