public import Foundation
import Synchronization

/// A clock that moves only when told: for deterministic tests and simulated days.
///
/// ```swift
/// let clock = SimulatedClock(start: Date())
/// let store = InMemoryStore(now: { clock.now })
/// clock.advance(by: 60)
/// ```
public final class SimulatedClock: Sendable {
    private let current: Mutex<Date>

    /// A clock showing `start`.
    public init(start: Date) { self.current = Mutex(start) }

    /// The current simulated instant.
    public var now: Date { current.withLock { $0 } }

    /// Moves the clock forward.
    public func advance(by seconds: TimeInterval) { current.withLock { $0.addTimeInterval(seconds) } }

    /// Moves the clock forward to `instant`; a clock already past it stays where it is.
    public func advance(to instant: Date) { current.withLock { $0 = max($0, instant) } }

    /// Sets the clock to an instant.
    public func set(_ instant: Date) { current.withLock { $0 = instant } }
}
