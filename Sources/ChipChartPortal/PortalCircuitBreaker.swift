public import ChipChart
public import Foundation
import Synchronization

/// The breaker between the desk and a portal that does not answer: after
/// ``PortalBreakerPolicy/failureThreshold`` calls in a row that could not reach it, calls fail at
/// once with ``ChipChart/PortalUnavailable`` for ``PortalBreakerPolicy/openFor`` — the desk
/// applies the offline rule instead of waiting — and then one trial call is let through; its
/// success closes the breaker, its failure opens it again.
public final class PortalCircuitBreaker: Sendable {
    private struct State {
        var failures = 0
        var openUntil: Date?
        var trialInFlight = false
    }

    /// The policy.
    public let policy: PortalBreakerPolicy
    private let state = Mutex(State())

    /// A closed breaker.
    public init(policy: PortalBreakerPolicy) { self.policy = policy }

    /// Whether calls are refused at `now` (open, or a trial call is under way).
    public func isOpen(at now: Date) -> Bool {
        state.withLock { state in
            guard let until = state.openUntil else { return false }
            return now < until || state.trialInFlight
        }
    }

    /// Lets a call through, or refuses it while open.
    ///
    /// - Throws: ``ChipChart/PortalUnavailable`` while open.
    public func admit(at now: Date) throws(PortalUnavailable) {
        let refused = state.withLock { state -> Bool in
            guard let until = state.openUntil else { return false }
            if now < until || state.trialInFlight { return true }
            state.trialInFlight = true
            return false
        }
        if refused { throw PortalUnavailable(reason: "the portal did not answer lately; trying again later") }
    }

    /// A call reached the portal: the breaker closes.
    public func recordSuccess() {
        state.withLock { $0 = State() }
    }

    /// A call could not reach the portal.
    public func recordFailure(at now: Date) {
        state.withLock { state in
            state.failures += 1
            state.trialInFlight = false
            if state.failures >= policy.failureThreshold || state.openUntil != nil {
                state.openUntil = now.addingTimeInterval(policy.openFor.timeInterval)
            }
        }
    }
}
