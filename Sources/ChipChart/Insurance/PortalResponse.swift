/// What came back from asking the insurer's portal: an answer, or nothing in time.
///
/// ``CoverageVerifier/ask(_:)`` gives one; ``CoverageTimeline/coverageCheck(_:for:patient:at:)``
/// turns it into a ``CoverageCheck`` for a patient's coverages. Keeping the two apart lets a
/// check-in ask the insurer before it knows which record the person is, and apply the answer
/// once, to that record.
public enum PortalResponse: Hashable, Sendable {
    /// The portal answered (with any result code, an error code included).
    case answered(PortalAnswer)
    /// The portal could not be reached in time, or failed; `reason` says how, for the logs.
    case unavailable(reason: String)

    /// The answer, when the portal gave one.
    public var answer: PortalAnswer? {
        if case .answered(let answer) = self { return answer }
        return nil
    }
}
