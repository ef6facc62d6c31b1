/// A code from a set of stable names — an error's code, a warning's kind, a validation reason, a
/// claims field's kind — printed, logged and stored as its name.
///
/// Codes are static constants of a struct rather than enum cases, so adding one never breaks a
/// `switch`; a released name never changes. Hashable and the printed form come from the name.
public protocol StableCode: Hashable, Sendable, CustomStringConvertible {
    /// The name written in logs, JSON and the store; it never changes once released.
    var name: String { get }
}

extension StableCode {
    /// The name, as printed.
    public var description: String { name }
}
