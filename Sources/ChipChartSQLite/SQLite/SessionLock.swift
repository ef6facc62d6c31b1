import Foundation

/// Guards a value that is not thread-safe (a connection) so only one thread uses it at a time.
///
/// The value never leaves the lock: it is reached only inside ``withLock(_:)``, and nothing
/// inside awaits, so the unchecked `Sendable` holds.
final class SessionLock<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private let value: Value

    init(_ value: Value) { self.value = value }

    /// Runs `body` with the value, holding the lock.
    func withLock<T>(_ body: (Value) throws -> T) rethrows -> T {
        lock.lock()
        defer { lock.unlock() }
        return try body(value)
    }
}
